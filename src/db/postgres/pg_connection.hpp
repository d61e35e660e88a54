// A Connection to PostgreSQL through libpq, which is loaded when the first
// connection opens (libpq.hpp); libpq-fe.h is included only in this folder.
// Sessions run with TimeZone=UTC; statements are prepared once per connection
// (named lectern_N) and cached by SQL text.
#pragma once

#include <string>
#include <unordered_map>

#include "db/connection.hpp"

struct pg_conn;
struct pg_result;

namespace lectern::db {

struct Libpq;

class PgConnection final : public Connection {
 public:
  // Throws ConnectionError with libpq's first message line when unreachable.
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;

  const Dialect& dialect() const override { return dialect_for(Backend::kPostgres); }
  ResultSet execute(std::string_view sql, std::span<const Value> params) override;
  void execute_script(std::string_view sql) override;
  bool is_healthy() const override;
  bool ping() override;
  StatementCacheStats statement_cache_stats() const override;

  // The server's backend process id (pg_backend_pid()), for diagnostics and tests.
  int backend_pid() const;

 private:
  const std::string& prepare(std::string_view sql, int param_count);
  [[noreturn]] void raise(pg_result* result, std::string_view context);
  ResultSet collect(pg_result* result);
  void forget_statements();

  const Libpq& pq_;
  pg_conn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> cache_;  // SQL -> statement name
  int next_statement_ = 0;
  StatementCacheStats stats_;
};

}  // namespace lectern::db
