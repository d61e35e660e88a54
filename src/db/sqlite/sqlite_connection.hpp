// A Connection to an SQLite file (or ":memory:"). The only header that names
// the sqlite3 C API's handle types; sqlite3.h itself is included in the .cpp.
// Opened with WAL, busy_timeout (ConnectionOptions::statement_timeout, else
// 10 s), foreign_keys=ON and synchronous=NORMAL.
//
// Writers of one process queue on the file's WriterLock (writer_lock.hpp)
// before SQLite's lock: a connection becomes a writer at BEGIN IMMEDIATE (or
// EXCLUSIVE), or at a statement that writes (sqlite3_stmt_readonly), and
// stays one until it is back in autocommit mode. It waits at most the busy
// timeout in line, then fails with DatabaseTimeout as SQLITE_BUSY would;
// SQLite's own busy wait, for writers of other processes, gets what is left
// of that bound.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lectern::db {

class WriterLock;

class SqliteConnection final : public Connection {
 public:
  // Throws ConnectionError when the file cannot be opened as a database.
  explicit SqliteConnection(const std::string& path, const ConnectionOptions& options = {});
  ~SqliteConnection() override;

  const Dialect& dialect() const override { return dialect_for(Backend::kSqlite); }
  ResultSet execute(std::string_view sql, std::span<const Value> params) override;
  void execute_script(std::string_view sql) override;
  std::string_view begin_statement() const override { return "BEGIN IMMEDIATE"; }
  bool is_healthy() const override;
  bool ping() override;
  StatementCacheStats statement_cache_stats() const override;

  void disable_constraint_checking() override;
  void enable_constraint_checking() override;
  std::optional<std::string> check_constraints() override;
  bool table_exists(std::string_view table) override;
  void lock_session(std::int64_t key) override;
  void unlock_session(std::int64_t key) override;

 private:
  sqlite3_stmt* prepare(std::string_view sql);
  [[noreturn]] void raise(int code, std::string_view context) const;
  // Takes this file's WriterLock first when running `stmt` makes this
  // connection a writer.
  void enter_statement(sqlite3_stmt* stmt);
  // Lets the next writer in once this one is back in autocommit mode.
  void leave_statement();
  void set_busy_timeout(std::chrono::milliseconds timeout);

  struct LeaveStatement {
    SqliteConnection* connection;
    ~LeaveStatement() { connection->leave_statement(); }
  };

  sqlite3* db_ = nullptr;
  // How long a writer waits for the write lock: the statement timeout, or
  // longer while lock_session holds.
  std::chrono::milliseconds statement_timeout_;
  std::chrono::milliseconds lock_wait_;
  // Null for ":memory:", which no other connection sees.
  std::shared_ptr<WriterLock> writer_lock_;
  bool holds_writer_lock_ = false;
  bool busy_timeout_shortened_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  StatementCacheStats stats_;
};

// Rewrites $1, $2, ... outside string literals and quoted identifiers to
// SQLite's ?1, ?2, ... (exposed for tests).
std::string sqlite_placeholders(std::string_view sql);

}  // namespace lectern::db
