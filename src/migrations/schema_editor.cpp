#include "migrations/schema_editor.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "core/error.hpp"
#include "migrations/cast_rules.hpp"
#include "migrations/type_changes.hpp"
#include "migrations/type_conversion.hpp"

namespace lectern::migrations {

using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ModelState;
using schema::ProjectState;
using schema::Relation;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// FNV-1a: stable across platforms and releases, which std::hash is not.
std::string hash8(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

void append(Statements& out, Statements more) {
  for (auto& s : more) out.push_back(std::move(s));
}

bool has_relation(const FieldSpec& f) {
  return f.relation != Relation::kNone;
}
// One-to-one is a foreign key that is also unique.
bool is_unique(const FieldSpec& f) {
  return !f.primary_key && (f.unique || f.relation == Relation::kOneToOne);
}
// A unique column is already indexed by its constraint.
bool has_foreign_key_index(const FieldSpec& f) {
  return has_relation(f) && !is_unique(f);
}
bool has_range(const FieldSpec& f) {
  return f.min_value || f.max_value;
}
bool is_identity(const FieldSpec& f) {
  return f.primary_key && f.type.type == db::ColumnType::kBigAutoId;
}

// The model name of a relation target "app.Model".
std::string_view target_model_name(std::string_view target) {
  auto dot = target.find('.');
  return dot == std::string_view::npos ? target : target.substr(dot + 1);
}

const std::string& column_of(const ModelState& model, const std::string& field_name) {
  const FieldSpec* f = model.field(field_name);
  if (!f) {
    throw ValidationError("model " + model.key() + " has no field named " + field_name);
  }
  return f->column;
}

// The objects whose names derive from a table's name and columns, in a fixed
// order, so that two versions of one table (before and after a rename) pair
// up by position.
struct DerivedObject {
  bool is_index = false;
  std::string name;
  std::string table;
  std::string column;
};

std::vector<DerivedObject> derived_objects(const ModelState& model, bool link) {
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

}  // namespace

bool is_check_operator(std::string_view op) {
  static constexpr std::array<std::string_view, 6> kOperators = {">=", "<=", ">", "<", "=", "<>"};
  for (auto known : kOperators) {
    if (op == known) return true;
  }
  return false;
}

namespace names {

std::string derived(std::string_view table, const std::vector<std::string>& columns,
                    std::string_view suffix) {
  std::string stem(table);
  for (const auto& c : columns) stem += "_" + c;
  std::string full = stem + "_" + std::string(suffix);
  if (full.size() <= kMaxIdentifier) return full;
  std::string hash = hash8(full);
  std::size_t keep = kMaxIdentifier - suffix.size() - hash.size() - 2;
  return stem.substr(0, keep) + "_" + hash + "_" + std::string(suffix);
}

std::string foreign_key_index(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "idx");
}
std::string foreign_key(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "fkey");
}
std::string unique(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "key");
}
std::string range_check(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "range");
}
std::string primary_key(std::string_view table) {
  return derived(table, {}, "pkey");
}

std::string link_table(std::string_view owner_table, std::string_view field) {
  std::string full = std::string(owner_table) + "_" + std::string(field);
  if (full.size() <= kMaxIdentifier) return full;
  std::string hash = hash8(full);
  return full.substr(0, kMaxIdentifier - hash.size() - 1) + "_" + hash;
}

}  // namespace names

