// A Connection to PostgreSQL through libpq, which is loaded when the first
// connection opens (libpq.hpp); libpq-fe.h is included only in this folder.
// Sessions run with TimeZone=UTC; statements are prepared once per connection
// (named lectern_N) and cached by SQL text.
//
// Every round trip has a deadline (ConnectionOptions): the socket is
// non-blocking and waited on with poll(), so a server that stops answering
// (SIGSTOP, a network partition) costs the caller the timeout, not its
// thread. A connection that passed a deadline is closed at once and answers
// every later call with ConnectionLost, without I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

struct pg_conn;
struct pg_result;

namespace lectern::db {

struct Libpq;

class PgConnection final : public Connection {
 public:
  // Throws ConnectionError with libpq's first message line when unreachable,
  // DatabaseTimeout when the server does not complete the session start
  // within options.connect_timeout.
  explicit PgConnection(const std::string& url, const ConnectionOptions& options = {});
  ~PgConnection() override;

  const Dialect& dialect() const override { return dialect_for(Backend::kPostgres); }
  ResultSet execute(std::string_view sql, std::span<const Value> params) override;
  void execute_script(std::string_view sql) override;
  bool is_healthy() const override;
  bool ping() override;
  bool timed_out() const override { return timed_out_; }
  StatementCacheStats statement_cache_stats() const override;

  bool table_exists(std::string_view table) override;
  void lock_session(std::int64_t key) override;
  void unlock_session(std::int64_t key) override;

  // The server's backend process id (pg_backend_pid()), for diagnostics and tests.
  int backend_pid() const;

 private:
  using Clock = std::chrono::steady_clock;
  const std::string& prepare(std::string_view sql, int param_count);
  // Sends what `send` queued, then collects the results until the server
  // is done, within the statement deadline; returns the last result (the
  // first error, if any), as PQexec would.
  template <typename Send>
  pg_result* round_trip(Send&& send, std::optional<Clock::time_point> deadline);
  // The deadline of a round trip starting now (none without a timeout).
  std::optional<Clock::time_point> deadline() const;
  // Waits until the socket has one of the poll(2) `events` or the deadline
  // passes; false on timeout.
  bool wait_socket(short events, std::optional<Clock::time_point> deadline);
  // Closes a connection that passed its deadline and throws DatabaseTimeout.
  [[noreturn]] void abandon();
  [[noreturn]] void raise(pg_result* result, std::string_view context);
  ResultSet collect(pg_result* result);
  void forget_statements();

  const Libpq& pq_;
  pg_conn* conn_ = nullptr;
  // Client-side deadline of one round trip (zero: none).
  std::chrono::milliseconds round_trip_timeout_{0};
  bool timed_out_ = false;
  std::unordered_map<std::string, std::string> cache_;  // SQL -> statement name
  int next_statement_ = 0;
  StatementCacheStats stats_;
};

// Throws the error of db/errors.hpp that a SQLSTATE stands for (exposed for
// tests; a lost session is recognised before this by the connection state).
[[noreturn]] void raise_for_sqlstate(const std::string& sqlstate, const std::string& message,
                                     const std::string& constraint = {});

}  // namespace lectern::db
