// The checks over what each operation of the files does: type changes
// PostgreSQL cannot make as written (E007, every migration: a fresh database
// runs them all) and changes that are legal but dangerous on a live table
// (W001-W004, the migrations still to apply; each silenced by an
// `acknowledge` line before the operation).
#include <algorithm>
#include <cctype>
#include <set>

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

// Whether SQL text changes the schema: a CREATE, ALTER, DROP or RENAME word
// outside comments and string literals.
bool changes_schema(std::string_view sql) {
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) return false;
    } else if (c == '\'') {
      i = sql.find('\'', i + 1);
      if (i == std::string_view::npos) return false;
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) {
        ++end;
      }
      std::string word(sql.substr(i, end - i));
      for (auto& ch : word) ch = char(std::toupper(static_cast<unsigned char>(ch)));
      if (word == "CREATE" || word == "ALTER" || word == "DROP" || word == "RENAME") return true;
      i = end;
    } else {
      ++i;
    }
  }
  return false;
}

struct OperationScan {
  const Migration& migration;
  const OperationEntry& entry;
  const schema::ProjectState& state;          // before this operation
  const std::set<std::string>& created_here;  // models created earlier in this migration
  bool warn;                                  // not applied yet
  db::Backend backend;
  std::vector<CheckMessage>& out;

  std::string at() const { return operation_location(migration, entry); }
  const std::string& app() const { return migration.key.app; }
  // Whether the table was there before the migration (and may have rows).
  bool existed(const std::string& model) const {
    return state.find(app(), model) != nullptr && !created_here.count(model);
  }
  void warning(const std::string& code, std::string message, std::string hint) const {
    if (!warn) return;
    const auto& ack = entry.acknowledged;
    if (std::find(ack.begin(), ack.end(), code) != ack.end()) return;
    out.push_back({code, CheckLevel::kWarning, at() + ": " + std::move(message),
                   std::move(hint) + "; " + ack_hint(code)});
  }

  void error(const std::string& code, std::string message, std::string hint) const {
    out.push_back({code, CheckLevel::kError, at() + ": " + std::move(message), std::move(hint)});
  }

  void operator()(const AlterField& op) const {
    auto change = type_change_of(op, app(), state);
    const bool converts = !op.using_expression.empty() || !op.sqlite_using_expression.empty();
    if (!change) {
      if (converts) {
        const schema::ModelState* model = state.find(app(), op.model);
        const schema::FieldSpec* f = model ? model->field(op.field.name) : nullptr;
        error("migrations.E010",
              "alter_field " + op.model + " gives using= but " + op.model + "." + op.field.name +
                  " keeps its column type, so the conversion would never run",
              f && f->relation != schema::Relation::kNone
                  ? "a foreign key's column follows the key it references: put the conversion on "
                    "the key's alter_field, which converts every foreign-key column with it"
                  : "remove using= (and sqlite_using=), or change the type it is meant for");
      }
      return;
    }
    if (backend == db::Backend::kSqlite && !op.using_expression.empty() &&
        op.sqlite_using_expression.empty() &&
        (change->cast.kind == CastKind::kNeedsUsing || change->cast.kind == CastKind::kNever ||
         !change->references.empty())) {
      error("migrations.E012",
            change->model + "." + change->field + " is converted from " +
                postgres_type_name(change->from) + " to " + postgres_type_name(change->to) +
                " by using= (PostgreSQL SQL) alone, so SQLite would refuse it",
            "give SQLite's conversion too: sqlite_using=\"<expression of " + change->column +
                ">\" (the value its table rebuild copies), so both backends hold the same data");
    }
    if (postgres_refusal(*change)) {
      out.push_back(unsafe_type_change_message(*change, at()));
      return;
    }
    if (!existed(op.model)) return;
    if (change->cast.rewrites || !change->using_expression.empty()) {
      std::vector<std::string> rewritten{change->table};
      for (const auto& r : change->references) {
        if (std::find(rewritten.begin(), rewritten.end(), r.table) == rewritten.end()) {
          rewritten.push_back(r.table);
        }
      }
      std::string tables;
      for (const auto& t : rewritten) tables += (tables.empty() ? "" : ", ") + t;
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
  void operator()(const RunSQL& op) const {
    const bool sqlite_changes = changes_schema(op.sqlite_forward);
    const bool postgres_changes = changes_schema(op.postgres_forward);
    if (sqlite_changes == postgres_changes) return;
    const std::string& other = sqlite_changes ? op.postgres_forward : op.sqlite_forward;
    if (other.find_first_not_of(" \t\r\n") != std::string::npos) return;  // written, on purpose
    const char* does = sqlite_changes ? "SQLite" : "PostgreSQL";
    const char* nothing = sqlite_changes ? "PostgreSQL" : "SQLite";
    error("migrations.E011",
          std::string("run_sql changes the schema on ") + does + " and does nothing on " + nothing +
              ", so the two backends drift apart (and `verify` fails on one of them)",
          std::string("write the ") + (sqlite_changes ? "postgres_forward" : "sqlite_forward") +
              " SQL; if that backend truly needs nothing, say so with a comment in it (-- ...); "
              "and if the SQL changes what a model is, follow it with a `state_only` operation "
              "so the migration state knows");
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
  // One state, advanced operation by operation: nothing copied per migration.
  schema::ProjectState state;
  for (const auto& step : history.steps) {
    const Migration& m = *step.migration;
    const std::size_t first = out.size();
    std::set<std::string> created_here;
    for (const auto& entry : m.operations) {
      if (!entry.state_only) {
        std::visit(
            OperationScan{m, entry, state, created_here, !applied.count(m.key), backend, out},
            entry.operation);
      }
      if (const auto* create = std::get_if<CreateModel>(&entry.operation)) {
        created_here.insert(create->model.name);
      } else if (const auto* rename = std::get_if<RenameModel>(&entry.operation)) {
        if (created_here.count(rename->old_name)) created_here.insert(rename->new_name);
      }
      try {
        state_forwards_in_place(entry.operation, m.key.app, state);
      } catch (const ValidationError&) {
        return out;  // replay_migrations reported it (migrations.E008)
      }
    }
    for (std::size_t i = first; i < out.size(); ++i) out[i].migration = m.key;
  }
  return out;
}

}  // namespace lectern::migrations
