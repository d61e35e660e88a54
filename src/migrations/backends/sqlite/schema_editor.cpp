#include "migrations/backends/sqlite/schema_editor.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "migrations/cast_rules.hpp"
#include "migrations/derived_names.hpp"
#include "migrations/schema_editor_parts.hpp"
#include "migrations/type_changes.hpp"
#include "migrations/type_conversion.hpp"

namespace lectern::migrations {

using namespace editor_parts;
using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;

Statements SqliteSchemaEditor::add_field(const ModelState& before, const ModelState& after,
                                         const FieldSpec& field) const {
  // What SQLite's ADD COLUMN accepts: no UNIQUE or PRIMARY KEY, a constant
  // default, a default when NOT NULL, and no default on a REFERENCES column.
  bool simple = !field.primary_key && !is_unique(field) &&
                field.default_value.kind != schema::DefaultValue::Kind::kNow &&
                (field.null || field.default_value.has_value()) &&
                (!has_relation(field) || (field.null && !field.default_value.has_value()));
  if (!simple) return remake_table(before, after);
  return SchemaEditor::add_field(before, after, field);
}

Statements SqliteSchemaEditor::remove_field(const ModelState& before, const ModelState& after,
                                            const FieldSpec& field) const {
  // SQLite's DROP COLUMN refuses a key, unique or foreign-key column; its own
  // CHECKs go with it.
  if (field.primary_key || is_unique(field) || has_relation(field)) {
    return remake_table(before, after);
  }
  return SchemaEditor::remove_field(before, after, field);
}

Statements SqliteSchemaEditor::add_constraint(const ModelState& before, const ModelState& after,
                                              const ConstraintSpec&) const {
  return remake_table(before, after);
}

Statements SqliteSchemaEditor::remove_constraint(const ModelState& before, const ModelState& after,
                                                 const ConstraintSpec&) const {
  return remake_table(before, after);
}

Statements SqliteSchemaEditor::rename_derived_object(const DerivedObject& o, const DerivedObject& n,
                                                     std::string_view) const {
  // SQLite never addresses a constraint by name (changes rebuild the table),
  // so its names stay as written until the next rebuild; it has no ALTER
  // INDEX.
  if (!n.is_index) return {};
  return {"DROP INDEX " + q(o.name),
          "CREATE INDEX " + q(n.name) + " ON " + q(n.table) + " (" + q(n.column) + ")"};
}

std::string SqliteSchemaEditor::boolean_default(bool value) const {
  return value ? "1" : "0";
}

std::string SqliteSchemaEditor::json_default(std::string_view text) const {
  return dialect_.quote_literal(text);
}

std::string SqliteSchemaEditor::now_default(bool date) const {
  if (date) return "(date('now'))";
  // SQLite stores timestamps as fixed-width RFC 3339 text (see
  // core/time.hpp format_storage) so that they sort as text;
  // CURRENT_TIMESTAMP's "YYYY-MM-DD HH:MM:SS" would not sort with them.
  return "(strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))";
}

std::string SqliteSchemaEditor::column_check(const FieldSpec& field) const {
  // SQLite keeps JSON as text: refuse what is not JSON, as Django does.
  if (field.type.type == db::ColumnType::kJson && !has_relation(field)) {
    return " CHECK (json_valid(" + q(field.column) + "))";
  }
  return "";
}

Statements SqliteSchemaEditor::alter_field_sql(const ModelState& before, const ModelState& after,
                                               const FieldSpec& old_field,
                                               const FieldSpec& new_field,
                                               std::string_view using_expression,
                                               std::string_view sqlite_using_expression) const {
  const db::ColumnTypeSpec from_type = column_type_of(old_field, from_);
  const db::ColumnTypeSpec to_type = column_type_of(new_field, to_);
  const bool type_changed = from_type != to_type;
  if (column_definition(before, old_field, from_) == column_definition(after, new_field, to_) &&
      old_field.column == new_field.column) {
    // The column stays as it is: at most its own index comes or goes.
    if (has_foreign_key_index(old_field) == has_foreign_key_index(new_field)) return {};
    if (has_foreign_key_index(new_field)) return {foreign_key_index_sql(after, new_field)};
    return {"DROP INDEX " + q(names::foreign_key_index(after.table, old_field.column))};
  }
  std::string source = q(old_field.column);
  Statements after_copy;
  std::vector<std::pair<ModelState, FieldSpec>> referencing;
  if (type_changed) {
    // The same files must give the same data on both backends: what
    // PostgreSQL refuses, SQLite refuses; what it converts, SQLite converts
    // alike; values the new type cannot hold are refused after the copy.
    TypeChange change{after.key(),
                      new_field.name,
                      after.table,
                      old_field.column,
                      old_field.primary_key,
                      from_type,
                      to_type,
                      postgres_cast(from_type, to_type),
                      std::string(using_expression)};
    if (old_field.primary_key) change.references = references_to(from_, after.key());
    if (sqlite_using_expression.empty()) {
      if (auto reason = postgres_refusal(change)) {
        return {refusal_guard(dialect_, *reason + "; SQLite refuses it too, so that the same "
                                                  "files give the same data on both backends")};
      }
      if (!using_expression.empty() &&
          (change.cast.kind == CastKind::kNeedsUsing || change.cast.kind == CastKind::kNever ||
           !change.references.empty())) {
        return {refusal_guard(dialect_, after.table + "." + old_field.column +
                                            ": using= is PostgreSQL's conversion; give SQLite's as "
                                            "sqlite_using=\"<expression of " +
                                            old_field.column +
                                            ">\" so that both backends convert the same way")};
      }
      source = sqlite_conversion(from_type, to_type, source);
    } else {
      source = std::string(sqlite_using_expression);
    }
    if (auto guard = sqlite_unfit_rows_guard(dialect_, q("new__" + after.table), new_field.column,
                                             after.table + "." + new_field.column, to_type)) {
      after_copy.push_back(std::move(*guard));
    }
  }
  if (old_field.null && !new_field.null && new_field.default_value.has_value()) {
    source = "coalesce(" + source + ", " + default_sql(new_field) + ")";
  }
  Statements out = remake_table(before, after, {{new_field.column, source}}, after_copy);
  if (new_field.primary_key && type_changed) {
    // Foreign keys carry the key's type: rebuild the tables that reference
    // it, converting their columns as the key was.
    for (const auto& [model, f] : referencing_fields(to_, after.key())) {
      if (model.table == after.table) continue;
      const ModelState* old_model = from_.find(model.key());
      std::string fk_source =
          sqlite_using_expression.empty()
              ? sqlite_conversion(from_type, to_type, q(f.column))
              : substitute_column(sqlite_using_expression, old_field.column, q(f.column));
      Statements fk_guard;
      if (auto guard = sqlite_unfit_rows_guard(dialect_, q("new__" + model.table), f.column,
                                               model.table + "." + f.column, to_type)) {
        fk_guard.push_back(std::move(*guard));
      }
      append(out, remake_table(old_model ? *old_model : model, model, {{f.column, fk_source}},
                               fk_guard));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The table rebuild

namespace {

// SQLite keeps the table's counter in sqlite_sequence.
bool uses_autoincrement(const ModelState& model) {
  return std::any_of(model.fields.begin(), model.fields.end(), [](const FieldSpec& f) {
    return f.primary_key && f.type.type == db::ColumnType::kBigAutoId;
  });
}

}  // namespace

Statements SqliteSchemaEditor::remake_table(const ModelState& before, const ModelState& after,
                                            const std::map<std::string, std::string>& sources,
                                            const Statements& after_copy) const {
  const std::string temporary = "new__" + after.table;
  Statements out{create_table(after, temporary, to_)};
  if (uses_autoincrement(before) && uses_autoincrement(after)) {
    // AUTOINCREMENT never hands out an id twice, not even one whose row was
    // deleted: the new table starts from the old one's counter, which the
    // copy raises if need be and the RENAME carries over.
    out.push_back(
        "INSERT INTO sqlite_sequence (name, seq) SELECT " + dialect_.quote_literal(temporary) +
        ", seq FROM sqlite_sequence WHERE name = " + dialect_.quote_literal(before.table));
  }
  std::vector<std::string> columns;
  std::vector<std::string> values;
  for (const auto& f : after.fields) {
    if (auto it = sources.find(f.column); it != sources.end()) {
      columns.push_back(q(f.column));
      values.push_back(it->second);
      continue;
    }
    for (const auto& old : before.fields) {
      if (old.column != f.column) continue;
      columns.push_back(q(f.column));
      values.push_back(q(old.column));
    }
  }
  out.push_back("INSERT INTO " + q(temporary) + " (" + join(columns, ", ") + ") SELECT " +
                join(values, ", ") + " FROM " + q(before.table));
  out.insert(out.end(), after_copy.begin(), after_copy.end());
  out.push_back("DROP TABLE " + q(before.table));
  out.push_back("ALTER TABLE " + q(temporary) + " RENAME TO " + q(after.table));
  append(out, create_table_indexes(after));
  return out;
}

std::optional<EmptyTableRecreation> SqliteSchemaEditor::recreate_empty_table(
    const ModelState& before, const ModelState& after) const {
  EmptyTableRecreation out{after.table, table_index_names(before), {}};
  // DROP TABLE deletes the table's sqlite_sequence row: it waits under a
  // name no table of the engine can have, so ids are never handed out twice.
  const bool counter = uses_autoincrement(before) && uses_autoincrement(after);
  const std::string table = dialect_.quote_literal(after.table);
  const std::string parked = dialect_.quote_literal(after.table + " (re-created)");
  if (counter) {
    out.statements.push_back("UPDATE sqlite_sequence SET name = " + parked +
                             " WHERE name = " + table);
  }
  out.statements.push_back("DROP TABLE " + q(before.table));
  out.statements.push_back(create_table(after, after.table, to_));
  if (counter) {
    out.statements.push_back("UPDATE sqlite_sequence SET name = " + table +
                             " WHERE name = " + parked);
  }
  append(out.statements, create_table_indexes(after));
  return out;
}

}  // namespace lectern::migrations