ModelState link_model(const ModelState& owner, const schema::ManyToManySpec& m2m) {
  std::string from = lower(owner.name);
  std::string to = lower(target_model_name(m2m.target));
  if (m2m.target == owner.key()) {  // Django's naming for a model linked to itself
    from = "from_" + from;
    to = "to_" + to;
  }
  auto key_field = [](std::string name, std::string target) {
    FieldSpec f;
    f.column = name + "_id";
    f.name = std::move(name);
    f.type = {db::ColumnType::kBigInt};
    f.relation = Relation::kForeignKey;
    f.target = std::move(target);
    f.on_delete = schema::OnDelete::kCascade;
    return f;
  };
  ModelState link;
  link.app = owner.app;
  link.name = owner.name + "_" + m2m.name;
  link.table = names::link_table(owner.table, m2m.name);
  FieldSpec id;
  id.name = id.column = "id";
  id.type = {db::ColumnType::kBigAutoId};
  id.primary_key = true;
  link.fields = {id, key_field(from, owner.key()), key_field(to, m2m.target)};
  ConstraintSpec pair;
  pair.kind = ConstraintSpec::Kind::kUnique;
  pair.name = names::derived(link.table, {from + "_id", to + "_id"}, "uniq");
  pair.fields = {from, to};
  link.constraints = {pair};
  return link;
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
      if (postgres()) return d.boolean ? "true" : "false";
      return d.boolean ? "1" : "0";
    case Kind::kText:
      return dialect_.quote_literal(d.text);
    case Kind::kJson:
      if (postgres()) return dialect_.quote_literal(d.text) + "::jsonb";
      return dialect_.quote_literal(d.text);
    case Kind::kNow:
      if (field.type.type == db::ColumnType::kDate) {
        return postgres() ? "CURRENT_DATE" : "(date('now'))";
      }
      // SQLite stores timestamps as fixed-width RFC 3339 text (see
      // core/time.hpp format_storage) so that they sort as text;
      // CURRENT_TIMESTAMP's "YYYY-MM-DD HH:MM:SS" would not sort with them.
      return postgres() ? "CURRENT_TIMESTAMP" : "(strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))";
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
  // PostgreSQL, as Django: checked at COMMIT, so that bulk loads and schema
  // changes may pass through states that are briefly inconsistent. SQLite
  // checks at the statement: its rebuilds run with foreign keys off anyway,
  // and a deferred violation there fails COMMIT and leaves the transaction
  // open.
  if (postgres()) sql += " DEFERRABLE INITIALLY DEFERRED";
  return sql;
}

namespace {

std::string range_expression(const db::Dialect& d, const FieldSpec& f) {
  std::vector<std::string> terms;
  if (f.min_value) terms.push_back(d.quote(f.column) + " >= " + std::to_string(*f.min_value));
  if (f.max_value) terms.push_back(d.quote(f.column) + " <= " + std::to_string(*f.max_value));
  return join(terms, " AND ");
}

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

}  // namespace

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
  // SQLite keeps JSON as text: refuse what is not JSON, as Django does.
  if (!postgres() && field.type.type == db::ColumnType::kJson && !has_relation(field)) {
    sql += " CHECK (json_valid(" + q(field.column) + "))";
  }
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
         (concurrently && postgres() ? "CONCURRENTLY " : "") + q(index.name) + " ON " +
         q(model.table) + " (" + join(cols, ", ") + ")";
}

Statements SchemaEditor::create_table_indexes(const ModelState& model) const {
  Statements out;
  for (const auto& f : model.fields) {
    if (!has_foreign_key_index(f)) continue;
    out.push_back("CREATE INDEX " + q(names::foreign_key_index(model.table, f.column)) + " ON " +
                  q(model.table) + " (" + q(f.column) + ")");
  }
  for (const auto& index : model.indexes) out.push_back(index_sql(model, index, false));
  return out;
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
    if (!n.is_index) {
      // SQLite never addresses a constraint by name (changes rebuild the
      // table), so its names stay as written until the next rebuild.
      if (postgres()) {
        out.push_back("ALTER TABLE " + q(after.table) + " RENAME CONSTRAINT " + q(o.name) + " TO " +
                      q(n.name));
      }
    } else if (postgres()) {
      out.push_back("ALTER INDEX " + q(o.name) + " RENAME TO " + q(n.name));
    } else {  // SQLite has no ALTER INDEX
      out.push_back("DROP INDEX " + q(o.name));
      out.push_back("CREATE INDEX " + q(n.name) + " ON " + q(n.table) + " (" + q(n.column) + ")");
    }
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
  if (!postgres()) {
    // What SQLite's ADD COLUMN accepts: no UNIQUE or PRIMARY KEY, a constant
    // default, a default when NOT NULL, and no default on a REFERENCES column.
    bool simple = !field.primary_key && !is_unique(field) &&
                  field.default_value.kind != schema::DefaultValue::Kind::kNow &&
                  (field.null || field.default_value.has_value()) &&
                  (!has_relation(field) || (field.null && !field.default_value.has_value()));
    if (!simple) return remake_table(before, after);
  }
  Statements out{"ALTER TABLE " + q(after.table) + " ADD COLUMN " +
                 column_definition(after, field, to_)};
  if (has_foreign_key_index(field)) {
    out.push_back("CREATE INDEX " + q(names::foreign_key_index(after.table, field.column)) +
                  " ON " + q(after.table) + " (" + q(field.column) + ")");
  }
  return out;
}

