// Each class of the db error tree, produced by a real database error on both
// backends.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "db/database.hpp"
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
    // SQLite (WAL): a read transaction whose snapshot another writer made
    // stale cannot start writing (SQLITE_BUSY_SNAPSHOT).
    conn().execute_script("BEGIN");
    conn().query("SELECT qty FROM items WHERE name = $1", "pen");
    other->query("UPDATE items SET qty = qty + 1 WHERE name = $1", "pen");
    EXPECT_THROW(conn().query("UPDATE items SET qty = qty + 1 WHERE name = $1", "pen"),
                 SerializationFailure);
    conn().execute_script("ROLLBACK");
  }
}

TEST_P(DbErrorsTest, LockHeldPastTheStatementTimeoutIsDatabaseTimeout) {
  // A writer that waits for another's lock gives up at its statement
  // timeout: not a conflict to retry at once but a database that cannot
  // serve now (503, exit 3). PostgreSQL: statement_timeout (57014);
  // SQLite: the busy timeout.
  auto waiter = connect(parse_database_url(scratch().url()),
                        {.statement_timeout = std::chrono::milliseconds(200)});
  conn().execute_script(GetParam() == Backend::kPostgres
                            ? "BEGIN; LOCK TABLE items IN EXCLUSIVE MODE"
                            : "BEGIN IMMEDIATE");
  const auto start = std::chrono::steady_clock::now();
  try {
    waiter->query("INSERT INTO items (name, qty) VALUES ($1, $2)", "ink", 1);
    ADD_FAILURE() << "the insert did not wait for the lock";
  } catch (const DatabaseTimeout& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
    EXPECT_EQ(e.code(), "database_unavailable");
  }
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(190));
  EXPECT_LT(took, std::chrono::milliseconds(2000));
  // The server answered: the connection is still good.
  EXPECT_FALSE(waiter->timed_out());
  conn().execute_script("ROLLBACK");
  EXPECT_TRUE(waiter->is_healthy());
  waiter->query("INSERT INTO items (name, qty) VALUES ($1, $2)", "ink", 1);
  EXPECT_EQ(lectern::testing::count_items(conn()), 2);
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

// What the storage and the server's resources refuse is "not now", with a
// code of its own, on both backends' codes.
TEST(DbErrorClassesTest, PostgresResourceAndConnectionStatesAreUnavailable) {
  struct Case {
    const char* sqlstate;
    std::string_view code;
  };
  for (const Case& c :
       {Case{"53100", "storage_full"}, Case{"58030", "storage_unavailable"},
        Case{"53200", "database_unavailable"}, Case{"53300", "database_unavailable"},
        Case{"57P03", "database_unavailable"}, Case{"08006", "database_unavailable"},
        Case{"08001", "database_unavailable"}, Case{"57014", "database_unavailable"}}) {
    SCOPED_TRACE(c.sqlstate);
    try {
      raise_for_sqlstate(c.sqlstate, "message");
    } catch (const DatabaseError& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
      EXPECT_EQ(e.code(), c.code);
      EXPECT_EQ(e.sqlstate(), c.sqlstate);
    }
  }
  EXPECT_THROW(raise_for_sqlstate("53100", "disk full"), StorageFull);
  EXPECT_THROW(raise_for_sqlstate("53300", "too many clients"), DatabaseUnavailable);
  EXPECT_THROW(raise_for_sqlstate("08006", "connection failure"), ConnectionLost);
  EXPECT_THROW(raise_for_sqlstate("57014", "canceling statement"), DatabaseTimeout);
  // What stays as it was: a protocol violation keeps the session; bad SQL is a bug.
  EXPECT_THROW(raise_for_sqlstate("08P01", "protocol"), StatementError);
  EXPECT_THROW(raise_for_sqlstate("42P01", "no such table"), StatementError);
  EXPECT_THROW(raise_for_sqlstate("23505", "duplicate", "uniq"), UniqueViolation);
}

TEST(DbErrorClassesTest, SqliteReadOnlyDatabaseIsStorageError) {
  auto db = connect(parse_database_url("sqlite::memory:"));
  db->execute_script("CREATE TABLE t (x integer)");
  // As a read-only file or mount answers (SQLITE_READONLY), for root too.
  db->execute_script("PRAGMA query_only = 1");
  EXPECT_EQ(db->query("SELECT COUNT(*) FROM t").front().get<std::int64_t>(0), 0);
  try {
    db->query("INSERT INTO t (x) VALUES (1)");
    ADD_FAILURE() << "a read-only database took a write";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
    EXPECT_EQ(e.code(), "storage_unavailable");
  }
}

// A server that accepts connections and never answers (a frozen one):
// connecting gives up at the connect timeout instead of waiting for ever.
TEST(DbTimeoutTest, PostgresServerThatNeverAnswersTimesOutConnecting) {
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 8), 0);  // the kernel accepts; nobody reads
  socklen_t size = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &size);
  const std::string url =
      "postgresql://nobody@127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/none";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(
      connect(parse_database_url(url), {.connect_timeout = std::chrono::milliseconds(300)}),
      DatabaseTimeout);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(290));
  EXPECT_LT(took, std::chrono::milliseconds(2000));
  ::close(listener);
}

}  // namespace
}  // namespace lectern::db
