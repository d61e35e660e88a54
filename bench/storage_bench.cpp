// Storage-layer micro-benchmarks on SQLite: the cost of one cached prepared
// statement round trip, and of one committed insert (the activity-write path).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "db/database.hpp"
#include "db/transaction.hpp"

namespace {

using namespace lectern;

std::unique_ptr<db::Database> open_scratch(const char* name) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  auto database = db::Database::open("sqlite:///" + path.string());
  auto c = database->acquire();
  c->execute_script(
      "CREATE TABLE items (id integer PRIMARY KEY AUTOINCREMENT, name text NOT NULL, qty bigint)");
  for (int i = 0; i < 1000; ++i) {
    c->query("INSERT INTO items (name, qty) VALUES ($1, $2)", "item" + std::to_string(i), i);
  }
  return database;
}

void BM_SelectByPrimaryKey(benchmark::State& state) {
  auto database = open_scratch("lectern-bench-select.db");
  auto c = database->acquire();
  std::int64_t id = 1;
  for (auto _ : state) {
    auto rows = c->query("SELECT id, name, qty FROM items WHERE id = $1", id);
    benchmark::DoNotOptimize(rows.front().get<std::int64_t>("qty"));
    id = id % 1000 + 1;
  }
}
BENCHMARK(BM_SelectByPrimaryKey);

void BM_CommittedInsert(benchmark::State& state) {
  auto database = open_scratch("lectern-bench-insert.db");
  auto c = database->acquire();
  for (auto _ : state) {
    db::in_transaction(*c, [](db::Connection& conn) {
      conn.query("INSERT INTO items (name, qty) VALUES ($1, $2) RETURNING id", "bench", 1);
    });
  }
}
BENCHMARK(BM_CommittedInsert);

}  // namespace

BENCHMARK_MAIN();
