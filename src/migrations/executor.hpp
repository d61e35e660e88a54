// The executor: plans and runs migrations against one database. Each
// migration runs in its own transaction together with its history row, so a
// crash or kill at any instant leaves it either applied and recorded or
// neither. Concurrent runs serialize (see MigrationLock) and re-check the
// history inside each transaction, so none applies a migration twice.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "migrations/checks.hpp"
#include "migrations/graph.hpp"
#include "migrations/loader.hpp"
#include "migrations/migration.hpp"
#include "migrations/operations.hpp"
#include "migrations/recorder.hpp"
#include "migrations/schema_editor.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

struct MigrateOptions {
  bool fake = false;  // record (or unrecord) without running any SQL
  // SQLite: an empty table may be re-created rather than altered
  // (EmptyTableRecreation); false always runs the ALTER, as on a table with rows.
  bool recreate_empty_tables = true;
};

// A migration the database refused to run (PostgreSQL's or SQLite's error,
// or the engine's own refusal of values the new type cannot hold): a
// conflict with what the database holds, not a bug. what() is one line
// naming the migration, the operation and the refusal; details() are
// further lines (the database's DETAIL and HINT, the statement, what to do).
// The migration's transaction was rolled back.
class MigrationRefused : public Error {
 public:
  MigrationRefused(const std::string& message, std::vector<std::string> details)
      : Error(ErrorKind::kConflict, message), details_(std::move(details)) {}
  const std::vector<std::string>& details() const { return details_; }

 private:
  std::vector<std::string> details_;
};

// Called when a step starts (outcome "") and when it ends: "OK", "FAKED",
// or "SKIPPED" (another process did it).
using ProgressFn = std::function<void(const PlanStep& step, std::string_view outcome)>;

// Resolves a migrate/sqlmigrate target against the graph: an empty name is
// the app's leaf, "zero" stays as is, otherwise the name or a unique prefix
// of it ("0002"). Unknown apps or migrations throw NotFoundError.
MigrationKey resolve_target(const MigrationGraph& graph, const MigrationKey& target);

class MigrationExecutor {
 public:
  // Validates the graph (cycles, missing dependencies, several leaves per
  // app) and throws GraphError for the first problem.
  MigrationExecutor(db::Connection& connection, LoadedMigrations migrations);

  const LoadedMigrations& loaded() const { return loaded_; }
  const MigrationGraph& graph() const { return loaded_.graph(); }
  // NotFoundError for a key it does not hold.
  const Migration& migration(const MigrationKey& key) const { return loaded_.get(key); }
  const std::vector<Migration>& migrations() const { return loaded_.migrations(); }

  // Keys recorded as applied in the database (known to the graph or not).
  std::set<MigrationKey> applied() const;

  // What migrate would do. Empty targets: every app to its leaf. A target
  // {app, ""} means the app's leaf; {app, "zero"} unapplies the whole app.
  std::vector<PlanStep> plan(const std::vector<MigrationKey>& targets) const;

  // What migrate(targets) would do, with the findings of plan_checks for it
  // (the same code as `lectern check`): migrate, its --plan and
  // testmigrations print them and refuse on any error before a statement
  // runs. Operations are checked only for a forwards plan that runs SQL:
  // unapplying and --fake run none of what E007/E009 are about.
  struct Preflight {
    std::vector<PlanStep> steps;
    std::vector<CheckMessage> findings;
    bool refused() const { return count(findings, CheckLevel::kError) > 0; }
  };
  Preflight preflight(const std::vector<MigrationKey>& targets,
                      const MigrateOptions& options = {}) const;

  // Runs plan(targets) under the migration lock; returns the steps taken.
  std::vector<PlanStep> migrate(const std::vector<MigrationKey>& targets,
                                const MigrateOptions& options = {},
                                const ProgressFn& progress = {});

  // The schema state after every migration of the graph (the project state
  // the migration files build).
  schema::ProjectState final_state() const;
  // The state the applied migrations promise.
  schema::ProjectState applied_state() const;

  MigrationKey resolve(const MigrationKey& target) const { return resolve_target(graph(), target); }

 private:
  // Runs one step from the state `before` it; returns the state after `m`
  // (its operations applied forwards).
  schema::ProjectState apply(const Migration& m, const schema::ProjectState& before, bool backwards,
                             const MigrateOptions& options, const ProgressFn& progress);
  // PostgreSQL, before an add_index concurrently runs: recovers from a kill
  // of an earlier run (see leftover_index.hpp). True when the index is there
  // already and is adopted (its statements are skipped).
  bool recover_concurrent_index(const Migration& m, const OperationSql& op,
                                const schema::ProjectState& after);
  // Whether an operation may run as its EmptyTableRecreation: the table is
  // empty and has only the indexes the migrations gave it.
  bool can_recreate(const EmptyTableRecreation& recreation);

  db::Connection& connection_;
  LoadedMigrations loaded_;
  // Reads and writes the history on connection_; applied() asks it too.
  mutable MigrationRecorder recorder_;
};

}  // namespace lectern::migrations
