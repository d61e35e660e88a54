#include "migrations/schema_editor.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/text.hpp"
#include "migrations/backends/postgres/schema_editor.hpp"
#include "migrations/backends/sqlite/schema_editor.hpp"
#include "migrations/schema_editor_parts.hpp"
#include "migrations/type_changes.hpp"

namespace lectern::migrations {

using namespace editor_parts;
using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ModelState;
using schema::ProjectState;

namespace editor_parts {

const std::string& column_of(const ModelState& model, const std::string& field_name) {
  const FieldSpec* f = model.field(field_name);
  if (!f) {
    throw ValidationError("model " + model.key() + " has no field named " + field_name);
  }
  return f->column;
}

std::string range_expression(const db::Dialect& d, const FieldSpec& f) {
  std::vector<std::string> terms;
  if (f.min_value) terms.push_back(d.quote(f.column) + " >= " + std::to_string(*f.min_value));
  if (f.max_value) terms.push_back(d.quote(f.column) + " <= " + std::to_string(*f.max_value));
  return join(terms, " AND ");
}

namespace {

std::string check_expression(const db::Dialect& d, const ModelState& model,
                             const ConstraintSpec& c) {
  if (c.check.empty()) throw ValidationError("check constraint " + c.name + " has no terms");
  std::vector<std::string> terms;
  for (const auto& term : c.check) {
    if (!is_check_operator(term.op)) {
      throw ValidationError("check constraint " + c.name + " uses unknown operator '" + term.op +
                            "' (expected one of >=, <=, >, <, =, <>)");
    }
    terms.push_back(d.quote(column_of(model, term.field)) + " " + term.op + " " +
                    std::to_string(term.value));
  }
  return join(terms, " AND ");
}

}  // namespace

std::string constraint_definition(const db::Dialect& d, const ModelState& model,
                                  const ConstraintSpec& c) {
  std::string sql = "CONSTRAINT " + d.quote(c.name);
  if (c.kind == ConstraintSpec::Kind::kCheck) {
    return sql + " CHECK (" + check_expression(d, model, c) + ")";
  }
  if (c.fields.empty()) throw ValidationError("unique constraint " + c.name + " has no fields");
  std::vector<std::string> cols;
  for (const auto& f : c.fields) cols.push_back(d.quote(column_of(model, f)));
  return sql + " UNIQUE (" + join(cols, ", ") + ")";
}

std::vector<std::pair<ModelState, FieldSpec>> referencing_fields(const ProjectState& state,
                                                                 const std::string& key) {
  std::vector<std::pair<ModelState, FieldSpec>> out;
  for (const auto& [k, model] : state.models) {
    for (const auto& f : model.fields) {
      if (has_relation(f) && f.target == key) out.emplace_back(model, f);
    }
    for (const auto& m2m : model.many_to_many) {
      ModelState link = link_model(model, m2m);
      for (const auto& f : link.fields) {
        if (has_relation(f) && f.target == key) out.emplace_back(link, f);
      }
    }
  }
  return out;
}

}  // namespace editor_parts

// In a fixed order, so that two versions of one table (before and after a
// rename) pair up by position.
std::vector<SchemaEditor::DerivedObject> SchemaEditor::derived_objects(const ModelState& model,
                                                                       bool link) {
  std::vector<DerivedObject> out;
  const auto& t = model.table;
  for (const auto& f : model.fields) {
    if (f.primary_key) out.push_back({false, names::primary_key(t), t, f.column});
    if (has_relation(f)) out.push_back({false, names::foreign_key(t, f.column), t, f.column});
    if (has_foreign_key_index(f)) {
      out.push_back({true, names::foreign_key_index(t, f.column), t, f.column});
    }
    if (is_unique(f)) out.push_back({false, names::unique(t, f.column), t, f.column});
    if (has_range(f)) out.push_back({false, names::range_check(t, f.column), t, f.column});
  }
  // A link table's unique pair is named after its columns too.
  if (link) {
    for (const auto& c : model.constraints) out.push_back({false, c.name, t, {}});
  }
  return out;
}

std::unique_ptr<SchemaEditor> make_schema_editor(const db::Dialect& dialect,
                                                 const ProjectState& from, const ProjectState& to) {
  if (dialect.backend() == db::Backend::kSqlite) {
    return std::make_unique<SqliteSchemaEditor>(dialect, from, to);
  }
  return std::make_unique<PostgresSchemaEditor>(dialect, from, to);
}

bool is_check_operator(std::string_view op) {
  static constexpr std::array<std::string_view, 6> kOperators = {">=", "<=", ">", "<", "=", "<>"};
  for (auto known : kOperators) {
    if (op == known) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Pieces of DDL

std::string SchemaEditor::column_type(const FieldSpec& field, const ProjectState& state) const {
  if (has_relation(field)) {
    const ModelState* target = state.find(field.target);
    if (!target) {
      throw ValidationError("field " + field.name + " references unknown model " + field.target);
    }
    const FieldSpec* key = target->primary_key();
    if (!key) throw ValidationError("model " + field.target + " has no primary key");
    // A foreign key carries the referenced key's exact type; the project's
    // auto-increment key is a plain bigint once it is referenced.
    auto spec = key->type;
    if (spec.type == db::ColumnType::kBigAutoId) spec = {db::ColumnType::kBigInt};
    return dialect_.type_name(spec);
  }
  if (field.type.type == db::ColumnType::kBigAutoId && !field.primary_key) {
    return dialect_.type_name({db::ColumnType::kBigInt});
  }
  return dialect_.type_name(field.type);
}

std::string SchemaEditor::default_sql(const FieldSpec& field) const {
  using Kind = schema::DefaultValue::Kind;
  const auto& d = field.default_value;
  switch (d.kind) {
    case Kind::kNone:
      return "";
    case Kind::kInteger:
      return std::to_string(d.integer);
    case Kind::kDouble: {
      if (!std::isfinite(d.number)) {
        throw ValidationError("field " + field.name + " has a non-finite default");
      }
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d.number);
      return std::string(buf, end);
    }
    case Kind::kBool:
      return boolean_default(d.boolean);
    case Kind::kText:
      return dialect_.quote_literal(d.text);
    case Kind::kJson:
      return json_default(d.text);
    case Kind::kNow:
      return now_default(field.type.type == db::ColumnType::kDate);
  }
  return "";
}

std::string SchemaEditor::references(const FieldSpec& field, const ProjectState& state) const {
  const ModelState* target = state.find(field.target);
  if (!target || !target->primary_key()) {
    throw ValidationError("field " + field.name + " references unknown model " + field.target);
  }
  std::string sql =
      "REFERENCES " + q(target->table) + " (" + q(target->primary_key()->column) + ")";
  switch (field.on_delete) {
    case schema::OnDelete::kNone:
      break;
    case schema::OnDelete::kCascade:
      sql += " ON DELETE CASCADE";
      break;
    case schema::OnDelete::kSetNull:
      sql += " ON DELETE SET NULL";
      break;
    // PROTECT is enforced by the database too, not only by the services.
    case schema::OnDelete::kProtect:
    case schema::OnDelete::kRestrict:
      sql += " ON DELETE RESTRICT";
      break;
  }
  return sql + std::string(foreign_key_timing());
}

std::string SchemaEditor::column_definition(const ModelState& model, const FieldSpec& field,
                                            const ProjectState& state) const {
  std::string sql = q(field.column) + " ";
  if (is_identity(field)) return sql + dialect_.type_name(field.type);
  sql += column_type(field, state);
  if (field.primary_key) return sql + " NOT NULL PRIMARY KEY";
  sql += field.null ? " NULL" : " NOT NULL";
  if (auto d = default_sql(field); !d.empty()) sql += " DEFAULT " + d;
  if (is_unique(field))
    sql += " CONSTRAINT " + q(names::unique(model.table, field.column)) + " UNIQUE";
  if (has_range(field)) {
    sql += " CONSTRAINT " + q(names::range_check(model.table, field.column)) + " CHECK (" +
           range_expression(dialect_, field) + ")";
  }
  sql += column_check(field);
  if (has_relation(field)) {
    sql += " CONSTRAINT " + q(names::foreign_key(model.table, field.column)) + " " +
           references(field, state);
  }
  return sql;
}

std::string SchemaEditor::create_table(const ModelState& model, std::string_view table_name,
                                       const ProjectState& state) const {
  std::vector<std::string> lines;
  for (const auto& f : model.fields) lines.push_back(column_definition(model, f, state));
  for (const auto& c : model.constraints)
    lines.push_back(constraint_definition(dialect_, model, c));
  return "CREATE TABLE " + q(table_name) + " (\n    " + join(lines, ",\n    ") + "\n)";
}

std::string SchemaEditor::index_sql(const ModelState& model, const IndexSpec& index,
                                    bool concurrently) const {
  if (index.fields.empty()) throw ValidationError("index " + index.name + " has no fields");
  std::vector<std::string> cols;
  for (const auto& f : index.fields) cols.push_back(q(column_of(model, f)));
  return std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
         (concurrently && indexes_concurrently() ? "CONCURRENTLY " : "") + q(index.name) + " ON " +
         q(model.table) + " (" + join(cols, ", ") + ")";
}

Statements SchemaEditor::create_table_indexes(const ModelState& model) const {
  Statements out;
  for (const auto& f : model.fields) {
    if (has_foreign_key_index(f)) out.push_back(foreign_key_index_sql(model, f));
  }
  for (const auto& index : model.indexes) out.push_back(index_sql(model, index, false));
  return out;
}

std::string SchemaEditor::foreign_key_index_sql(const ModelState& model,
                                                const FieldSpec& field) const {
  return "CREATE INDEX " + q(names::foreign_key_index(model.table, field.column)) + " ON " +
         q(model.table) + " (" + q(field.column) + ")";
}

// The names of what create_table_indexes creates, in the same order.
std::vector<std::string> SchemaEditor::table_index_names(const ModelState& model) const {
  std::vector<std::string> out;
  for (const auto& f : model.fields) {
    if (has_foreign_key_index(f)) out.push_back(names::foreign_key_index(model.table, f.column));
  }
  for (const auto& index : model.indexes) out.push_back(index.name);
  return out;
}

// ---------------------------------------------------------------------------
// Models

Statements SchemaEditor::create_model(const ModelState& model) const {
  Statements out{create_table(model, model.table, to_)};
  append(out, create_table_indexes(model));
  for (const auto& m2m : model.many_to_many) {
    ModelState link = link_model(model, m2m);
    out.push_back(create_table(link, link.table, to_));
    append(out, create_table_indexes(link));
  }
  return out;
}

Statements SchemaEditor::delete_model(const ModelState& model) const {
  Statements out;
  for (const auto& m2m : model.many_to_many) {
    out.push_back("DROP TABLE " + q(names::link_table(model.table, m2m.name)));
  }
  out.push_back("DROP TABLE " + q(model.table));
  return out;
}

Statements SchemaEditor::rename_table_objects(const ModelState& before, const ModelState& after,
                                              bool link) const {
  assert(before.fields.size() == after.fields.size());
  Statements out;
  if (before.table != after.table) {
    out.push_back("ALTER TABLE " + q(before.table) + " RENAME TO " + q(after.table));
  }
  for (std::size_t i = 0; i < after.fields.size(); ++i) {
    const auto& old_column = before.fields[i].column;
    const auto& new_column = after.fields[i].column;
    if (old_column == new_column) continue;
    out.push_back("ALTER TABLE " + q(after.table) + " RENAME COLUMN " + q(old_column) + " TO " +
                  q(new_column));
  }
  auto old_objects = derived_objects(before, link);
  auto new_objects = derived_objects(after, link);
  assert(old_objects.size() == new_objects.size());
  for (std::size_t i = 0; i < new_objects.size(); ++i) {
    const auto& o = old_objects[i];
    const auto& n = new_objects[i];
    if (o.name == n.name) continue;
    append(out, rename_derived_object(o, n, after.table));
  }
  return out;
}

Statements SchemaEditor::rename_model(const ModelState& before, const ModelState& after) const {
  Statements out = rename_table_objects(before, after, false);
  for (std::size_t i = 0; i < after.many_to_many.size(); ++i) {
    append(out, rename_table_objects(link_model(before, before.many_to_many[i]),
                                     link_model(after, after.many_to_many[i]), true));
  }
  // Link tables of other models name a column after this model.
  for (const auto& [key, owner] : to_.models) {
    if (key == after.key()) continue;
    const ModelState* owner_before = from_.find(key);
    if (!owner_before) continue;
    for (std::size_t i = 0; i < owner.many_to_many.size(); ++i) {
      if (owner.many_to_many[i].target != after.key()) continue;
      append(out, rename_table_objects(link_model(*owner_before, owner_before->many_to_many[i]),
                                       link_model(owner, owner.many_to_many[i]), true));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Fields

Statements SchemaEditor::add_field(const ModelState& before, const ModelState& after,
                                   const FieldSpec& field) const {
  (void)before;
  Statements out{"ALTER TABLE " + q(after.table) + " ADD COLUMN " +
                 column_definition(after, field, to_)};
  if (has_foreign_key_index(field)) out.push_back(foreign_key_index_sql(after, field));
  return out;
}

Statements SchemaEditor::remove_field(const ModelState& before, const ModelState& after,
                                      const FieldSpec& field) const {
  (void)after;
  // The column's constraints and indexes go with it.
  return {"ALTER TABLE " + q(before.table) + " DROP COLUMN " + q(field.column)};
}

Statements SchemaEditor::rename_field(const ModelState& before, const ModelState& after) const {
  return rename_table_objects(before, after, false);
}

Statements SchemaEditor::alter_field(const ModelState& before, const ModelState& after,
                                     const FieldSpec& old_field, const FieldSpec& new_field,
                                     std::string_view using_expression,
                                     std::string_view sqlite_using_expression) const {
  if (old_field.primary_key != new_field.primary_key) {
    throw ValidationError("field " + new_field.name + " of " + after.key() +
                          ": AlterField cannot change which field is the primary key");
  }
  if (column_type_of(old_field, from_) == column_type_of(new_field, to_) &&
      (!using_expression.empty() || !sqlite_using_expression.empty())) {
    // Never dropped without a word (migrations.E010 says so before).
    throw ValidationError("field " + new_field.name + " of " + after.key() +
                          ": using= is given but the column keeps its type" +
                          (has_relation(new_field)
                               ? " (a foreign key's column follows its target's key: put "
                                 "the conversion on the key's alter_field, which converts "
                                 "every foreign-key column with it)"
                               : ""));
  }
  return alter_field_sql(before, after, old_field, new_field, using_expression,
                         sqlite_using_expression);
}

// ---------------------------------------------------------------------------
// Indexes and constraints

Statements SchemaEditor::add_index(const ModelState& model, const IndexSpec& index,
                                   bool concurrently) const {
  return {index_sql(model, index, concurrently)};
}

Statements SchemaEditor::remove_index(const ModelState& model, const IndexSpec& index,
                                      bool concurrently) const {
  (void)model;
  return {std::string("DROP INDEX ") +
          (concurrently && indexes_concurrently() ? "CONCURRENTLY " : "") + q(index.name)};
}

Statements SchemaEditor::add_constraint(const ModelState& before, const ModelState& after,
                                        const ConstraintSpec& constraint) const {
  (void)before;
  return {"ALTER TABLE " + q(after.table) + " ADD " +
          constraint_definition(dialect_, after, constraint)};
}

Statements SchemaEditor::remove_constraint(const ModelState& before, const ModelState& after,
                                           const ConstraintSpec& constraint) const {
  (void)before;
  return {"ALTER TABLE " + q(after.table) + " DROP CONSTRAINT " + q(constraint.name)};
}

std::optional<EmptyTableRecreation> SchemaEditor::recreate_empty_table(const ModelState&,
                                                                       const ModelState&) const {
  return std::nullopt;
}

std::string to_script(const Statements& statements) {
  std::string out;
  for (const auto& s : statements) out += s + ";\n";
  return out;
}

}  // namespace lectern::migrations
