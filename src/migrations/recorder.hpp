// The history table `lectern_migrations` (app, name, checksum, applied_at):
// which migrations the database has applied. Rows are written inside the
// same transaction as the migration they record, by the executor.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "db/connection.hpp"
#include "migrations/migration.hpp"

namespace lectern::migrations {

inline constexpr std::string_view kHistoryTable = "lectern_migrations";

struct AppliedMigration {
  std::string checksum;
  Timestamp applied_at;
};

class MigrationRecorder {
 public:
  explicit MigrationRecorder(db::Connection& connection) : connection_(connection) {}

  bool has_table();
  // Creates the history table when missing (idempotent, safe under concurrency).
  void ensure_table();
  // Applied migrations by key; empty when the table does not exist yet.
  std::map<MigrationKey, AppliedMigration> applied();
  bool is_applied(const MigrationKey& key);
  void record_applied(const MigrationKey& key, const std::string& checksum);
  void record_unapplied(const MigrationKey& key);
  // `lectern repair`: the checksum of an applied migration's file as it is
  // now, recorded on purpose; false when `key` is not applied.
  bool record_checksum(const MigrationKey& key, const std::string& checksum);

 private:
  db::Connection& connection_;
};

// Serializes `migrate` runs against one database: a session lock held for
// the whole run (db::Connection::lock_session; a second process waits).
// Where the backend has none (SQLite), every migration's transaction takes
// the write lock and re-checks the history inside it, so no migration is
// ever applied twice.
class MigrationLock {
 public:
  explicit MigrationLock(db::Connection& connection);

 private:
  db::SessionLock lock_;
};

}  // namespace lectern::migrations
