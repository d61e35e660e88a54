// A Connection to an SQLite file (or ":memory:"). The only header that names
// the sqlite3 C API's handle types; sqlite3.h itself is included in the .cpp.
// Opened with WAL, busy_timeout, foreign_keys=ON and synchronous=NORMAL.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lectern::db {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;

  const Dialect& dialect() const override { return dialect_for(Backend::kSqlite); }
  ResultSet execute(std::string_view sql, std::span<const Value> params) override;
  void execute_script(std::string_view sql) override;
  std::string_view begin_statement() const override { return "BEGIN IMMEDIATE"; }
  bool is_healthy() const override;
  bool ping() override;
  StatementCacheStats statement_cache_stats() const override;

 private:
  sqlite3_stmt* prepare(std::string_view sql);
  [[noreturn]] void raise(int code, std::string_view context) const;

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  StatementCacheStats stats_;
};

// Rewrites $1, $2, ... outside string literals and quoted identifiers to
// SQLite's ?1, ?2, ... (exposed for tests).
std::string sqlite_placeholders(std::string_view sql);

}  // namespace lectern::db
