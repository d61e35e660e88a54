#include "migrations/executor.hpp"

#include <algorithm>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "migrations/operations.hpp"
#include "migrations/recorder.hpp"

namespace lectern::migrations {

namespace {

// SQLite's table rebuilds drop and recreate referenced tables: foreign keys
// are off while the migrations of a run execute (the pragma is a no-op inside
// a transaction), and each migration checks them as a whole before it commits.
class SqliteForeignKeysOff {
 public:
  explicit SqliteForeignKeysOff(db::Connection& connection)
      : connection_(connection), sqlite_(connection.backend() == db::Backend::kSqlite) {
    if (sqlite_) connection_.execute_script("PRAGMA foreign_keys = OFF");
  }
  ~SqliteForeignKeysOff() {
    if (!sqlite_) return;
    try {
      connection_.execute_script("PRAGMA foreign_keys = ON");
    } catch (...) {
    }
  }
  SqliteForeignKeysOff(const SqliteForeignKeysOff&) = delete;
  SqliteForeignKeysOff& operator=(const SqliteForeignKeysOff&) = delete;

 private:
  db::Connection& connection_;
  bool sqlite_;
};

}  // namespace

MigrationExecutor::MigrationExecutor(db::Connection& connection, std::vector<Migration> migrations)
    : connection_(connection), migrations_(std::move(migrations)) {
  by_key_.reserve(migrations_.size());
  for (const auto& m : migrations_) by_key_.push_back(&m);
  // The loaders hand them over sorted by key already.
  auto key_less = [](const Migration* a, const Migration* b) { return a->key < b->key; };
  if (!std::is_sorted(by_key_.begin(), by_key_.end(), key_less)) {
    std::sort(by_key_.begin(), by_key_.end(), key_less);
  }
  graph_ = MigrationGraph(migrations_);
  graph_.validate();
}

const Migration& MigrationExecutor::migration(const MigrationKey& key) const {
  // The graph numbers its nodes in key order, as by_key_ holds them: a hash
  // look-up, where comparing keys in a binary search showed in long plans.
  if (auto i = graph_.position(key); i && *i < by_key_.size() && by_key_[*i]->key == key) {
    return *by_key_[*i];
  }
  auto it = std::lower_bound(by_key_.begin(), by_key_.end(), key,
                             [](const Migration* m, const MigrationKey& k) { return m->key < k; });
  if (it == by_key_.end() || (*it)->key != key) throw NotFoundError("no migration " + key.str());
  return **it;
}

std::set<MigrationKey> MigrationExecutor::applied() const {
  std::set<MigrationKey> out;
  for (const auto& [key, info] : MigrationRecorder(connection_).applied()) out.insert(key);
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
    resolved = graph_.leaf_nodes();
  } else {
    for (const auto& t : targets) resolved.push_back(resolve(t));
  }
  auto done = applied();
  graph_.check_consistent_history(done);
  return migration_plan(graph_, done, resolved);
}

schema::ProjectState MigrationExecutor::final_state() const {
  return state_after(graph_.full_plan(), migrations_);
}

schema::ProjectState MigrationExecutor::applied_state() const {
  auto done = applied();
  auto plan = graph_.full_plan();
  std::erase_if(plan, [&](const MigrationKey& key) { return !done.count(key); });
  return state_after(plan, migrations_);
}

std::vector<PlanStep> MigrationExecutor::migrate(const std::vector<MigrationKey>& targets,
                                                 const MigrateOptions& options,
                                                 const ProgressFn& progress) {
  MigrationLock lock(connection_);
  MigrationRecorder(connection_).ensure_table();
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
  SqliteForeignKeysOff foreign_keys_off(connection_);

  // Replay the whole graph in plan order over what is applied. Forwards, each
  // planned migration runs when the replay reaches it, from the state at that
  // point (a topological order, so its dependencies are in). Backwards, the
  // state before each one is kept and they run in the plan's order.
  schema::ProjectState state;
  std::map<MigrationKey, schema::ProjectState> before;
  std::vector<PlanStep> taken;
  for (const auto& key : graph_.full_plan()) {
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

// Read inside the migration's transaction, so the answer holds while its
// statements run.
bool MigrationExecutor::can_recreate(const EmptyTableRecreation& recreation) {
  const db::Value table{recreation.table};
  if (!connection_
           .query("SELECT NOT EXISTS (SELECT 1 FROM " +
                  connection_.dialect().quote(recreation.table) + ")")
           .front()
           .get<bool>(0)) {
    return false;
  }
  auto objects = connection_.query(
      "SELECT name FROM sqlite_master WHERE tbl_name = $1 AND type IN ('index', 'trigger') "
      "AND name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'",
      table);
  std::set<std::string> live;
  for (const auto& row : objects) live.insert(row.get<std::string>(0));
  return live == std::set<std::string>(recreation.indexes.begin(), recreation.indexes.end());
}

schema::ProjectState MigrationExecutor::apply(const Migration& m,
                                              const schema::ProjectState& before, bool backwards,
                                              const MigrateOptions& options,
                                              const ProgressFn& progress) {
  const db::Dialect& dialect = connection_.dialect();
  PlanStep step{m.key, backwards};
  if (progress) progress(step, "");
  MigrationSql sql;
  schema::ProjectState after;
  bool outside_transaction = false;
  if (options.fake) {
    after = state_after({&m}, before);
  } else {
    sql = migration_sql(m, before, dialect,
                        backwards ? Direction::kBackwards : Direction::kForwards, after);
    for (const auto& entry : m.operations) {
      if (runs_outside_transaction(entry.operation, dialect.backend())) outside_transaction = true;
    }
  }
  bool sqlite = dialect.backend() == db::Backend::kSqlite;
  MigrationRecorder recorder(connection_);

  if (outside_transaction) {
    // CREATE INDEX CONCURRENTLY cannot run in a transaction: run the
    // statements first, then record; a crash in between leaves the index
    // without its history row, and IF NOT EXISTS makes the rerun safe.
    if (!backwards && recorder.is_applied(m.key)) {
      if (progress) progress(step, "SKIPPED");
      return after;
    }
    for (const auto& statement : sql.statements()) connection_.execute_script(statement);
    db::in_transaction(connection_, [&](db::Connection&) {
      if (backwards) {
        recorder.record_unapplied(m.key);
      } else {
        recorder.record_applied(m.key, m.checksum);
      }
    });
    if (progress) progress(step, "OK");
    return after;
  }

  db::Transaction tx(connection_);
  // Under the write lock: another process may have done this step already.
  if (recorder.is_applied(m.key) != backwards) {
    tx.rollback();
    if (progress) progress(step, "SKIPPED");
    return after;
  }
  for (const auto& op : sql.operations) {
    const bool recreate =
        options.recreate_empty_tables && op.if_table_empty && can_recreate(*op.if_table_empty);
    for (const auto& statement : recreate ? op.if_table_empty->statements : op.statements) {
      connection_.execute_script(statement);
    }
  }
  if (sqlite) {
    auto violations = connection_.query("PRAGMA foreign_key_check");
    if (!violations.empty()) {
      throw db::ForeignKeyViolation(m.key.str() +
                                    " leaves rows whose foreign key points nowhere (table " +
                                    violations.front().get<std::string>(0) + ")");
    }
  }
  if (backwards) {
    recorder.record_unapplied(m.key);
  } else {
    recorder.record_applied(m.key, m.checksum);
  }
  tx.commit();
  if (progress) progress(step, options.fake ? "FAKED" : "OK");
  return after;
}

}  // namespace lectern::migrations
