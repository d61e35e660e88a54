// SQLite's allocator (db/sqlite/sqlite_memory.hpp) recycles blocks through
// per-thread free lists: memory allocated on one thread and freed on another,
// and threads that end with blocks cached, must all stay correct (run under
// AddressSanitizer by `make test`).
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/sqlite/sqlite_connection.hpp"

namespace lectern::db {
namespace {

namespace fs = std::filesystem;

class SqliteMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lectern-sqlite-memory-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(int i) const {
    return (dir_ / ("db" + std::to_string(i) + ".sqlite3")).string();
  }

  fs::path dir_;
};

// Each ALTER TABLE makes SQLite free and re-parse the whole schema: a churn
// of small blocks through the free lists.
void churn_schema(Connection& c, int tables, int columns) {
  for (int t = 0; t < tables; ++t) {
    c.execute_script("CREATE TABLE t" + std::to_string(t) + " (id integer PRIMARY KEY)");
  }
  for (int k = 0; k < columns; ++k) {
    c.execute_script("ALTER TABLE t" + std::to_string(k % tables) + " ADD COLUMN c" +
                     std::to_string(k) + " text NOT NULL DEFAULT 'x'");
  }
}

TEST_F(SqliteMemoryTest, ConnectionsOnThreadsThatEndAreClosedElsewhere) {
  constexpr int kThreads = 4;
  std::vector<std::unique_ptr<Connection>> opened(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      opened[i] = std::make_unique<SqliteConnection>(path(i));
      churn_schema(*opened[i], 10, 60);
    });
  }
  for (auto& t : threads) t.join();
  // The threads that allocated are gone; their schemas are used and freed here.
  for (int i = 0; i < kThreads; ++i) {
    auto rows = opened[i]->query("SELECT COUNT(*) AS n FROM pragma_table_info('t0')");
    EXPECT_EQ(rows.front().get<std::int64_t>("n"), 7);
    opened[i]->execute_script("ALTER TABLE t1 ADD COLUMN late integer");
    opened[i].reset();
  }
}

TEST_F(SqliteMemoryTest, LargeAndSmallBlocksKeepTheirContents) {
  SqliteConnection c(path(0));
  c.execute_script("CREATE TABLE blobs (id integer PRIMARY KEY, body text)");
  // Values from a few bytes to well above the small-block sizes, read back.
  for (std::size_t size : {1u, 15u, 16u, 17u, 1000u, 1024u, 1025u, 70000u}) {
    std::string body(size, char('a' + size % 26));
    c.query("INSERT INTO blobs (body) VALUES ($1)", body);
    auto rows = c.query("SELECT body FROM blobs ORDER BY id DESC LIMIT 1");
    EXPECT_EQ(rows.front().get<std::string>("body"), body) << size;
  }
  churn_schema(c, 3, 30);
}

}  // namespace
}  // namespace lectern::db
