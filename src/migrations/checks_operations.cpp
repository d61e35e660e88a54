// The checks over what each operation of the files does: type changes
// PostgreSQL cannot make as written (E007, every migration: a fresh database
// runs them all) and changes that are legal but dangerous on a live table
// (W001-W004, the migrations still to apply; each silenced by an
// `acknowledge` line before the operation).
#include <algorithm>

#include "core/error.hpp"
#include "migrations/checks.hpp"
#include "migrations/operations.hpp"
#include "migrations/operations/context.hpp"
#include "migrations/type_changes.hpp"

namespace lectern::migrations {

namespace {

std::string ack_hint(std::string_view code) {
  return "if that is intended here, say so with `acknowledge " + std::string(code) +
         "` on the line before the operation";
}

struct OperationScan {
  const Migration& migration;
  const OperationEntry& entry;
  const schema::ProjectState& before_migration;
  const schema::ProjectState& state;  // before this operation
  bool warn;                          // not applied yet
  db::Backend backend;
  std::vector<CheckMessage>& out;

  std::string at() const { return operation_location(migration, entry); }
  const std::string& app() const { return migration.key.app; }
  bool existed(const std::string& model) const {
    return before_migration.find(app(), model) != nullptr;
  }
  void warning(const std::string& code, std::string message, std::string hint) const {
    if (!warn) return;
    const auto& ack = entry.acknowledged;
    if (std::find(ack.begin(), ack.end(), code) != ack.end()) return;
    out.push_back({code, CheckLevel::kWarning, at() + ": " + std::move(message),
                   std::move(hint) + "; " + ack_hint(code)});
  }

  void operator()(const AlterField& op) const {
    auto change = type_change_of(op, app(), state);
    if (!change) return;
    if (postgres_refusal(*change)) {
      out.push_back(unsafe_type_change_message(*change, at()));
      return;
    }
    if (!existed(op.model)) return;
    if (change->cast.rewrites || !change->using_expression.empty()) {
      std::string tables = change->table;
      for (const auto& r : change->references) tables += ", " + r.table;
      std::string message = change->model + "." + change->field + " changes type from " +
                            postgres_type_name(change->from) + " to " +
                            postgres_type_name(change->to) + ", which rewrites " + tables +
                            " under an ACCESS EXCLUSIVE lock on PostgreSQL";
      if (change->cast.may_fail_on_data && change->using_expression.empty()) {
        message += "; it fails if a value does not fit " + postgres_type_name(change->to) +
                   " (`lectern check --database URL` counts them)";
      }
      warning("migrations.W002", message,
              "on a large table, add a new column, fill it in batches and swap it in instead");
    }
    if (warn && backend == db::Backend::kSqlite) {
      out.push_back({"migrations.I001", CheckLevel::kInfo,
                     at() + ": " + sqlite_type_change_note(change->table),
                     "nothing to do on SQLite; on PostgreSQL the same file runs ALTER COLUMN "
                     "TYPE (see migrations.W002 and E007)"});
    }
  }
  void operator()(const AddField& op) const {
    const auto& f = op.field;
    if (!existed(op.model) || f.null || f.default_value.has_value() || f.primary_key) return;
    const schema::ModelState* model = state.find(app(), op.model);
    std::string column = f.column.empty() ? ops::default_column(f) : f.column;
    warning("migrations.W001",
            "adds NOT NULL column " + (model ? model->table : op.model) + "." + column +
                " without a default, which fails as soon as the table has a row",
            "give it a default, or add it null, fill it (run_sql) and make it NOT NULL in a "
            "later alter_field");
  }
  void operator()(const RemoveField& op) const {
    const schema::ModelState* model = state.find(app(), op.model);
    const schema::FieldSpec* f = model ? model->field(op.name) : nullptr;
    if (!f) return;
    warning("migrations.W003",
            "drops column " + model->table + "." + f->column + " and the data in it",
            "deploy code that no longer reads or writes it first, and keep a backup if the "
            "data matters");
  }
  void operator()(const DeleteModel& op) const {
    const schema::ModelState* model = state.find(app(), op.name);
    if (!model) return;
    warning("migrations.W003", "drops table " + model->table + " and every row in it",
            "deploy code that no longer uses " + model->key() +
                " first, and keep a backup if the data matters");
  }
  void operator()(const AddIndex& op) const {
    if (op.concurrently || !existed(op.model)) return;
    const schema::ModelState* model = state.find(app(), op.model);
    warning("migrations.W004",
            "builds index " + op.index.name + " on " + (model ? model->table : op.model) +
                " without CONCURRENTLY, which blocks writes to the table on PostgreSQL until "
                "it is built",
            "write `add_index " + op.model +
                " concurrently` (that migration then runs outside a transaction on PostgreSQL)");
  }
  template <typename Other>
  void operator()(const Other&) const {}
};

}  // namespace

std::vector<CheckMessage> operation_checks(const MigrationHistory& history,
                                           const std::set<MigrationKey>& applied,
                                           db::Backend backend) {
  std::vector<CheckMessage> out;
  for (const auto& step : history.steps) {
    const Migration& m = *step.migration;
    schema::ProjectState state = step.before;
    for (const auto& entry : m.operations) {
      std::visit(OperationScan{m, entry, step.before, state, !applied.count(m.key), backend, out},
                 entry.operation);
      try {
        state_forwards(entry.operation, m.key.app, state);
      } catch (const ValidationError&) {
        break;  // replay_migrations reported it (migrations.E008)
      }
    }
  }
  return out;
}

}  // namespace lectern::migrations
