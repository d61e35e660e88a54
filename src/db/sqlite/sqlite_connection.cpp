#include "db/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "db/errors.hpp"
#include "db/sqlite/shared_file.hpp"
#include "db/sqlite/sqlite_memory.hpp"
#include "db/write_generation.hpp"

namespace lectern::db {

namespace {

constexpr std::size_t kMaxCachedStatements = 512;
// How long a writer waits for another's write lock unless told otherwise.
constexpr std::chrono::milliseconds kDefaultBusyTimeout{10000};
// lock_session: as long as another migrate needs the write lock, since a
// slow migration in another process is not an error.
constexpr std::chrono::milliseconds kSessionLockBusyTimeout{3600000};
// How long a writer that finds the write lock taken sleeps before it tries
// again. SQLite's own busy handler sleeps 1, 2, 5 ... 100 ms, so under load a
// writer slept well past the moment the lock came free (p99 of POST
// /api/activity 120-400 ms at 32 connections). Waking the waiters at each
// commit of the process instead (a commit signal from the WAL hook) bounded
// that p99 but cost 10-20% of the throughput in scheduler wake-ups, most of
// them for a waiter that found the lock taken again by a running writer; a
// first-come-first-served hand-off halved it. Short even polls do best on
// both counts: docs/benchmarks.md has the runs.
constexpr std::chrono::microseconds kBusyPoll{500};
// SQLite's own default (wal_autocheckpoint): the WAL hook below replaces it.
constexpr int kAutoCheckpointPages = 1000;

// Process-wide settings, applied once before the first connection opens
// (sqlite3_config works only before sqlite3_initialize; if something else
// initialized SQLite first it refuses, harmlessly). Both are about SQLite's
// allocations, of which there are many: each ALTER TABLE frees and re-parses
// the whole schema. Memory statistics are off (with them, every allocation
// takes a global mutex), and small blocks are recycled per thread
// (sqlite_memory.hpp). Each took about a fifth off a 2000-migration migrate.
void configure_process() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    install_sqlite_allocator();
    return sqlite3_initialize() == SQLITE_OK;
  }();
  (void)configured;
}

}  // namespace

std::string sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += '?';
    } else {
      out += c;
    }
  }
  return out;
}

