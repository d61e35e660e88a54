// RAII transactions and savepoints on both backends.
#include "db/transaction.hpp"

#include <gtest/gtest.h>

#include "db/db_test_util.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;
using lectern::testing::count_items;

class TransactionTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (connection_) lectern::testing::create_items_table(conn());
  }
  void insert(const std::string& name) {
    conn().query("INSERT INTO items (name, qty) VALUES ($1, 1)", name);
  }
};

TEST_P(TransactionTest, CommitKeepsRows) {
  in_transaction(conn(), [&](Connection&) { insert("a"); });
  EXPECT_EQ(count_items(conn()), 1);
  EXPECT_EQ(conn().transaction_depth(), 0);
}

TEST_P(TransactionTest, ExceptionRollsBack) {
  EXPECT_THROW(in_transaction(conn(),
                              [&](Connection&) {
                                insert("a");
                                insert("b");
                                throw std::runtime_error("boom");
                              }),
               std::runtime_error);
  EXPECT_EQ(count_items(conn()), 0);
  EXPECT_TRUE(conn().is_healthy());
}

TEST_P(TransactionTest, DatabaseErrorRollsBackEverything) {
  EXPECT_THROW(in_transaction(conn(),
                              [&](Connection&) {
                                insert("a");
                                insert("a");  // unique violation
                              }),
               UniqueViolation);
  EXPECT_EQ(count_items(conn()), 0);
}

TEST_P(TransactionTest, FailedSavepointRollsBackOnlyItsPart) {
  {
    Transaction outer(conn());
    insert("kept-before");
    try {
      Transaction inner(conn());
      EXPECT_TRUE(inner.is_savepoint());
      insert("lost");
      insert("kept-before");  // fails: duplicate
      inner.commit();
      FAIL() << "the duplicate should have thrown";
    } catch (const UniqueViolation&) {
    }
    // On PostgreSQL the failed statement aborted the transaction; rolling back
    // to the savepoint must have made it usable again.
    insert("kept-after");
    outer.commit();
  }
  auto rows = conn().query("SELECT name FROM items ORDER BY name");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].get<std::string>("name"), "kept-after");
  EXPECT_EQ(rows[1].get<std::string>("name"), "kept-before");
}

TEST_P(TransactionTest, NestedSavepointCommitIsKeptWhenOuterCommits) {
  {
    Transaction outer(conn());
    {
      Transaction inner(conn());
      insert("inner");
      inner.commit();
    }
    EXPECT_EQ(conn().transaction_depth(), 1);
    outer.commit();
  }
  EXPECT_EQ(count_items(conn()), 1);
}

TEST_P(TransactionTest, OuterRollbackDiscardsCommittedSavepoint) {
  {
    Transaction outer(conn());
    {
      Transaction inner(conn());
      insert("inner");
      inner.commit();
    }
    // outer goes out of scope without commit
  }
  EXPECT_EQ(count_items(conn()), 0);
}

TEST_P(TransactionTest, UncommittedWorkIsInvisibleToOtherConnections) {
  auto other = scratch().connect();
  Transaction tx(conn());
  insert("pending");
  EXPECT_EQ(count_items(*other), 0);
  tx.commit();
  EXPECT_EQ(count_items(*other), 1);
}

LECTERN_INSTANTIATE_BACKENDS(TransactionTest);

}  // namespace
}  // namespace lectern::db
