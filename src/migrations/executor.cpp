#include "migrations/executor.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "migrations/introspection.hpp"
#include "migrations/leftover_index.hpp"
#include "migrations/operations.hpp"
#include "migrations/recorder.hpp"

namespace lectern::migrations {

namespace {

bool already_exists(const db::DatabaseError& e) {
  // duplicate_table, duplicate_object, duplicate_column, duplicate_schema;
  // SQLite says it in words.
  const std::string& state = e.sqlstate();
  return state == "42P07" || state == "42710" || state == "42701" || state == "42P06" ||
         std::string_view(e.what()).find("already exists") != std::string_view::npos;
}

std::string shortened(std::string_view statement) {
  constexpr std::size_t kMax = 300;
  std::string out(statement.substr(0, kMax));
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (statement.size() > kMax) out += " ...";
  return out;
}

// The database said no to `statement` of operation `op` of `m`.
[[noreturn]] void refused(const Migration& m, const OperationSql& op, std::string_view statement,
                          const db::DatabaseError& e, const db::Dialect& dialect,
                          bool in_transaction) {
  const std::string who(dialect.product_name());
  std::string where = m.key.str();
  if (op.index < m.operations.size()) where = operation_location(m, m.operations[op.index]);
  std::vector<std::string> details;
  if (!e.detail().empty()) details.push_back("DETAIL: " + e.detail());
  if (!e.hint().empty()) details.push_back("HINT: " + e.hint());
  details.push_back("statement: " + shortened(statement));
  if (already_exists(e)) {
    details.push_back(
        "lectern: the object exists but " + m.key.str() +
        " is not recorded as applied: a person or an interrupted run made it. `lectern verify` "
        "shows how it differs; drop it, or, if it is exactly what the migration makes, record "
        "the migration with `lectern migrate " +
        m.key.app + " " + m.key.name + " --fake`");
  }
  details.push_back(in_transaction
                        ? "Nothing of " + m.key.str() +
                              " was applied (its transaction was rolled back); migrations "
                              "applied before it in this run stay applied."
                        : m.key.str() +
                              " runs outside a transaction: the statements before this one stay "
                              "applied, and it is not recorded.");
  std::string message = where + ": " + op.description + ": " + who + " refused it: " + e.what();
  throw MigrationRefused(message, std::move(details));
}

// Runs one operation's statements. A row guard (a statement starting with
// kRefuseIfRowMarker) is a query: the row it finds is the refusal, in words.
void run_statements(db::Connection& connection, const Migration& m, const OperationSql& op,
                    const Statements& statements, bool in_transaction) {
  for (const auto& statement : statements) {
    try {
      if (statement.starts_with(kRefuseIfRowMarker)) {
        auto rows = connection.query(statement);
        if (!rows.empty()) {
          std::string where = m.key.str();
          if (op.index < m.operations.size()) {
            where = operation_location(m, m.operations[op.index]);
          }
          throw MigrationRefused(
              where + ": " + op.description + ": " + rows.front().get<std::string>(0),
              {"Nothing of " + m.key.str() +
               " was applied (its transaction was rolled back): fix those rows first (a run_sql "
               "before this operation), keep the old type, or convert explicitly (using=, "
               "sqlite_using=)"});
        }
        continue;
      }
      connection.execute_script(statement);
    } catch (const db::DatabaseError& e) {
      if (e.kind() == ErrorKind::kUnavailable) throw;
      refused(m, op, statement, e, connection.dialect(), in_transaction);
    }
  }
}

}  // namespace

MigrationExecutor::MigrationExecutor(db::Connection& connection, LoadedMigrations migrations)
    : connection_(connection), loaded_(std::move(migrations)), recorder_(connection) {
  loaded_.graph().validate();
}

std::set<MigrationKey> MigrationExecutor::applied() const {
  std::set<MigrationKey> out;
  for (const auto& [key, info] : recorder_.applied()) out.insert(key);
  return out;
}

MigrationKey resolve_target(const MigrationGraph& graph, const MigrationKey& target) {
  auto apps = graph.apps();
  if (std::find(apps.begin(), apps.end(), target.app) == apps.end()) {
    throw NotFoundError("app \"" + target.app + "\" has no migrations");
  }
  if (target.name.empty()) {
    auto leaves = graph.leaf_nodes(target.app);
    return leaves.front();
  }
  if (target.name == kZeroTarget) return target;
  if (graph.contains(target)) return target;
  std::vector<MigrationKey> matches;
  for (const auto& key : graph.nodes()) {
    if (key.app == target.app && key.name.starts_with(target.name)) matches.push_back(key);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    throw NotFoundError("app \"" + target.app + "\" has no migration \"" + target.name + "\"");
  }
  throw UsageError("\"" + target.name + "\" matches several migrations of " + target.app +
                   "; give more of the name");
}

std::vector<PlanStep> MigrationExecutor::plan(const std::vector<MigrationKey>& targets) const {
  std::vector<MigrationKey> resolved;
  if (targets.empty()) {
    resolved = graph().leaf_nodes();
  } else {
    for (const auto& t : targets) resolved.push_back(resolve(t));
  }
  auto done = applied();
  graph().check_consistent_history(done);
  return migration_plan(graph(), done, resolved);
}

MigrationExecutor::Preflight MigrationExecutor::preflight(const std::vector<MigrationKey>& targets,
                                                          const MigrateOptions& options) const {
  Preflight out;
  CheckOptions checks{.backend = connection_.backend(), .connection = &connection_};
  checks.plan.emplace();
  try {
    out.steps = plan(targets);
  } catch (const GraphError&) {
    // An inconsistent history: the checks say which (migrations.E004).
  }
  const bool runs_operations = !options.fake && (out.steps.empty() || !out.steps.front().backwards);
  if (runs_operations) {
    for (const auto& step : out.steps) checks.plan->insert(step.key);
  }
  out.findings = plan_checks(loaded_, checks);
  return out;
}

schema::ProjectState MigrationExecutor::final_state() const {
  return loaded_.state_after(graph().full_plan());
}

schema::ProjectState MigrationExecutor::applied_state() const {
  auto done = applied();
  auto plan = graph().full_plan();
  std::erase_if(plan, [&](const MigrationKey& key) { return !done.count(key); });
  return loaded_.state_after(plan);
}

std::vector<PlanStep> MigrationExecutor::migrate(const std::vector<MigrationKey>& targets,
                                                 const MigrateOptions& options,
                                                 const ProgressFn& progress) {
  MigrationLock lock(connection_);
  recorder_.ensure_table();
  // Planned under the lock: a run that waited sees what the other one did.
  std::vector<PlanStep> steps = plan(targets);
  if (steps.empty()) return steps;
  std::set<MigrationKey> done = applied();
  bool forwards = steps.front().backwards == false;
  for (const auto& s : steps) {
    if (s.backwards == forwards) {
      // As in Django: one direction per run keeps every intermediate state
      // well defined.
      throw UsageError("this migrate would both apply and unapply migrations; run it in two steps");
    }
  }
  std::set<MigrationKey> stepping;
  for (const auto& s : steps) stepping.insert(s.key);
  // SQLite's table rebuilds drop and recreate referenced tables: foreign
  // keys are unchecked while the migrations of the run execute, and each
  // migration checks them as a whole before it commits.
  db::ConstraintChecksOff checks_off(connection_);

  // Replay the whole graph in plan order over what is applied. Forwards, each
  // planned migration runs when the replay reaches it, from the state at that
  // point (a topological order, so its dependencies are in). Backwards, the
  // state before each one is kept and they run in the plan's order.
  schema::ProjectState state;
  std::map<MigrationKey, schema::ProjectState> before;
  std::vector<PlanStep> taken;
  for (const auto& key : graph().full_plan_view()) {
    bool planned = stepping.count(key) > 0;
    if (!done.count(key) && !planned) continue;
    const Migration& m = migration(key);
    if (planned && forwards) {
      // Rendering the SQL replays the migration: apply hands back the state after it.
      state = apply(m, state, false, options, progress);
      taken.push_back({key, false});
      continue;
    }
    if (planned) before[key] = state;
    state = state_after({&m}, std::move(state));
  }
  if (!forwards) {
    for (const auto& step : steps) {
      apply(migration(step.key), before.at(step.key), true, options, progress);
      taken.push_back(step);
    }
  }
  return taken;
}

bool MigrationExecutor::recover_concurrent_index(const Migration& m, const OperationSql& op,
                                                 const schema::ProjectState& after) {
  const auto& entry = m.operations.at(op.index);
  const auto* add = std::get_if<AddIndex>(&entry.operation);
  // Only a backend that builds indexes outside a transaction (PostgreSQL's
  // CONCURRENTLY, runs_outside_transaction) comes here.
  if (!add || !add->concurrently || entry.state_only) return false;
  const schema::ModelState* model = after.find(m.key.app, add->model);
  if (!model) return false;
  switch (find_leftover_index(connection_, *model, add->index)) {
    case LeftoverIndex::kNone:
      return false;
    case LeftoverIndex::kInvalid:
      // An interrupted build: not usable, and in the way of the new one.
      log::warn("dropping an INVALID index left by an interrupted migrate",
                {{"migration", m.key.str()}, {"index", add->index.name}});
      connection_.execute_script("DROP INDEX CONCURRENTLY IF EXISTS " +
                                 connection_.dialect().quote(add->index.name));
      return false;
    case LeftoverIndex::kSame:
      log::warn("adopting the index an interrupted migrate finished",
                {{"migration", m.key.str()}, {"index", add->index.name}});
      return true;
    case LeftoverIndex::kDifferent:
      break;
  }
  throw MigrationRefused(
      operation_location(m, entry) + ": " + op.description + ": a relation named " +
          add->index.name + " exists but is not the index this migration builds",
      {"lectern: an index made by hand, or by another migration, has the name; `lectern verify` "
       "shows how it differs. Drop or rename it, then run migrate again.",
       "Nothing of " + m.key.str() + " was applied."});
}

// Read inside the migration's transaction, so the answer holds while its
// statements run.
bool MigrationExecutor::can_recreate(const EmptyTableRecreation& recreation) {
  if (!connection_.table_empty(recreation.table)) return false;
  auto live = introspection_for(connection_)->index_and_trigger_names(recreation.table);
  return live == std::set<std::string>(recreation.indexes.begin(), recreation.indexes.end());
}

schema::ProjectState MigrationExecutor::apply(const Migration& m,
                                              const schema::ProjectState& before, bool backwards,
                                              const MigrateOptions& options,
                                              const ProgressFn& progress) {
  PlanStep step{m.key, backwards};
  if (progress) progress(step, "");
  // The one call into the operations layer for this step.
  MigrationStep prepared =
      migration_step(m, before, connection_.dialect(),
                     backwards ? Direction::kBackwards : Direction::kForwards, options.fake);
  const MigrationSql& sql = prepared.sql;
  schema::ProjectState& after = prepared.after;

  if (prepared.outside_transaction) {
    // CREATE INDEX CONCURRENTLY cannot run in a transaction: run the
    // statements first, then record. A kill in between leaves the index
    // (PostgreSQL finishes it, or leaves it INVALID) without its history
    // row; the rerun recovers (recover_concurrent_index).
    if (!backwards && recorder_.is_applied(m.key)) {
      if (progress) progress(step, "SKIPPED");
      return std::move(after);
    }
    for (const auto& op : sql.operations) {
      if (!backwards && recover_concurrent_index(m, op, after)) continue;
      run_statements(connection_, m, op, op.statements, false);
    }
    db::in_transaction(connection_, [&](db::Connection&) {
      if (backwards) {
        recorder_.record_unapplied(m.key);
      } else {
        recorder_.record_applied(m.key, m.checksum);
      }
    });
    if (progress) progress(step, "OK");
    return std::move(after);
  }

  db::Transaction tx(connection_);
  // Under the write lock: another process may have done this step already.
  if (recorder_.is_applied(m.key) != backwards) {
    tx.rollback();
    if (progress) progress(step, "SKIPPED");
    return std::move(after);
  }
  for (const auto& op : sql.operations) {
    const bool recreate =
        options.recreate_empty_tables && op.if_table_empty && can_recreate(*op.if_table_empty);
    run_statements(connection_, m, op, recreate ? op.if_table_empty->statements : op.statements,
                   true);
  }
  if (auto table = connection_.check_constraints()) {
    throw MigrationRefused(
        m.key.str() + ": it leaves rows of " + *table +
            " whose foreign key points nowhere, which SQLite (and PostgreSQL) refuse",
        {"Nothing of " + m.key.str() + " was applied (its transaction was rolled back)."});
  }
  if (backwards) {
    recorder_.record_unapplied(m.key);
  } else {
    recorder_.record_applied(m.key, m.checksum);
  }
  tx.commit();
  if (progress) progress(step, options.fake ? "FAKED" : "OK");
  return std::move(after);
}

}  // namespace lectern::migrations
