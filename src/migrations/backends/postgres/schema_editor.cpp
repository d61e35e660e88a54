#include "migrations/backends/postgres/schema_editor.hpp"

#include "migrations/schema_editor_parts.hpp"
#include "migrations/type_conversion.hpp"

namespace lectern::migrations {

using namespace editor_parts;
using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;

Statements PostgresSchemaEditor::rename_derived_object(const DerivedObject& o,
                                                       const DerivedObject& n,
                                                       std::string_view table) const {
  if (n.is_index) return {"ALTER INDEX " + q(o.name) + " RENAME TO " + q(n.name)};
  return {"ALTER TABLE " + q(table) + " RENAME CONSTRAINT " + q(o.name) + " TO " + q(n.name)};
}

std::string PostgresSchemaEditor::json_default(std::string_view text) const {
  return dialect_.quote_literal(text) + "::jsonb";
}

std::string PostgresSchemaEditor::now_default(bool date) const {
  return date ? "CURRENT_DATE" : "CURRENT_TIMESTAMP";
}

std::string_view PostgresSchemaEditor::foreign_key_timing() const {
  // As Django: checked at COMMIT, so that bulk loads and schema changes may
  // pass through states that are briefly inconsistent. (SQLite checks at the
  // statement: its rebuilds run with foreign keys off anyway, and a deferred
  // violation there fails COMMIT and leaves the transaction open.)
  return " DEFERRABLE INITIALLY DEFERRED";
}

Statements PostgresSchemaEditor::alter_related_key_columns(const ModelState& after, bool drop,
                                                           std::string_view using_expression,
                                                           std::string_view key_column) const {
  Statements out;
  for (const auto& [model, f] : referencing_fields(to_, after.key())) {
    std::string table = q(model.table);
    std::string fkey = q(names::foreign_key(model.table, f.column));
    if (drop) {
      out.push_back("ALTER TABLE " + table + " DROP CONSTRAINT " + fkey);
      continue;
    }
    std::string alter =
        "ALTER TABLE " + table + " ALTER COLUMN " + q(f.column) + " TYPE " + column_type(f, to_);
    if (!using_expression.empty()) {
      alter += " USING " + substitute_column(using_expression, key_column, q(f.column));
    }
    out.push_back(std::move(alter));
    out.push_back("ALTER TABLE " + table + " ADD CONSTRAINT " + fkey + " FOREIGN KEY (" +
                  q(f.column) + ") " + references(f, to_));
  }
  return out;
}

Statements PostgresSchemaEditor::alter_field_sql(const ModelState&, const ModelState& after,
                                                 const FieldSpec& o, const FieldSpec& n,
                                                 std::string_view using_expression,
                                                 std::string_view) const {
  const std::string table = q(after.table);
  const std::string alter = "ALTER TABLE " + table + " ";
  const std::string column = q(n.column);
  auto plain_type = [&](const FieldSpec& f, const ProjectState& state) {
    return is_identity(f) ? dialect_.type_name({db::ColumnType::kBigInt}) : column_type(f, state);
  };
  const std::string new_type = plain_type(n, to_);
  const bool renamed = o.column != n.column;
  const bool type_changed = plain_type(o, from_) != new_type;
  const bool key_type_changed = n.primary_key && type_changed;
  // Each derived object is dropped and re-added when it changes; a renamed
  // column re-adds them all so their names follow.
  const bool fk_changed = has_relation(o) != has_relation(n) || o.target != n.target ||
                          o.on_delete != n.on_delete || type_changed || renamed;
  const bool index_changed = has_foreign_key_index(o) != has_foreign_key_index(n) || renamed;
  const bool unique_changed = is_unique(o) != is_unique(n) || renamed;
  const bool range_changed = o.min_value != n.min_value || o.max_value != n.max_value || renamed;

  Statements out;
  if (key_type_changed) append(out, alter_related_key_columns(after, true));
  if (has_relation(o) && fk_changed) {
    out.push_back(alter + "DROP CONSTRAINT " + q(names::foreign_key(after.table, o.column)));
  }
  if (has_foreign_key_index(o) && index_changed) {
    out.push_back("DROP INDEX " + q(names::foreign_key_index(after.table, o.column)));
  }
  if (is_unique(o) && unique_changed) {
    out.push_back(alter + "DROP CONSTRAINT " + q(names::unique(after.table, o.column)));
  }
  if (has_range(o) && range_changed) {
    out.push_back(alter + "DROP CONSTRAINT " + q(names::range_check(after.table, o.column)));
  }
  if (renamed) out.push_back(alter + "RENAME COLUMN " + q(o.column) + " TO " + column);
  if (is_identity(o) && !is_identity(n)) {
    out.push_back(alter + "ALTER COLUMN " + column + " DROP IDENTITY");
  }

  const std::string old_default = default_sql(o);
  const std::string new_default = default_sql(n);
  if (type_changed) {
    // The old default may not cast to the new type; it is set again below.
    if (!old_default.empty()) out.push_back(alter + "ALTER COLUMN " + column + " DROP DEFAULT");
    std::string sql = alter + "ALTER COLUMN " + column + " TYPE " + new_type;
    if (!using_expression.empty()) sql += " USING " + std::string(using_expression);
    out.push_back(sql);
    if (!new_default.empty()) {
      out.push_back(alter + "ALTER COLUMN " + column + " SET DEFAULT " + new_default);
    }
  } else if (old_default != new_default) {
    out.push_back(alter + "ALTER COLUMN " + column +
                  (new_default.empty() ? " DROP DEFAULT" : " SET DEFAULT " + new_default));
  }
  if (!is_identity(o) && is_identity(n)) {
    out.push_back(alter + "ALTER COLUMN " + column + " ADD GENERATED BY DEFAULT AS IDENTITY");
    // The new sequence starts past the keys already there.
    out.push_back("SELECT setval(pg_get_serial_sequence(" + dialect_.quote_literal(after.table) +
                  ", " + dialect_.quote_literal(n.column) + "), coalesce(max(" + column +
                  "), 0) + 1, false) FROM " + table);
  }
  if (!n.primary_key && o.null && !n.null) {
    // As the SQLite rebuild does: existing NULLs take the new default.
    if (!new_default.empty()) {
      out.push_back("UPDATE " + table + " SET " + column + " = " + new_default + " WHERE " +
                    column + " IS NULL");
    }
    out.push_back(alter + "ALTER COLUMN " + column + " SET NOT NULL");
  } else if (!n.primary_key && !o.null && n.null) {
    out.push_back(alter + "ALTER COLUMN " + column + " DROP NOT NULL");
  }

  if (is_unique(n) && unique_changed) {
    out.push_back(alter + "ADD CONSTRAINT " + q(names::unique(after.table, n.column)) +
                  " UNIQUE (" + column + ")");
  }
  if (has_range(n) && range_changed) {
    out.push_back(alter + "ADD CONSTRAINT " + q(names::range_check(after.table, n.column)) +
                  " CHECK (" + range_expression(dialect_, n) + ")");
  }
  if (has_relation(n) && fk_changed) {
    out.push_back(alter + "ADD CONSTRAINT " + q(names::foreign_key(after.table, n.column)) +
                  " FOREIGN KEY (" + column + ") " + references(n, to_));
  }
  if (has_foreign_key_index(n) && index_changed) out.push_back(foreign_key_index_sql(after, n));
  if (key_type_changed) {
    append(out, alter_related_key_columns(after, false, using_expression, o.column));
  }
  return out;
}

}  // namespace lectern::migrations
