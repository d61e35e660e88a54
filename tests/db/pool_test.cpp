// The connection pool under more threads than connections, with health
// checks and reconnects, on both backends.
#include "db/pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/db_test_util.hpp"
#include "db/errors.hpp"
#include "db/postgres/pg_connection.hpp"
#include "db/transaction.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;

class PoolTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (connection_) lectern::testing::create_items_table(conn());
  }
  std::unique_ptr<Database> open(PoolOptions options) {
    return Database::open(scratch().url(), options);
  }
};

TEST_P(PoolTest, MoreThreadsThanConnectionsShareThePool) {
  constexpr int kThreads = 12, kPerThread = 15;
  auto db = open({.max_size = 3, .acquire_timeout = std::chrono::seconds(30)});
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        try {
          auto c = db->acquire();
          in_transaction(*c, [&](Connection& conn) {
            conn.query("INSERT INTO items (name, qty) VALUES ($1, $2)",
                       "t" + std::to_string(t) + "-" + std::to_string(i), i);
          });
        } catch (const std::exception& e) {
          ++failures;
          ADD_FAILURE() << e.what();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(lectern::testing::count_items(conn()), kThreads * kPerThread);
  auto stats = db->pool().stats();
  EXPECT_LE(stats.peak_in_use, 3u);
  EXPECT_LE(stats.created, 3u);
  EXPECT_EQ(stats.in_use, 0u);
}

TEST_P(PoolTest, AcquireTimesOutWhenAllConnectionsAreBusy) {
  auto db = open({.max_size = 1, .acquire_timeout = std::chrono::milliseconds(50)});
  auto held = db->acquire();
  EXPECT_THROW(db->acquire(), PoolTimeout);
}

TEST_P(PoolTest, ConnectionReturnedInsideTransactionIsDiscarded) {
  auto db = open({.max_size = 2});
  {
    auto c = db->acquire();
    c->execute(c->begin_statement(), {});  // left open on purpose, outside a Transaction
  }
  auto stats = db->pool().stats();
  EXPECT_EQ(stats.discarded, 1u);
  EXPECT_EQ(stats.idle, 0u);
  // The next one is fresh and sees no open transaction.
  auto c = db->acquire();
  EXPECT_TRUE(c->is_healthy());
}

TEST_P(PoolTest, ReusesIdleConnections) {
  auto db = open({.max_size = 4});
  for (int i = 0; i < 10; ++i) {
    auto c = db->acquire();
    c->query("SELECT 1");
  }
  EXPECT_EQ(db->pool().stats().created, 1u);
}

TEST_P(PoolTest, BrokenIdleConnectionIsReplacedOnAcquire) {
  auto db = open({.max_size = 1, .health_check_after = std::chrono::milliseconds(0)});
  if (GetParam() == Backend::kPostgres) {
    int pid = 0;
    {
      auto c = db->acquire();
      pid = dynamic_cast<PgConnection&>(*c).backend_pid();
    }
    conn().query("SELECT pg_terminate_backend($1::int)", pid);
    // Wait until the server has really ended that session.
    for (int i = 0; i < 100; ++i) {
      if (conn()
              .query("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1::int", pid)
              .front()
              .get<int>(0) == 0)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    auto c = db->acquire();
    EXPECT_NE(dynamic_cast<PgConnection&>(*c).backend_pid(), pid);
    EXPECT_EQ(c->query("SELECT 1 AS one").front().get<int>("one"), 1);
    EXPECT_EQ(db->pool().stats().discarded, 1u);
  } else {
    // SQLite connections do not break while idle: the ping passes and the
    // same connection is reused.
    { auto c = db->acquire(); }
    auto c = db->acquire();
    EXPECT_EQ(c->query("SELECT 1 AS one").front().get<int>("one"), 1);
    EXPECT_EQ(db->pool().stats().created, 1u);
    EXPECT_EQ(db->pool().stats().discarded, 0u);
  }
}

LECTERN_INSTANTIATE_BACKENDS(PoolTest);

// A connection whose round trips all pass their deadline, as on a frozen server.
class TimedOutConnection final : public Connection {
 public:
  const Dialect& dialect() const override { return dialect_for(Backend::kSqlite); }
  ResultSet execute(std::string_view, std::span<const Value>) override {
    timed_out_ = true;
    throw DatabaseTimeout("no answer in time");
  }
  void execute_script(std::string_view) override { execute({}, {}); }
  bool is_healthy() const override { return !timed_out_; }
  bool ping() override { return false; }
  bool timed_out() const override { return timed_out_; }
  StatementCacheStats statement_cache_stats() const override { return {}; }
  bool table_exists(std::string_view) override { return execute({}, {}).empty(); }
  void lock_session(std::int64_t) override { execute({}, {}); }
  void unlock_session(std::int64_t) override { execute({}, {}); }

 private:
  bool timed_out_ = false;
};

// Once the database stopped answering, the pool does not make every caller
// wait for it again: one caller at a time tries it, at most every
// retry_after; the others are refused at once. When it answers, the pool
// serves again without a restart.
TEST(PoolOutageTest, AnUnavailableDatabaseIsTriedByOneCallerAtATime) {
  std::atomic<int> opened{0};
  std::atomic<bool> answers{true};
  ConnectionPool pool(
      [&]() -> std::unique_ptr<Connection> {
        ++opened;
        if (!answers) throw DatabaseTimeout("cannot connect: no answer within 100 ms");
        return std::make_unique<TimedOutConnection>();
      },
      {.max_size = 4,
       .acquire_timeout = std::chrono::seconds(5),
       .retry_after = std::chrono::milliseconds(300)});
  {
    auto c = pool.acquire();
    EXPECT_THROW(c->query("SELECT 1"), DatabaseTimeout);
  }  // handed back timed out: the database is unavailable
  EXPECT_TRUE(pool.stats().unavailable);
  answers = false;
  // Refused at once, without trying to connect, until retry_after passed.
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) EXPECT_THROW(pool.acquire(), DatabaseUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_EQ(opened.load(), 1);
  // Then one caller tries (and fails: still down), and the wait starts again.
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  EXPECT_THROW(pool.acquire(), DatabaseTimeout);
  EXPECT_EQ(opened.load(), 2);
  EXPECT_THROW(pool.acquire(), DatabaseUnavailable);
  EXPECT_EQ(opened.load(), 2);
  // Back: the next try succeeds and everyone is served again.
  answers = true;
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  auto first = pool.acquire();
  EXPECT_FALSE(pool.stats().unavailable);
  auto second = pool.acquire();
  EXPECT_EQ(opened.load(), 4);
}

TEST(PoolOutageTest, WaitersForABusyPoolAreReleasedWhenTheDatabaseIsFoundUnavailable) {
  ConnectionPool pool([] { return std::make_unique<TimedOutConnection>(); },
                      {.max_size = 1, .acquire_timeout = std::chrono::seconds(30)});
  auto held = std::make_unique<PooledConnection>(pool.acquire());
  std::atomic<bool> refused{false};
  std::thread waiter([&] {
    try {
      pool.acquire();
    } catch (const DatabaseUnavailable&) {
      refused = true;
    }
  });
  // The waiter must be waiting before the timeout (a thread can start late
  // under ThreadSanitizer).
  while (pool.stats().waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW((*held)->query("SELECT 1"), DatabaseTimeout);
  held.reset();  // handed back timed out
  waiter.join();
  EXPECT_TRUE(refused.load());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

}  // namespace
}  // namespace lectern::db
