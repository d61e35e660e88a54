#include "db/database.hpp"

#include <filesystem>

#include "db/postgres/pg_connection.hpp"
#include "db/sqlite/sqlite_connection.hpp"

namespace lectern::db {

DatabaseUrl parse_database_url(std::string_view url) {
  auto starts = [&](std::string_view p) { return url.substr(0, p.size()) == p; };
  if (url == "sqlite::memory:" || url == "sqlite://:memory:") {
    return {Backend::kSqlite, ":memory:"};
  }
  if (starts("sqlite:///")) {
    std::string path(url.substr(10));
    if (path.empty()) throw UsageError("database URL \"" + std::string(url) + "\" names no file");
    return {Backend::kSqlite, path};
  }
  if (starts("postgresql://") || starts("postgres://")) {
    return {Backend::kPostgres, std::string(url)};
  }
  auto colon = url.find(':');
  std::string scheme(colon == std::string_view::npos ? url : url.substr(0, colon));
  if (scheme == "sqlite") {
    throw UsageError("database URL \"" + std::string(url) +
                     "\" is malformed: use sqlite:///path/to/file.db or sqlite::memory:");
  }
  throw UsageError("unsupported database URL scheme \"" + scheme +
                   "\": use sqlite:///path/to/file.db, sqlite::memory: or "
                   "postgresql://user@host:port/dbname");
}

std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectionOptions& options) {
  if (url.backend == Backend::kSqlite) {
    return std::make_unique<SqliteConnection>(url.target, options);
  }
  return std::make_unique<PgConnection>(url.target, options);
}

Database::Database(DatabaseUrl url, PoolOptions options, ConnectionOptions connection)
    : url_(std::move(url)),
      pool_([u = url_, connection] { return connect(u, connection); }, options) {}

std::unique_ptr<Database> Database::open(std::string_view url, PoolOptions options,
                                         ConnectionOptions connection) {
  DatabaseUrl parsed = parse_database_url(url);
  // Every :memory: connection is its own database: keep exactly one.
  if (parsed.target == ":memory:") options.max_size = 1;
  std::unique_ptr<Database> db(new Database(std::move(parsed), options, connection));
  // Connect once now: an unreachable database fails here, not on first use.
  db->pool_.acquire();
  return db;
}

std::unique_ptr<Database> Database::open_for_reading(std::string_view url, PoolOptions options,
                                                     ConnectionOptions connection) {
  DatabaseUrl parsed = parse_database_url(url);
  if (parsed.backend == Backend::kSqlite && parsed.target != ":memory:" &&
      !parsed.target.starts_with("file:")) {  // SQLite URI filenames: left to SQLite
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path path = fs::absolute(parsed.target, error);
    if (!error && !fs::exists(path, error) && !error &&
        fs::is_directory(path.parent_path(), error)) {
      return open("sqlite::memory:", options, connection);
    }
  }
  return open(url, options, connection);
}

}  // namespace lectern::db
