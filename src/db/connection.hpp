// One open database session. Not thread-safe: a connection is used by one
// thread at a time (the pool hands it out exclusively). Statements are
// prepared once per connection and cached by their SQL text; parameters are
// always bound, never spliced into the text.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "db/result.hpp"
#include "db/value.hpp"

namespace lectern::db {

// How long a connection waits for the database. Zero means as long as it
// takes: the schema tools keep that for statements, since a migration may
// rightly run for minutes; `serve` bounds both (docs/operations.md).
struct ConnectionOptions {
  // Opening a session: TCP connect, authentication and the session settings.
  std::chrono::milliseconds connect_timeout{10000};
  // One statement. PostgreSQL: the server's statement_timeout, and the client
  // gives up (and drops the connection) if no answer came shortly after it,
  // which is what a frozen server or a network partition looks like. SQLite:
  // how long a writer waits for another's write lock (0: the default 10 s).
  std::chrono::milliseconds statement_timeout{0};
};

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

  // The one integer a statement answers (a COUNT(*)): its first row's first
  // column.
  template <typename... Args>
  std::int64_t count(std::string_view sql, Args&&... args) {
    return query(sql, std::forward<Args>(args)...).front().template get<std::int64_t>(0);
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
  // True once a round trip passed its deadline: the server did not answer,
  // which says the database, not just this connection, is in trouble (the
  // pool then stops waiting for it; see pool.hpp). The connection is closed.
  virtual bool timed_out() const { return false; }

  virtual StatementCacheStats statement_cache_stats() const = 0;

  // What the migration engine needs of a backend beyond running SQL, as
  // Django's DatabaseWrapper offers it (disable_constraint_checking,
  // check_constraints, introspection's table_names): the callers name no
  // backend.
  //
  // Foreign keys unchecked until enable_constraint_checking(): SQLite's
  // table rebuilds drop and recreate referenced tables. Outside a
  // transaction only (SQLite ignores it inside one). PostgreSQL needs
  // nothing: its keys are DEFERRABLE, checked at COMMIT.
  virtual void disable_constraint_checking() {}
  virtual void enable_constraint_checking() {}
  // While checks are off: the first table holding a row whose foreign key
  // points nowhere, if any (PostgreSQL: none, its COMMIT checks them).
  virtual std::optional<std::string> check_constraints() { return std::nullopt; }
  // A table of that name in the current schema.
  virtual bool table_exists(std::string_view table) = 0;
  // No row in `table` (which exists).
  bool table_empty(std::string_view table);
  // A lock named by `key` held by this session until unlock_session, which
  // other sessions (other processes too) wait for: PostgreSQL's advisory
  // lock. SQLite has no session locks: there it makes this connection wait
  // as long as it takes for the write lock, which each of the holder's
  // transactions takes (BEGIN IMMEDIATE), instead of the statement timeout.
  virtual void lock_session(std::int64_t key) = 0;
  virtual void unlock_session(std::int64_t key) = 0;

  // Nesting depth of open Transaction objects (0 = autocommit). Maintained
  // by Transaction; the pool refuses to reuse a connection left inside one.
  int transaction_depth() const { return transaction_depth_; }

 private:
  friend class Transaction;
  int transaction_depth_ = 0;
  int savepoint_counter_ = 0;
};

// Constraint checking off for a scope (Connection::disable_constraint_checking).
class ConstraintChecksOff {
 public:
  explicit ConstraintChecksOff(Connection& connection);
  ~ConstraintChecksOff();
  ConstraintChecksOff(const ConstraintChecksOff&) = delete;
  ConstraintChecksOff& operator=(const ConstraintChecksOff&) = delete;

 private:
  Connection& connection_;
};

// Connection::lock_session for a scope.
class SessionLock {
 public:
  SessionLock(Connection& connection, std::int64_t key);
  ~SessionLock();
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

 private:
  Connection& connection_;
  std::int64_t key_;
};

}  // namespace lectern::db
