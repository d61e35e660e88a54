// A configured database: the parsed URL, its dialect and its connection pool.
// open() validates the URL and makes one connection up front, so a bad URL or
// an unreachable server is reported at start, in one line.
// URLs: sqlite:///relative/path.db, sqlite:////absolute/path.db,
// sqlite::memory:, postgresql://user@host:port/dbname (postgres:// too).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "db/connection.hpp"
#include "db/pool.hpp"

namespace lectern::db {

struct DatabaseUrl {
  Backend backend = Backend::kSqlite;
  // SQLite: the file path, or ":memory:". PostgreSQL: the URL as given.
  std::string target;
  bool operator==(const DatabaseUrl&) const = default;
};

inline constexpr std::string_view kDefaultDatabaseUrl = "sqlite:///./lectern.db";

// Throws UsageError naming the scheme when it is not one Lectern knows.
DatabaseUrl parse_database_url(std::string_view url);

// Opens one connection without a pool (tests, one-shot commands).
std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectionOptions& options = {});

class Database {
 public:
  // Throws UsageError (bad URL) or DatabaseUnavailable (unreachable).
  static std::unique_ptr<Database> open(std::string_view url, PoolOptions options = {},
                                        ConnectionOptions connection = {});
  // For commands that only read: a SQLite file that does not exist (in a
  // directory that does) is not created but read as the empty database it
  // would be, an in-memory one. Creating it would write, and sync, a new file
  // just to report that nothing is in it. Otherwise the same as open().
  static std::unique_ptr<Database> open_for_reading(std::string_view url, PoolOptions options = {},
                                                    ConnectionOptions connection = {});

  const DatabaseUrl& url() const { return url_; }
  Backend backend() const { return url_.backend; }
  const Dialect& dialect() const { return dialect_for(url_.backend); }
  PooledConnection acquire() { return pool_.acquire(); }
  ConnectionPool& pool() { return pool_; }

 private:
  Database(DatabaseUrl url, PoolOptions options, ConnectionOptions connection);
  DatabaseUrl url_;
  ConnectionPool pool_;
};

}  // namespace lectern::db
