// Each class of the db error tree, produced by a real database error on both
// backends.
#include <gtest/gtest.h>

#include "db/db_test_util.hpp"
#include "db/errors.hpp"
#include "db/postgres/pg_connection.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;

class DbErrorsTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!connection_) return;
    lectern::testing::create_items_table(conn());
    conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", "pen", 1);
  }
};

TEST_P(DbErrorsTest, DuplicateKeyIsUniqueViolation) {
  EXPECT_THROW(conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", "pen", 2),
               UniqueViolation);
}

TEST_P(DbErrorsTest, MissingParentIsForeignKeyViolation) {
  EXPECT_THROW(conn().query("INSERT INTO tags (item_id, label) VALUES ($1, $2)", 999, "x"),
               ForeignKeyViolation);
}

TEST_P(DbErrorsTest, NullInNotNullColumnIsNotNullViolation) {
  EXPECT_THROW(conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", nullptr, 1),
               NotNullViolation);
}

TEST_P(DbErrorsTest, FailedCheckIsCheckViolation) {
  EXPECT_THROW(conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", "neg", -1),
               CheckViolation);
}

TEST_P(DbErrorsTest, IntegrityErrorsShareTheBaseAndMapToConflictOrValidation) {
  try {
    conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", "pen", 2);
    FAIL();
  } catch (const IntegrityError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
  try {
    conn().query("INSERT INTO items (name, qty) VALUES ($1, $2)", "neg", -1);
    FAIL();
  } catch (const IntegrityError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kValidation);
  }
}

TEST_P(DbErrorsTest, BadSqlIsStatementError) {
  EXPECT_THROW(conn().query("SELECT nosuchcolumn FROM items"), StatementError);
  EXPECT_THROW(conn().query("SELECT * FROM items WHERE id = $1"), StatementError);  // no param
}

TEST_P(DbErrorsTest, ConcurrentWriteConflictIsSerializationFailure) {
  auto other = scratch().connect();
  if (GetParam() == Backend::kPostgres) {
    // Repeatable read: updating a row another transaction changed since our
    // snapshot must fail with 40001.
    conn().execute_script("BEGIN ISOLATION LEVEL REPEATABLE READ");
    conn().query("SELECT qty FROM items WHERE name = $1", "pen");
    other->query("UPDATE items SET qty = qty + 1 WHERE name = $1", "pen");
    EXPECT_THROW(conn().query("UPDATE items SET qty = qty + 1 WHERE name = $1", "pen"),
                 SerializationFailure);
    conn().execute_script("ROLLBACK");
  } else {
    // SQLite: a second writer finds the write lock taken (SQLITE_BUSY).
    other->execute_script("PRAGMA busy_timeout = 50");
    conn().execute_script("BEGIN IMMEDIATE");
    EXPECT_THROW(other->execute_script("BEGIN IMMEDIATE"), SerializationFailure);
    conn().execute_script("ROLLBACK");
  }
}

TEST_P(DbErrorsTest, UnreachableDatabaseIsConnectionError) {
  std::string url = GetParam() == Backend::kPostgres
                        ? "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
                        : "sqlite:////nonexistent-dir-lectern/x.db";
  EXPECT_THROW(Database::open(url), ConnectionError);
}

TEST_P(DbErrorsTest, DroppedConnectionIsConnectionLost) {
  if (GetParam() == Backend::kPostgres) {
    auto& pg = dynamic_cast<PgConnection&>(conn());
    auto killer = scratch().connect();
    killer->query("SELECT pg_terminate_backend($1::int)", pg.backend_pid());
    EXPECT_THROW(conn().query("SELECT 1"), ConnectionLost);
    EXPECT_FALSE(conn().is_healthy());
  } else {
    // SQLite has no server to lose; the equivalent is a file that cannot be read.
    EXPECT_THROW(Database::open("sqlite:////proc/version"), ConnectionError);
  }
}

LECTERN_INSTANTIATE_BACKENDS(DbErrorsTest);

}  // namespace
}  // namespace lectern::db
