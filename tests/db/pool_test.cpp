// The connection pool under more threads than connections, with health
// checks and reconnects, on both backends.
#include "db/pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/db_test_util.hpp"
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

}  // namespace
}  // namespace lectern::db
