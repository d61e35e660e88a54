// What a field implies in DDL (a unique constraint, a foreign-key index, a
// range check) and the SQL pieces that the schema editor and its per-backend
// editors share. Internal to the migration engine's editors.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/dialect.hpp"
#include "schema/model.hpp"

namespace lectern::migrations::editor_parts {

using Statements = std::vector<std::string>;

inline bool has_relation(const schema::FieldSpec& f) {
  return f.relation != schema::Relation::kNone;
}
// One-to-one is a foreign key that is also unique.
inline bool is_unique(const schema::FieldSpec& f) {
  return !f.primary_key && (f.unique || f.relation == schema::Relation::kOneToOne);
}
// A unique column is already indexed by its constraint; db_index=false
// leaves the column to another index.
inline bool has_foreign_key_index(const schema::FieldSpec& f) {
  return has_relation(f) && !is_unique(f) && f.db_index;
}
inline bool has_range(const schema::FieldSpec& f) {
  return f.min_value || f.max_value;
}
inline bool is_identity(const schema::FieldSpec& f) {
  return f.primary_key && f.type.type == db::ColumnType::kBigAutoId;
}

inline void append(Statements& out, Statements more) {
  for (auto& s : more) out.push_back(std::move(s));
}

// The column of a field of `model`; ValidationError when there is none.
const std::string& column_of(const schema::ModelState& model, const std::string& field_name);
// `"col" >= min AND "col" <= max`.
std::string range_expression(const db::Dialect& d, const schema::FieldSpec& f);
// `CONSTRAINT "name" CHECK (...)` or `CONSTRAINT "name" UNIQUE (...)`.
std::string constraint_definition(const db::Dialect& d, const schema::ModelState& model,
                                  const schema::ConstraintSpec& c);
// The fields (of models and of link tables) whose foreign key references
// `key`, as found in `state`.
std::vector<std::pair<schema::ModelState, schema::FieldSpec>> referencing_fields(
    const schema::ProjectState& state, const std::string& key);

}  // namespace lectern::migrations::editor_parts
