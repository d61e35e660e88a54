// One open database session. Not thread-safe: a connection is used by one
// thread at a time (the pool hands it out exclusively). Statements are
// prepared once per connection and cached by their SQL text; parameters are
// always bound, never spliced into the text.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "db/result.hpp"
#include "db/value.hpp"

namespace lectern::db {

struct StatementCacheStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::size_t size = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual const Dialect& dialect() const = 0;
  Backend backend() const { return dialect().backend(); }

  // Runs one statement with bound parameters ($1, $2, ...). Throws the
  // classified errors of db/errors.hpp.
  virtual ResultSet execute(std::string_view sql, std::span<const Value> params) = 0;

  template <typename... Args>
  ResultSet query(std::string_view sql, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      return execute(sql, {});
    } else {
      const Value params[] = {to_value(std::forward<Args>(args))...};
      return execute(sql, params);
    }
  }

  // Runs SQL text that may hold several statements and no parameters: DDL
  // from migration files and the schema renderer only.
  virtual void execute_script(std::string_view sql) = 0;

  // The text of the BEGIN statement for a top-level transaction.
  virtual std::string_view begin_statement() const { return "BEGIN"; }

  // False once the connection is known to be unusable (lost, or left inside
  // a transaction); the pool then discards it instead of reusing it.
  virtual bool is_healthy() const = 0;
  // A round trip to the server ("SELECT 1"); false when it fails.
  virtual bool ping() = 0;

  virtual StatementCacheStats statement_cache_stats() const = 0;

  // Nesting depth of open Transaction objects (0 = autocommit). Maintained
  // by Transaction; the pool refuses to reuse a connection left inside one.
  int transaction_depth() const { return transaction_depth_; }

 private:
  friend class Transaction;
  int transaction_depth_ = 0;
  int savepoint_counter_ = 0;
};

}  // namespace lectern::db
