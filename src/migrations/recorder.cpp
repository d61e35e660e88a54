#include "migrations/recorder.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/log.hpp"
#include "db/errors.hpp"

namespace lectern::migrations {

namespace {
// pg_advisory_lock key: the first 8 bytes of "lectern_migrations" would do,
// any fixed number does; this one is "LECTERN\0" as ASCII.
constexpr std::int64_t kAdvisoryLockKey = 0x4c45435445524e00;
}  // namespace

bool MigrationRecorder::has_table() {
  if (connection_.backend() == db::Backend::kSqlite) {
    return !connection_
                .query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
                       std::string(kHistoryTable))
                .empty();
  }
  return !connection_
              .query(
                  "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                  "AND tablename = $1",
                  std::string(kHistoryTable))
              .empty();
}

void MigrationRecorder::ensure_table() {
  if (has_table()) return;
  const db::Dialect& d = connection_.dialect();
  std::string sql = "CREATE TABLE IF NOT EXISTS " + d.quote(kHistoryTable) + " (" + d.quote("id") +
                    " " + d.type_name({db::ColumnType::kBigAutoId}) + ", " + d.quote("app") + " " +
                    d.type_name({db::ColumnType::kVarchar, 255}) + " NOT NULL, " + d.quote("name") +
                    " " + d.type_name({db::ColumnType::kVarchar, 255}) + " NOT NULL, " +
                    d.quote("checksum") + " " + d.type_name({db::ColumnType::kVarchar, 64}) +
                    " NOT NULL, " + d.quote("applied_at") + " " +
                    d.type_name({db::ColumnType::kTimestamp}) + " NOT NULL, UNIQUE (" +
                    d.quote("app") + ", " + d.quote("name") + "))";
  try {
    connection_.execute_script(sql);
  } catch (const db::IntegrityError&) {
    // Two processes creating it at once on PostgreSQL: the loser sees a
    // duplicate in pg_type; the table exists either way.
  }
}

std::map<MigrationKey, AppliedMigration> MigrationRecorder::applied() {
  std::map<MigrationKey, AppliedMigration> out;
  if (!has_table()) return out;
  auto rows = connection_.query("SELECT app, name, checksum, applied_at FROM lectern_migrations");
  for (const auto& row : rows) {
    out.emplace(
        MigrationKey{row.get<std::string>("app"), row.get<std::string>("name")},
        AppliedMigration{row.get<std::string>("checksum"), row.get<Timestamp>("applied_at")});
  }
  return out;
}

bool MigrationRecorder::is_applied(const MigrationKey& key) {
  return !connection_
              .query("SELECT 1 FROM lectern_migrations WHERE app = $1 AND name = $2", key.app,
                     key.name)
              .empty();
}

void MigrationRecorder::record_applied(const MigrationKey& key, const std::string& checksum) {
  connection_.query(
      "INSERT INTO lectern_migrations (app, name, checksum, applied_at) VALUES ($1, $2, $3, $4)",
      key.app, key.name, checksum, now_utc());
}

bool MigrationRecorder::record_checksum(const MigrationKey& key, const std::string& checksum) {
  return !connection_
              .query(
                  "UPDATE lectern_migrations SET checksum = $1 WHERE app = $2 AND name = $3 "
                  "RETURNING 1",
                  checksum, key.app, key.name)
              .empty();
}

void MigrationRecorder::record_unapplied(const MigrationKey& key) {
  connection_.query("DELETE FROM lectern_migrations WHERE app = $1 AND name = $2", key.app,
                    key.name);
}

MigrationLock::MigrationLock(db::Connection& connection) : connection_(connection) {
  if (connection_.backend() == db::Backend::kPostgres) {
    // Polled, not waited for inside one statement: a waiting statement holds
    // a snapshot, and a CREATE INDEX CONCURRENTLY still running for a killed
    // migrate (whose session holds the lock) waits for every snapshot, so
    // PostgreSQL would see a deadlock and cancel this run.
    auto pause = std::chrono::milliseconds(20);
    while (!connection_.query("SELECT pg_try_advisory_lock($1)", kAdvisoryLockKey)
                .front()
                .get<bool>(0)) {
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(500));
    }
  } else {
    // Wait as long as another migrate needs the write lock, not the usual
    // busy timeout: a slow migration in another process is not an error.
    connection_.execute_script("PRAGMA busy_timeout = 3600000");
  }
}

MigrationLock::~MigrationLock() {
  if (connection_.backend() != db::Backend::kPostgres) {
    try {
      connection_.execute_script("PRAGMA busy_timeout = 10000");
    } catch (...) {
    }
    return;
  }
  try {
    connection_.query("SELECT pg_advisory_unlock($1)", kAdvisoryLockKey);
  } catch (const std::exception& e) {
    // The session is gone, and its advisory locks with it.
    log::warn("releasing the migration lock failed", {{"error", e.what()}});
  }
}

}  // namespace lectern::migrations
