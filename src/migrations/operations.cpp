#include "migrations/operations.hpp"

#include <algorithm>

#include "migrations/operations/add_constraint.hpp"
#include "migrations/operations/add_field.hpp"
#include "migrations/operations/add_index.hpp"
#include "migrations/operations/alter_field.hpp"
#include "migrations/operations/create_model.hpp"
#include "migrations/operations/rename_field.hpp"
#include "migrations/operations/rename_model.hpp"
#include "migrations/operations/run_sql.hpp"

namespace lectern::migrations {

namespace {

// Runs `fn` and prefixes a ValidationError with what was being done, so each
// operation states only the reason. `context` makes that text, only on error.
template <typename Context, typename Fn>
auto explained(Context&& context, Fn&& fn) {
  try {
    return fn();
  } catch (const ValidationError& e) {
    throw ValidationError(context() + ": " + e.what());
  } catch (const IrreversibleError& e) {
    throw IrreversibleError(context() + ": " + e.what());
  }
}

}  // namespace

std::string operation_location(const Migration& migration, const OperationEntry& entry) {
  std::string text = migration.key.str();
  if (migration.source.empty()) return text;
  text += " (" + migration.source;
  if (entry.line > 0) text += ":" + std::to_string(entry.line);
  return text + ")";
}

namespace {

// state_forwards in place: a failed operation may leave `state` half changed,
// so callers use it on a state they throw away on failure.
void advance(const Operation& op, std::string_view app, schema::ProjectState& state) {
  explained([&] { return describe(op); },
            [&] { std::visit([&](const auto& o) { ops::state_forwards(o, app, state); }, op); });
}

// Applies a migration's operations to `state` in place (as advance does).
void advance(const Migration& migration, schema::ProjectState& state) {
  for (const auto& entry : migration.operations) {
    explained([&] { return operation_location(migration, entry); },
              [&] { advance(entry.operation, migration.key.app, state); });
  }
}

}  // namespace

void state_forwards(const Operation& op, std::string_view app, schema::ProjectState& state) {
  // Applied to a copy: a failed operation leaves the state as it was.
  schema::ProjectState next = state;
  advance(op, app, next);
  state = std::move(next);
}

void state_forwards_in_place(const Operation& op, std::string_view app,
                             schema::ProjectState& state) {
  advance(op, app, state);
}

Statements database_forwards(const Operation& op, std::string_view app,
                             const schema::ProjectState& from, const schema::ProjectState& to,
                             const db::Dialect& dialect) {
  const ops::DatabaseContext ctx{app, from, to, dialect};
  return explained([&] { return describe(op); },
                   [&] {
                     return std::visit(
                         [&](const auto& o) { return ops::database_forwards(o, ctx); }, op);
                   });
}

Statements database_backwards(const Operation& op, std::string_view app,
                              const schema::ProjectState& from, const schema::ProjectState& to,
                              const db::Dialect& dialect) {
  const ops::DatabaseContext ctx{app, from, to, dialect};
  return explained([&] { return describe(op); },
                   [&] {
                     return std::visit(
                         [&](const auto& o) { return ops::database_backwards(o, ctx); }, op);
                   });
}

namespace {

std::optional<EmptyTableRecreation> empty_table_recreation(const Operation& op,
                                                           std::string_view app,
                                                           const schema::ProjectState& from,
                                                           const schema::ProjectState& to,
                                                           const db::Dialect& dialect) {
  const ops::DatabaseContext ctx{app, from, to, dialect};
  if (const auto* add = std::get_if<AddField>(&op)) return ops::empty_table_recreation(*add, ctx);
  if (const auto* remove = std::get_if<RemoveField>(&op)) {
    return ops::empty_table_recreation(*remove, ctx);
  }
  return std::nullopt;
}

}  // namespace

bool reversible(const Operation& op, db::Backend backend) {
  if (const auto* sql = std::get_if<RunSQL>(&op)) return ops::reversible(*sql, backend);
  return true;
}

std::string describe(const Operation& op) {
  return std::visit([](const auto& o) { return ops::describe(o); }, op);
}

bool runs_outside_transaction(const Operation& op, db::Backend backend) {
  const auto* index = std::get_if<AddIndex>(&op);
  return index && index->concurrently && backend == db::Backend::kPostgres;
}

schema::ProjectState state_after(const std::vector<const Migration*>& plan_in_order,
                                 schema::ProjectState initial) {
  // `initial` is this function's own copy: in place is safe.
  for (const Migration* migration : plan_in_order) advance(*migration, initial);
  return initial;
}

Statements MigrationSql::statements() const {
  Statements out;
  for (const auto& op : operations)
    out.insert(out.end(), op.statements.begin(), op.statements.end());
  return out;
}

std::string MigrationSql::script() const {
  std::string out;
  for (const auto& op : operations) {
    out += "-- " + op.description + "\n";
    if (op.statements.empty()) {
      if (!op.description.ends_with("(state only: no SQL)")) out += "-- (no SQL)\n";
    } else {
      out += to_script(op.statements);
    }
    if (!op.if_table_empty) continue;
    out += "-- or, when " + op.if_table_empty->table +
           " has no rows (and no index or trigger the migrations do not know):\n";
    for (const auto& statement : op.if_table_empty->statements) {
      std::string_view rest = statement;
      while (!rest.empty()) {
        auto nl = rest.find('\n');
        out += "--   " + std::string(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
        out += rest.empty() ? ";\n" : "\n";
      }
    }
  }
  return out;
}

namespace {

// The state before each operation of a migration and after the last, without
// copying the state before it: states[i] is the state before operation i,
// states.back() the state after the migration.
class States {
 public:
  States(const Migration& migration, const schema::ProjectState& before) : before_(before) {
    after_.reserve(migration.operations.size());
    for (const auto& entry : migration.operations) {
      // Copies share their models; each operation changes only its own.
      schema::ProjectState next = back();
      explained([&] { return operation_location(migration, entry); },
                [&] { advance(entry.operation, migration.key.app, next); });
      after_.push_back(std::move(next));
    }
  }
  const schema::ProjectState& operator[](std::size_t i) const {
    return i == 0 ? before_ : after_[i - 1];
  }
  const schema::ProjectState& back() const { return after_.empty() ? before_ : after_.back(); }
  // The state after the migration, for a caller that carries it on.
  schema::ProjectState take_back() {
    if (after_.empty()) return before_;
    return std::move(after_.back());
  }

 private:
  const schema::ProjectState& before_;
  std::vector<schema::ProjectState> after_;
};

MigrationSql render(const Migration& migration, const States& states, const db::Dialect& dialect,
                    Direction direction) {
  const auto& app = migration.key.app;
  const bool forwards = direction == Direction::kForwards;
  const std::size_t n = migration.operations.size();
  MigrationSql out{migration.key, {}};
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = forwards ? k : n - 1 - k;  // backwards: last operation first
    const auto& entry = migration.operations[i];
    // The state the database is in and the one it moves to.
    const auto& from = forwards ? states[i] : states[i + 1];
    const auto& to = forwards ? states[i + 1] : states[i];
    if (entry.state_only) {
      // The run_sql before it made the change: only the state follows.
      out.operations.push_back(
          {describe(entry.operation) + " (state only: no SQL)", {}, std::nullopt, i});
      continue;
    }
    auto statements =
        explained([&] { return operation_location(migration, entry); },
                  [&] {
                    return forwards ? database_forwards(entry.operation, app, from, to, dialect)
                                    : database_backwards(entry.operation, app, from, to, dialect);
                  });
    out.operations.push_back({describe(entry.operation), std::move(statements),
                              empty_table_recreation(entry.operation, app, from, to, dialect), i});
  }
  return out;
}

}  // namespace

MigrationSql migration_sql(const Migration& migration, const schema::ProjectState& before,
                           const db::Dialect& dialect, Direction direction) {
  return render(migration, States(migration, before), dialect, direction);
}

MigrationStep migration_step(const Migration& migration, const schema::ProjectState& before,
                             const db::Dialect& dialect, Direction direction, bool fake) {
  MigrationStep step;
  if (fake) {
    step.after = state_after({&migration}, before);
    return step;
  }
  States states(migration, before);
  step.sql = render(migration, states, dialect, direction);
  step.after = states.take_back();
  for (const auto& entry : migration.operations) {
    if (!entry.state_only && runs_outside_transaction(entry.operation, dialect.backend())) {
      step.outside_transaction = true;
    }
  }
  return step;
}

std::vector<MigrationSql> collect_sql(const std::vector<const Migration*>& plan_in_order,
                                      const schema::ProjectState& before,
                                      const db::Dialect& dialect, Direction direction) {
  std::vector<MigrationSql> out;
  schema::ProjectState state = before;
  for (const Migration* migration : plan_in_order) {
    States states(*migration, state);
    out.push_back(render(*migration, states, dialect, direction));
    state = states.take_back();
  }
  if (direction == Direction::kBackwards) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace lectern::migrations
