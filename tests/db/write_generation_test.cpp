// The write generation: which statements count as writes, and that each
// backend counts a write once it succeeded, a transaction's at its COMMIT
// too, and never a read.
#include "db/write_generation.hpp"

#include <gtest/gtest.h>

#include "db/db_test_util.hpp"
#include "db/transaction.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

TEST(MayWrite, ReadsAndTransactionStartsAreNotWrites) {
  for (const char* sql : {"SELECT 1", "  select * FROM t", "\nSelect(1)", "BEGIN",
                          "BEGIN IMMEDIATE", "SAVEPOINT sp_1"}) {
    EXPECT_FALSE(may_write(sql)) << sql;
  }
  for (const char* sql :
       {"INSERT INTO t VALUES (1)", "update t SET a = 1", "DELETE FROM t", "COMMIT",
        "RELEASE SAVEPOINT sp_1", "ROLLBACK", "WITH d AS (DELETE FROM t RETURNING id) SELECT 1",
        "CREATE TABLE t (a int)", "SELECTED", "PRAGMA foreign_keys = ON", ""}) {
    EXPECT_TRUE(may_write(sql)) << sql;
  }
}

class WriteGenerationTest : public lectern::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (connection_) lectern::testing::create_items_table(conn());
  }
};

TEST_P(WriteGenerationTest, WritesCountOnceDoneAndReadsNever) {
  auto before = write_generation();
  conn().query("SELECT count(*) FROM items");
  EXPECT_EQ(write_generation(), before);

  conn().query("INSERT INTO items (name, qty) VALUES ($1, 1)", std::string("a"));
  EXPECT_GT(write_generation(), before);

  before = write_generation();
  std::uint64_t inside = 0;
  in_transaction(conn(), [&](Connection& c) {
    c.query("UPDATE items SET qty = 2");
    inside = write_generation();
  });
  EXPECT_GT(inside, before);
  EXPECT_GT(write_generation(), inside);  // the COMMIT, once it is visible

  before = write_generation();
  EXPECT_THROW(conn().query("INSERT INTO items (name, qty) VALUES ($1, -1)", std::string("b")),
               DatabaseError);
  EXPECT_EQ(write_generation(), before);  // refused: nothing changed

  conn().execute_script("DELETE FROM items");
  EXPECT_GT(write_generation(), before);
}

LECTERN_INSTANTIATE_BACKENDS(WriteGenerationTest);

}  // namespace
}  // namespace lectern::db
