// A Connection to an SQLite file (or ":memory:"). The only header that names
// the sqlite3 C API's handle types; sqlite3.h itself is included in the .cpp.
// Opened with WAL, foreign_keys=ON and synchronous=NORMAL. A writer that
// finds the write lock taken waits at most the statement timeout
// (ConnectionOptions::statement_timeout, else 10 s), trying it again every
// half millisecond; the WAL is checkpointed on a thread of its own
// (shared_file.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lectern::db {

struct SharedSqliteFile;

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
  // SQLite's busy handler and WAL commit hook (sqlite3_busy_handler,
  // sqlite3_wal_hook) for a file database.
  static int on_busy(void* self, int count);
  static int on_wal_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  // How long a writer waits for the write lock from now on.
  void set_lock_wait(std::chrono::milliseconds wait);

  sqlite3* db_ = nullptr;
  // The statement timeout, and how long a writer waits for the write lock
  // now: the statement timeout, or much longer while lock_session holds.
  std::chrono::milliseconds busy_timeout_;
  std::chrono::milliseconds lock_wait_;
  std::shared_ptr<SharedSqliteFile> shared_;  // null for ":memory:"
  std::chrono::steady_clock::time_point busy_since_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  StatementCacheStats stats_;
};

// Rewrites $1, $2, ... outside string literals and quoted identifiers to
// SQLite's ?1, ?2, ... (exposed for tests).
std::string sqlite_placeholders(std::string_view sql);

}  // namespace lectern::db
