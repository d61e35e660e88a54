#include "migrations/recorder.hpp"

#include "db/errors.hpp"

namespace lectern::migrations {

namespace {
// The session lock's key: any fixed number does; this one is "LECTERN\0"
// as ASCII.
constexpr std::int64_t kMigrationLockKey = 0x4c45435445524e00;
}  // namespace

bool MigrationRecorder::has_table() {
  return connection_.table_exists(kHistoryTable);
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

MigrationLock::MigrationLock(db::Connection& connection) : lock_(connection, kMigrationLockKey) {}

}  // namespace lectern::migrations
