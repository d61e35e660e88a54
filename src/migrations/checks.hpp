// The system checks behind `lectern check`: what is wrong (errors) or risky
// (warnings) in the model declarations and the migration files, each finding
// a stable code, one line and a hint line (docs/checks.md lists them). Pure
// functions of their inputs, except the live checks, which read the database
// through the one connection they are given.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "migrations/graph.hpp"
#include "migrations/loader.hpp"
#include "migrations/migration.hpp"
#include "migrations/recorder.hpp"
#include "schema/declaration.hpp"

namespace lectern::migrations {

enum class CheckLevel { kInfo, kWarning, kError };

struct CheckMessage {
  std::string code;  // "schema.E002", "migrations.W003"
  CheckLevel level = CheckLevel::kError;
  std::string message;  // one line: what is wrong and where
  std::string hint;     // one line: what to do about it
  // The migration a finding is about, when it is about one (its operations:
  // E007, E009-E011, the warnings): migrate refuses on those of its plan.
  std::optional<MigrationKey> migration;
  bool operator==(const CheckMessage&) const = default;
};

// "<code> <level>: <message>\n  hint: <hint>\n".
std::string format_message(const CheckMessage& message);
std::size_t count(const std::vector<CheckMessage>& messages, CheckLevel level);

struct CheckOptions {
  // The backend the project runs on: the backend of --database, connected
  // or not. PostgreSQL's rules are checked on both (the same files serve
  // both); on SQLite type changes also get the rebuild note (I001).
  db::Backend backend = db::Backend::kSqlite;
  // When set, the live checks run too (history, checksums, rows that a
  // narrowing change would fail on), and warnings cover only the migrations
  // this database has not applied yet.
  db::Connection* connection = nullptr;
  // Set by the commands that change or show a database (migrate, its --plan,
  // sqlmigrate, testmigrations): only what concerns the database and these
  // migrations is checked. The declarations are left to `check` (schema.*,
  // migrations.E005), and findings about a migration are kept only for the
  // migrations here; the graph, the history (E004) and the checksums of
  // applied files (E006) are always checked.
  std::optional<std::set<MigrationKey>> plan;
};

// Every check, errors first in a stable order (declarations, graph, state,
// files, database).
std::vector<CheckMessage> run_checks(const schema::ModelRegistry& registry,
                                     const LoadedMigrations& migrations,
                                     const CheckOptions& options = {});

// The checks of a plan (options.plan set): what migrate, sqlmigrate and
// testmigrations print before they run, and refuse on when it holds an error.
std::vector<CheckMessage> plan_checks(const LoadedMigrations& migrations,
                                      const CheckOptions& options);

// The groups run_checks is made of, for tests and for makemigrations.

// The migration files replayed in plan order. Incomplete (later checks skip
// the state) when the graph has a missing dependency or a cycle, or an
// operation does not apply. No state is kept per migration: the checks that
// need the state before an operation replay it again as they go, which
// allocates nothing per migration (a plan of thousands of migrations is
// checked before every migrate).
struct ReplayedMigration {
  const Migration* migration = nullptr;
};
struct MigrationHistory {
  std::vector<ReplayedMigration> steps;
  schema::ProjectState final_state;
  // Per model ("app.Model"), the migration that last set its key's type.
  std::map<std::string, MigrationKey> key_set_by;
  std::vector<CheckMessage> problems;  // migrations.E001-E003, E008
  bool complete = false;
};
// The steps point into `migrations`, which must outlive the history.
MigrationHistory replay_migrations(const LoadedMigrations& migrations);
MigrationHistory replay_migrations(const LoadedMigrations&& migrations) = delete;

// schema.E001, E004, E005, E006: what ModelRegistry::problems() reports.
std::vector<CheckMessage> declaration_checks(const schema::ModelRegistry& registry);
// schema.E003: foreign keys whose type is not their target's key type;
// `which` names the state in messages ("declared models", "migration files").
std::vector<CheckMessage> foreign_key_type_checks(const schema::ProjectState& state,
                                                  const std::string& which);
// schema.E002 (key types), migrations.E005 (a migration is missing) and
// migrations.E007 for type changes still to be written.
std::vector<CheckMessage> pending_checks(const MigrationHistory& history,
                                         const schema::ModelRegistry& registry);
// migrations.E007, W001-W004, I001 over the operations of the files.
// Warnings and notes cover the migrations not in `applied`.
std::vector<CheckMessage> operation_checks(const MigrationHistory& history,
                                           const std::set<MigrationKey>& applied,
                                           db::Backend backend);
// migrations.E004, E006, E009 against a database with `applied` recorded.
std::vector<CheckMessage> live_checks(db::Connection& connection,
                                      const LoadedMigrations& migrations,
                                      const MigrationHistory& history,
                                      const std::map<MigrationKey, AppliedMigration>& applied);

}  // namespace lectern::migrations