SqliteConnection::SqliteConnection(const std::string& path, const ConnectionOptions& options)
    : busy_timeout_(options.statement_timeout.count() > 0 ? options.statement_timeout
                                                          : kDefaultBusyTimeout),
      lock_wait_(busy_timeout_) {
  configure_process();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw ConnectionError("cannot open SQLite database \"" + path + "\": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Opening a file never waits on the disk or a lock for long: the connect
  // timeout has nothing to bound. The busy timeout is the statement bound.
  if (path != ":memory:") {
    shared_ = SharedSqliteFile::for_file(path);
    sqlite3_busy_handler(db_, &SqliteConnection::on_busy, this);
    sqlite3_wal_hook(db_, &SqliteConnection::on_wal_commit, this);
  }
  set_lock_wait(busy_timeout_);
  try {
    if (path != ":memory:") execute_script("PRAGMA journal_mode=WAL");
    execute_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
  } catch (const DatabaseError& e) {
    // A file that is not a database, or cannot be read: it cannot be opened.
    sqlite3_close(db_);
    db_ = nullptr;
    throw ConnectionError("cannot open SQLite database \"" + path + "\": " + e.what());
  }
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

int SqliteConnection::on_busy(void* self, int count) {
  auto& c = *static_cast<SqliteConnection*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (count == 0) c.busy_since_ = now;
  const auto deadline = c.busy_since_ + c.lock_wait_;
  if (now >= deadline) return 0;  // SQLITE_BUSY: DatabaseTimeout
  std::this_thread::sleep_until(
      std::min<std::chrono::steady_clock::time_point>(deadline, now + kBusyPoll));
  return 1;
}

int SqliteConnection::on_wal_commit(void* self, sqlite3*, const char*, int wal_pages) {
  auto& shared = *static_cast<SqliteConnection*>(self)->shared_;
  // SQLite's default hook (wal_autocheckpoint) would checkpoint here, on
  // this request's time.
  if (wal_pages >= kAutoCheckpointPages) shared.checkpointer.request();
  return SQLITE_OK;
}

void SqliteConnection::raise(int code, std::string_view context) const {
  std::string message = std::string(context) + sqlite3_errmsg(db_);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      throw UniqueViolation(message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      throw ForeignKeyViolation(message);
    case SQLITE_CONSTRAINT_NOTNULL:
      throw NotNullViolation(message);
    case SQLITE_CONSTRAINT_CHECK:
      throw CheckViolation(message);
    default:
      break;
  }
  // ON DELETE RESTRICT answers SQLITE_CONSTRAINT_TRIGGER, and a deferred
  // foreign key fails at COMMIT with a plain SQLITE_CONSTRAINT: the message
  // is what identifies both.
  if ((code & 0xff) == SQLITE_CONSTRAINT &&
      message.find("FOREIGN KEY constraint failed") != std::string::npos) {
    throw ForeignKeyViolation(message);
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      throw IntegrityError(message);
    case SQLITE_BUSY:
      // A read transaction whose snapshot went stale cannot become a write
      // one (WAL): the busy handler is not even called; retrying may pass.
      if (code == SQLITE_BUSY_SNAPSHOT) throw SerializationFailure(message);
      // Otherwise the write lock stayed taken for the whole busy timeout.
      throw DatabaseTimeout(message + " (the write lock stayed taken past the busy timeout)");
    case SQLITE_LOCKED:
      throw SerializationFailure(message);
    case SQLITE_FULL:
      throw StorageFull(message);
    case SQLITE_IOERR:
      // A write that hit a full disk may come back as an I/O error (the WAL
      // index, a truncate): the system error says which.
      if (sqlite3_system_errno(db_) == ENOSPC) throw StorageFull(message);
      throw StorageError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      throw StorageError(message);
    default:
      throw StatementError(message);
  }
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto it = cache_.find(key); it != cache_.end()) {
    ++stats_.hits;
    return it->second;
  }
  ++stats_.misses;
  std::string native = sqlite_placeholders(sql);
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, native.c_str(), int(native.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, &tail);
  if (rc != SQLITE_OK) raise(sqlite3_extended_errcode(db_), "");
  if (cache_.size() >= kMaxCachedStatements) {
    for (auto& [s, cached] : cache_) sqlite3_finalize(cached);
    cache_.clear();
  }
  cache_.emplace(std::move(key), stmt);
  return stmt;
}

ResultSet SqliteConnection::execute(std::string_view sql, std::span<const Value> params) {
  sqlite3_stmt* stmt = prepare(sql);
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  } reset{stmt};

  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != int(params.size())) {
    throw StatementError("statement expects " + std::to_string(expected) + " parameters, got " +
                         std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = int(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else if constexpr (std::is_same_v<T, bool>) {
            return sqlite3_bind_int(stmt, index, v ? 1 : 0);
          } else if constexpr (std::is_same_v<T, std::string>) {
            return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
          } else if constexpr (std::is_same_v<T, Timestamp>) {
            std::string text = format_storage(v);
            return sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
          } else if constexpr (std::is_same_v<T, Json>) {
            return sqlite3_bind_text64(stmt, index, v.text.data(), v.text.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
          } else {
            return sqlite3_bind_blob64(stmt, index, v.data.data(), v.data.size(), SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) raise(rc, "binding parameter: ");
  }

  int columns = sqlite3_column_count(stmt);
  std::vector<std::string> names;
  names.reserve(columns);
  for (int c = 0; c < columns; ++c) names.emplace_back(sqlite3_column_name(stmt, c));

  std::vector<std::vector<Value>> rows;
  sqlite3_int64 changes_before = sqlite3_total_changes64(db_);
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) raise(sqlite3_extended_errcode(db_), "");
    std::vector<Value> row;
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          row.emplace_back(std::int64_t(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          row.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_TEXT:
          row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                                       sqlite3_column_bytes(stmt, c)));
          break;
        case SQLITE_BLOB: {
          const void* data = sqlite3_column_blob(stmt, c);
          int size = sqlite3_column_bytes(stmt, c);
          row.emplace_back(Bytes{std::string(static_cast<const char*>(data), size)});
          break;
        }
        default:
          row.emplace_back(std::monostate{});
          break;
      }
    }
    rows.push_back(std::move(row));
  }
  std::int64_t affected = sqlite3_total_changes64(db_) - changes_before;
  note_statement(sql);
  return ResultSet(std::move(names), std::move(rows), affected);
}

void SqliteConnection::execute_script(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (error) sqlite3_free(error);
  if (rc != SQLITE_OK) raise(sqlite3_extended_errcode(db_), "");
  note_statement(sql);
  // DDL may change what cached statements return; SQLite re-prepares them
  // itself (prepare_v3), so the cache stays valid.
}

bool SqliteConnection::is_healthy() const {
  // Outside a Transaction object the connection must be in autocommit: a
  // failed COMMIT can leave SQLite inside a transaction.
  return db_ != nullptr && (transaction_depth() > 0 || sqlite3_get_autocommit(db_) != 0);
}

bool SqliteConnection::ping() {
  try {
    execute("SELECT 1", {});
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

StatementCacheStats SqliteConnection::statement_cache_stats() const {
  StatementCacheStats s = stats_;
  s.size = cache_.size();
  return s;
}

void SqliteConnection::disable_constraint_checking() {
  execute_script("PRAGMA foreign_keys = OFF");
}

void SqliteConnection::enable_constraint_checking() {
  execute_script("PRAGMA foreign_keys = ON");
}

std::optional<std::string> SqliteConnection::check_constraints() {
  auto violations = execute("PRAGMA foreign_key_check", {});
  if (violations.empty()) return std::nullopt;
  return violations.front().get<std::string>(0);
}

bool SqliteConnection::table_exists(std::string_view table) {
  const Value name[] = {std::string(table)};
  return !execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", name).empty();
}

void SqliteConnection::lock_session(std::int64_t) {
  set_lock_wait(kSessionLockBusyTimeout);
}

void SqliteConnection::unlock_session(std::int64_t) {
  set_lock_wait(busy_timeout_);
}

void SqliteConnection::set_lock_wait(std::chrono::milliseconds wait) {
  lock_wait_ = wait;
  if (!shared_) sqlite3_busy_timeout(db_, static_cast<int>(wait.count()));
}

}  // namespace lectern::db
