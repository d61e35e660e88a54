// A writer that finds an SQLite file's write lock taken tries it again
// every half millisecond until the statement timeout (DatabaseTimeout), and
// the connections of one process to one file share a background
// checkpointer that starts the WAL over when commits pause
// (db/sqlite/shared_file.hpp).
#include "db/sqlite/shared_file.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "db/errors.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/transaction.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class SqliteSharedFileTest : public ::testing::Test {
 public:
  void SetUp() override {
    auto setup = open(10s);
    setup->execute_script("CREATE TABLE t (id integer PRIMARY KEY, writer integer NOT NULL)");
  }
  std::unique_ptr<Connection> open(std::chrono::milliseconds statement_timeout) {
    return connect(parse_database_url(scratch_.url()), {.statement_timeout = statement_timeout});
  }
  std::int64_t rows(Connection& c) {
    return c.query("SELECT count(*) FROM t").front().get<std::int64_t>(0);
  }
  std::string file() const { return parse_database_url(scratch_.url()).target; }

  lectern::testing::ScratchDatabase scratch_{Backend::kSqlite};
};

// Many writers at once, each holding the write lock a little: every
// transaction and autocommit write succeeds within a 1 s bound, which a
// writer sleeping up to 100 ms between polls (SQLite's own busy handler)
// could miss while being overtaken again and again.
TEST_F(SqliteSharedFileTest, ConcurrentWritersAllSucceed) {
  constexpr int kWriters = 16;
  constexpr int kTransactions = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto c = open(1s);
      for (int i = 0; i < kTransactions; ++i) {
        try {
          in_transaction(*c, [&](Connection& tx) {
            tx.query("INSERT INTO t (writer) VALUES ($1)", std::int64_t{w});
            std::this_thread::sleep_for(200us);
          });
          c->query("UPDATE t SET writer = writer WHERE id = 1");
        } catch (const std::exception& e) {
          ADD_FAILURE() << "writer " << w << ": " << e.what();
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto c = open(2s);
  EXPECT_EQ(rows(*c), kWriters * kTransactions);
}

TEST_F(SqliteSharedFileTest, AWriterWaitsAtMostTheStatementTimeout) {
  auto holder = open(10s);
  auto waiter = open(200ms);
  Transaction tx(*holder);
  holder->query("INSERT INTO t (writer) VALUES (1)");
  const auto start = Clock::now();
  EXPECT_THROW(waiter->query("INSERT INTO t (writer) VALUES (2)"), DatabaseTimeout);
  EXPECT_THROW(Transaction{*waiter}, DatabaseTimeout);
  const auto waited = Clock::now() - start;
  EXPECT_GE(waited, 2 * 190ms);
  EXPECT_LT(waited, 2 * 200ms + 1500ms);
  // Readers never wait for writers (WAL), and the waiter gave up cleanly.
  EXPECT_EQ(rows(*waiter), 0);
  EXPECT_TRUE(waiter->is_healthy());
  tx.commit();
  waiter->query("INSERT INTO t (writer) VALUES (2)");
  EXPECT_EQ(rows(*waiter), 2);
}

// A rollback sends no signal: the waiter finds the lock free at its next
// poll, well before its timeout.
TEST_F(SqliteSharedFileTest, AWriterGoesOnAfterARollback) {
  auto holder = open(10s);
  auto waiter = open(10s);
  auto tx = std::make_unique<Transaction>(*holder);
  std::atomic<bool> done{false};
  std::thread t([&] {
    waiter->query("INSERT INTO t (writer) VALUES (2)");
    done = true;
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(done.load());
  tx->rollback();
  t.join();
  EXPECT_TRUE(done.load());
  EXPECT_EQ(rows(*holder), 1);
}

TEST(SharedSqliteFileTest, OnePerFile) {
  const auto a = SharedSqliteFile::for_file("/tmp/lectern-shared-file-test.db");
  EXPECT_EQ(a, SharedSqliteFile::for_file("/tmp/../tmp/lectern-shared-file-test.db"));
  EXPECT_NE(a, SharedSqliteFile::for_file("/tmp/lectern-shared-file-other.db"));
}

// Writes a row of 2 KB at a time while a reader keeps coming back, as
// under load, until `enough` says stop; returns the largest WAL file seen.
std::uintmax_t write_with_readers(SqliteSharedFileTest& test, Connection& writer,
                                  Checkpointer& checkpointer,
                                  const std::function<bool(int)>& enough) {
  writer.execute_script("PRAGMA journal_size_limit=0; ALTER TABLE t ADD COLUMN pad text");
  std::atomic<bool> writing{true};
  std::thread reader([&] {
    auto c = test.open(10s);
    while (writing) {
      // A deferred BEGIN: a read transaction (Transaction takes the write
      // lock on SQLite).
      c->execute_script("BEGIN");
      c->query("SELECT max(id) FROM t");
      std::this_thread::sleep_for(1ms);
      c->execute_script("COMMIT");
    }
  });
  const std::string padding(2000, 'x');
  std::uintmax_t largest = 0;
  for (int i = 0; !enough(i); ++i) {
    writer.query("INSERT INTO t (writer, pad) VALUES ($1, $2)", std::int64_t{i}, padding);
    // What a commit's WAL hook does past SQLite's threshold.
    if (i % 20 == 0) checkpointer.request();
    largest = std::max(largest, std::filesystem::file_size(test.file() + "-wal"));
  }
  writing = false;
  reader.join();
  return largest;
}

// Past its bound, the WAL starts over once the commits pause, its file
// emptied, so that the next writers append rather than write over old frames.
TEST_F(SqliteSharedFileTest, TheWalStartsOverAtAQuietMoment) {
  Checkpointer checkpointer(file(), 200);
  auto writer = open(10s);
  const auto largest =
      write_with_readers(*this, *writer, checkpointer, [](int i) { return i == 1000; });
  ASSERT_GT(largest, std::uintmax_t{200} * 4096);
  // The pause: the restart follows kQuietTime after the last request (or the
  // WAL already started over by chance, between two readers).
  const auto restarts = checkpointer.restarts();
  checkpointer.request();
  const auto deadline = Clock::now() + 2s;
  while (checkpointer.restarts() == restarts && Clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_GT(checkpointer.checkpoints(), 0u);
  if (checkpointer.restarts() > restarts) {
    EXPECT_EQ(std::filesystem::file_size(file() + "-wal"), 0u);  // TRUNCATE empties it
  }
  writer->query("INSERT INTO t (writer) VALUES (-1)");  // appends to the emptied file
  EXPECT_LT(std::filesystem::file_size(file() + "-wal"), std::uintmax_t{200} * 4096);
}

}  // namespace
}  // namespace lectern::db
