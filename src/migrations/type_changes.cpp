#include "migrations/type_changes.hpp"

#include <algorithm>
#include <tuple>

#include "migrations/schema_editor.hpp"

namespace lectern::migrations {

using db::ColumnType;
using db::ColumnTypeSpec;
using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;

namespace {

std::string type_name(const ColumnTypeSpec& spec) {
  return postgres_type_name(spec);
}

std::string join_refs(const std::vector<ColumnRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += ", ";
    out += r.describe();
  }
  return out;
}

void add_refs(std::vector<ColumnRef>& out, const ModelState& model, const std::string& key) {
  for (const auto& f : model.fields) {
    if (f.relation != schema::Relation::kNone && f.target == key) {
      out.push_back({model.key(), f.name, model.table, f.column});
    }
  }
  for (const auto& m2m : model.many_to_many) {
    ModelState link = link_model(model, m2m);
    for (const auto& f : link.fields) {
      if (f.relation != schema::Relation::kNone && f.target == key) {
        out.push_back({model.key(), m2m.name, link.table, f.column});
      }
    }
  }
}

// What the caller may do about a type change PostgreSQL refuses: the spec's
// three options, in words that fit the kind of refusal.
std::string type_change_options(const TypeChange& c) {
  std::string keep = "keep " + type_name(c.from) + " (declare the field as before)";
  std::string swap = "add a new " + type_name(c.to) +
                     " column, fill it from the old one (run_sql) and swap them (remove the "
                     "old field, rename the new one)";
  std::string cast;
  if (c.primary_key && !c.references.empty()) {
    cast = "convert explicitly: alter_field " + c.model.substr(c.model.find('.') + 1) +
           " using=\"<expression of " + c.column +
           ">\" sqlite_using=\"<the same for SQLite>\" "
           "(each foreign-key column is converted by the same expressions, its name put for " +
           c.column + ")";
  } else if (c.cast.kind == CastKind::kNeedsUsing) {
    cast = "convert explicitly: alter_field " + c.model.substr(c.model.find('.') + 1) +
           " using=\"" + c.column + "::" + type_name(c.to) +
           "\" (fails on values that do not convert; `makemigrations --unsafe-change=convert` "
           "writes it for a change not yet in a migration)";
  } else {
    cast = "give an explicit conversion expression: alter_field " +
           c.model.substr(c.model.find('.') + 1) + " using=\"<expression of " + c.column + ">\"";
  }
  return "options: " + keep + "; " + swap + "; or " + cast +
         "; for a change not yet in a migration, `lectern makemigrations "
         "--unsafe-change=keep|public-id|convert` writes the first, a public_id column, or the "
         "conversion";
}

}  // namespace

std::string ColumnRef::describe() const {
  return model + "." + field + " (" + table + "." + column + ")";
}

std::vector<ColumnRef> references_to(const ProjectState& state, const std::string& model_key) {
  std::vector<ColumnRef> out;
  for (const auto& [key, model] : state.models) add_refs(out, model, model_key);
  std::sort(out.begin(), out.end(), [](const ColumnRef& a, const ColumnRef& b) {
    return std::tie(a.model, a.field) < std::tie(b.model, b.field);
  });
  return out;
}

ColumnTypeSpec column_type_of(const FieldSpec& field, const ProjectState& state) {
  ColumnTypeSpec spec = field.type;
  if (field.relation != schema::Relation::kNone) {
    if (const ModelState* target = state.find(field.target)) {
      if (const FieldSpec* key = target->primary_key()) spec = key->type;
    }
  }
  if (spec.type == ColumnType::kBigAutoId) spec = {ColumnType::kBigInt};
  return spec;
}

std::optional<TypeChange> type_change_of(const AlterField& op, std::string_view app,
                                         const ProjectState& before) {
  const ModelState* model = before.find(app, op.model);
  if (!model) return std::nullopt;
  const FieldSpec* old_field = model->field(op.field.name);
  if (!old_field) return std::nullopt;
  TypeChange c;
  c.from = column_type_of(*old_field, before);
  c.to = column_type_of(op.field, before);
  if (c.from == c.to) return std::nullopt;
  c.model = model->key();
  c.field = old_field->name;
  c.table = model->table;
  c.column = old_field->column;
  c.primary_key = old_field->primary_key;
  c.cast = postgres_cast(c.from, c.to);
  c.using_expression = op.using_expression;
  if (c.primary_key) c.references = references_to(before, c.model);
  return c;
}

std::optional<std::string> postgres_refusal(const TypeChange& c) {
  const std::string from = type_name(c.from);
  const std::string to = type_name(c.to);
  if (c.using_expression.empty()) {
    if (c.cast.kind == CastKind::kNever) {
      return "PostgreSQL cannot cast type " + from + " to " + to + " (no cast exists)";
    }
    if (c.cast.kind == CastKind::kNeedsUsing) {
      return "PostgreSQL has no assignment cast from " + from + " to " + to +
             ", so ALTER COLUMN TYPE fails without USING";
    }
  }
  return std::nullopt;
}

