// SQLite writers of one process queue on the file's in-process writer lock
// (db/sqlite/writer_lock.hpp) instead of meeting SQLITE_BUSY and backing
// off; a writer still gives up with DatabaseTimeout at the statement timeout.
#include "db/sqlite/writer_lock.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "db/database.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class SqliteWriterLockTest : public ::testing::Test {
 protected:
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

  lectern::testing::ScratchDatabase scratch_{Backend::kSqlite};
};

// Many writers at once, each holding the write lock a little: every
// transaction and autocommit write succeeds within a 1 s bound. In line, a
// writer waits for the ones ahead of it only; with SQLite's busy handler
// alone, a writer sleeping up to 100 ms between polls could be overtaken
// again and again until its timeout.
TEST_F(SqliteWriterLockTest, ConcurrentWritersQueueAndAllSucceed) {
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
          // Autocommit writes queue too.
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

TEST_F(SqliteWriterLockTest, AWriterWaitsAtMostTheStatementTimeout) {
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

TEST_F(SqliteWriterLockTest, AWriterRunsTheMomentTheOneBeforeItEnds) {
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

// First come, first served: each waiter is granted the lock in the order it
// queued.
TEST(WriterLockTest, WaitersAreServedInOrder) {
  WriterLock lock;
  ASSERT_TRUE(lock.lock_until(Clock::now()));
  std::vector<int> order;
  std::mutex order_mutex;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      ASSERT_TRUE(lock.lock_until(Clock::now() + 10s));
      {
        std::lock_guard g(order_mutex);
        order.push_back(i);
      }
      lock.unlock();
    });
    std::this_thread::sleep_for(50ms);  // queued before the next one starts
  }
  lock.unlock();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

TEST(WriterLockTest, AWaiterThatGaveUpLeavesTheLine) {
  WriterLock lock;
  ASSERT_TRUE(lock.lock_until(Clock::now()));
  EXPECT_FALSE(lock.lock_until(Clock::now() + 20ms));
  lock.unlock();
  // Nobody is left in line: the lock is free at once.
  EXPECT_TRUE(lock.lock_until(Clock::now()));
  lock.unlock();
}

TEST(WriterLockTest, OneLockPerFile) {
  const auto a = WriterLock::for_file("/tmp/lectern-writer-lock-test.db");
  EXPECT_EQ(a, WriterLock::for_file("/tmp/../tmp/lectern-writer-lock-test.db"));
  EXPECT_NE(a, WriterLock::for_file("/tmp/lectern-writer-lock-other.db"));
}

}  // namespace
}  // namespace lectern::db