Statements SchemaEditor::remove_field(const ModelState& before, const ModelState& after,
                                      const FieldSpec& field) const {
  // SQLite's DROP COLUMN refuses a key, unique or foreign-key column; its own
  // CHECKs go with it. PostgreSQL drops the column's constraints and indexes.
  if (!postgres() && (field.primary_key || is_unique(field) || has_relation(field))) {
    return remake_table(before, after);
  }
  return {"ALTER TABLE " + q(before.table) + " DROP COLUMN " + q(field.column)};
}

Statements SchemaEditor::rename_field(const ModelState& before, const ModelState& after) const {
  return rename_table_objects(before, after, false);
}

namespace {

// The fields (of models and of link tables) whose foreign key references
// `key`, as found in `state`.
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

}  // namespace

Statements SchemaEditor::alter_related_key_columns(const ModelState& after, bool drop,
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

Statements SchemaEditor::alter_field(const ModelState& before, const ModelState& after,
                                     const FieldSpec& old_field, const FieldSpec& new_field,
                                     std::string_view using_expression,
                                     std::string_view sqlite_using_expression) const {
  if (old_field.primary_key != new_field.primary_key) {
    throw ValidationError("field " + new_field.name + " of " + after.key() +
                          ": AlterField cannot change which field is the primary key");
  }
  const db::ColumnTypeSpec from_type = column_type_of(old_field, from_);
  const db::ColumnTypeSpec to_type = column_type_of(new_field, to_);
  const bool type_changed = from_type != to_type;
  if (!type_changed && (!using_expression.empty() || !sqlite_using_expression.empty())) {
    // Never dropped without a word (migrations.E010 says so before).
    throw ValidationError("field " + new_field.name + " of " + after.key() +
                          ": using= is given but the column keeps its type" +
                          (has_relation(new_field)
                               ? " (a foreign key's column follows its target's key: put "
                                 "the conversion on the key's alter_field, which converts "
                                 "every foreign-key column with it)"
                               : ""));
  }
  if (postgres()) {
    return alter_field_postgres(after, old_field, new_field, using_expression);
  }
  if (column_definition(before, old_field, from_) == column_definition(after, new_field, to_) &&
      has_foreign_key_index(old_field) == has_foreign_key_index(new_field)) {
    return {};
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

Statements SchemaEditor::alter_field_postgres(const ModelState& after, const FieldSpec& o,
                                              const FieldSpec& n,
                                              std::string_view using_expression) const {
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
  if (has_foreign_key_index(n) && index_changed) {
    out.push_back("CREATE INDEX " + q(names::foreign_key_index(after.table, n.column)) + " ON " +
                  table + " (" + column + ")");
  }
  if (key_type_changed) {
    append(out, alter_related_key_columns(after, false, using_expression, o.column));
  }
  return out;
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
  return {std::string("DROP INDEX ") + (concurrently && postgres() ? "CONCURRENTLY " : "") +
          q(index.name)};
}

Statements SchemaEditor::add_constraint(const ModelState& before, const ModelState& after,
                                        const ConstraintSpec& constraint) const {
  if (!postgres()) return remake_table(before, after);
  return {"ALTER TABLE " + q(after.table) + " ADD " +
          constraint_definition(dialect_, after, constraint)};
}

Statements SchemaEditor::remove_constraint(const ModelState& before, const ModelState& after,
                                           const ConstraintSpec& constraint) const {
  if (!postgres()) return remake_table(before, after);
  return {"ALTER TABLE " + q(after.table) + " DROP CONSTRAINT " + q(constraint.name)};
}

// ---------------------------------------------------------------------------
// SQLite's table rebuild

namespace {

// SQLite keeps the table's counter in sqlite_sequence.
bool uses_autoincrement(const ModelState& model) {
  return std::any_of(model.fields.begin(), model.fields.end(), [](const FieldSpec& f) {
    return f.primary_key && f.type.type == db::ColumnType::kBigAutoId;
  });
}

}  // namespace

Statements SchemaEditor::remake_table(const ModelState& before, const ModelState& after,
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

EmptyTableRecreation SchemaEditor::recreate_empty_table(const ModelState& before,
                                                        const ModelState& after) const {
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

std::string to_script(const Statements& statements) {
  std::string out;
  for (const auto& s : statements) out += s + ";\n";
  return out;
}

}  // namespace lectern::migrations