CheckMessage unsafe_type_change_message(const TypeChange& c, const std::string& where) {
  auto reason = postgres_refusal(c);
  std::string message = where + ": " + c.model + "." + c.field + " changes type from " +
                        type_name(c.from) + " to " + type_name(c.to) + ": " +
                        reason.value_or("PostgreSQL cannot make this change as written");
  // With a USING expression the reason itself names the foreign keys.
  if (c.primary_key && !c.references.empty() && c.using_expression.empty()) {
    message += "; foreign keys to it: " + join_refs(c.references);
  }
  return {"migrations.E007", CheckLevel::kError, message, type_change_options(c)};
}

std::vector<KeyChange> find_key_changes(const ProjectState& migrated, const ProjectState& declared,
                                        const std::vector<schema::FieldOrigin>& origins,
                                        const std::map<std::string, MigrationKey>& key_set_by) {
  std::vector<KeyChange> out;
  for (const auto& [key, model] : declared.models) {
    const ModelState* before = migrated.find(key);
    if (!before) continue;
    const FieldSpec* now_key = model.primary_key();
    const FieldSpec* old_key = before->primary_key();
    if (!now_key || !old_key) continue;
    KeyChange c;
    c.migrated = column_type_of(*old_key, migrated);
    c.declared = column_type_of(*now_key, declared);
    if (c.migrated == c.declared) continue;
    c.model = key;
    c.field = now_key->name;
    c.migrated_field = old_key->name;
    for (const auto& o : origins) {
      if (o.model == key && o.field == now_key->name) c.origin = o.origin;
    }
    if (auto it = key_set_by.find(key); it != key_set_by.end()) c.set_by = it->second;
    // The columns there are now, then those the declarations add.
    c.references = references_to(migrated, key);
    for (const auto& r : references_to(declared, key)) {
      bool known = std::any_of(c.references.begin(), c.references.end(), [&](const ColumnRef& x) {
        return x.model == r.model && x.field == r.field;
      });
      if (!known) c.references.push_back(r);
    }
    c.cast = postgres_cast(c.migrated, c.declared);
    out.push_back(std::move(c));
  }
  return out;
}

CheckMessage key_change_message(const KeyChange& c) {
  const std::string old_type = type_name(c.migrated);
  const std::string new_type = type_name(c.declared);
  std::string message =
      c.model + ": primary key \"" + c.field + "\" is " + new_type + " in the declarations";
  if (!c.origin.empty()) message += " (from " + c.origin + ")";
  message += " but ";
  if (c.migrated_field != c.field) message += "\"" + c.migrated_field + "\" ";
  message += old_type + " in the migration files";
  if (c.set_by) message += " (" + c.set_by->str() + ")";
  message += c.references.empty() ? "; no foreign key points at it"
                                  : "; foreign keys to it: " + join_refs(c.references);

  std::string lead;
  switch (c.cast.kind) {
    case CastKind::kNever:
      lead = "PostgreSQL cannot cast type " + old_type + " to " + new_type +
             ", so migrating this key (and every foreign key to it) would fail at deploy time";
      break;
    case CastKind::kNeedsUsing:
      lead = "PostgreSQL converts " + old_type + " to " + new_type +
             " only with USING, which the engine does not apply to the foreign keys";
      break;
    default:
      lead = "PostgreSQL can convert " + old_type + " to " + new_type +
             ", but it rewrites the table and every table referencing it under an exclusive "
             "lock, and every stored or shared key changes meaning";
  }
  const bool from_mixin = !c.origin.empty() && c.origin.find('.') == std::string::npos &&
                          c.origin != "project key policy";
  std::string keep = "keep " + old_type + ": " +
                     (from_mixin ? "remove " + c.origin + " from " + c.model
                                 : "declare the key of " + c.model + " as " + old_type + " again") +
                     " (`makemigrations --unsafe-change=keep` leaves the key out meanwhile)";
  std::string public_id = "add a " +
                          std::string(c.declared.type == ColumnType::kUuid ? "uuid" : "new") +
                          " column beside the key: `makemigrations --unsafe-change=public-id` "
                          "writes public_id (uuid, unique, filled in for existing rows) and keeps "
                          "the " +
                          old_type +
                          " key and every foreign key; then declare "
                          "field::uuid(\"public_id\").unique()" +
                          (from_mixin ? " instead of " + c.origin : "");
  std::string convert =
      c.cast.kind == CastKind::kAsWritten
          ? "convert it: `makemigrations --unsafe-change=convert` writes the AlterField"
          : "convert it with an explicit expression for the key and every foreign key column, in "
            "a hand-written migration (alter_field using=\"...\", run_sql)";
  return {"schema.E002", CheckLevel::kError, message,
          lead + ". Options: " + keep + "; " + public_id + "; or " + convert};
}

}  // namespace lectern::migrations
