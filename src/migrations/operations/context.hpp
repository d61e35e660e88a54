// Shared by the operations in this folder: what a database step sees
// (DatabaseContext) and the state look-ups that fail with a clear
// ValidationError. Internal to the migration engine; callers use
// migrations/operations.hpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "migrations/schema_editor.hpp"
#include "schema/model.hpp"

namespace lectern::migrations::ops {

// One operation's database step: the migration's app, the state the database
// is in (`from`) and the state it moves to (`to`), in the direction of travel
// (backwards, `from` is the state after the operation).
struct DatabaseContext {
  std::string_view app;
  const schema::ProjectState& from;
  const schema::ProjectState& to;
  const db::Dialect& dialect;
  std::unique_ptr<SchemaEditor> editor() const { return make_schema_editor(dialect, from, to); }
};

schema::ModelState& require_model(schema::ProjectState& state, std::string_view app,
                                  std::string_view name);
const schema::ModelState& require_model(const schema::ProjectState& state, std::string_view app,
                                        std::string_view name);
const schema::FieldSpec& require_field(const schema::ModelState& model, std::string_view name);
const schema::IndexSpec& require_index(const schema::ModelState& model, std::string_view name);
const schema::ConstraintSpec& require_constraint(const schema::ModelState& model,
                                                 std::string_view name);

// "course_id" for a relation named "course", else the name itself.
std::string default_column(const schema::FieldSpec& field);
// Fills an empty column and checks what a new or altered field must satisfy
// within `model` (name, column clash, relation target present in `state`).
// `replacing` is the name of the field it replaces, if any.
void prepare_field(schema::FieldSpec& field, const schema::ModelState& model,
                   const schema::ProjectState& state, std::string_view replacing = {});
// The fields named exist in the model (and there is at least one).
void require_fields(const schema::ModelState& model, const std::vector<std::string>& fields,
                    std::string_view what);
// An index or constraint name is free in the whole project (PostgreSQL
// shares one namespace between indexes and index-backed constraints).
void require_free_name(const schema::ProjectState& state, std::string_view name);
void validate_constraint(const schema::ModelState& model, const schema::ConstraintSpec& c);

}  // namespace lectern::migrations::ops
