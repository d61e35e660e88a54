#include "migrations/operations/context.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace lectern::migrations::ops {

using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;

namespace {

template <typename State>
auto& find_model(State& state, std::string_view app, std::string_view name) {
  auto* model = state.find(app, name);
  if (!model) {
    throw ValidationError("model " + std::string(app) + "." + std::string(name) +
                          " does not exist");
  }
  return *model;
}

}  // namespace

ModelState& require_model(ProjectState& state, std::string_view app, std::string_view name) {
  return find_model(state, app, name);
}

const ModelState& require_model(const ProjectState& state, std::string_view app,
                                std::string_view name) {
  return find_model(state, app, name);
}

const FieldSpec& require_field(const ModelState& model, std::string_view name) {
  const FieldSpec* f = model.field(name);
  if (!f) throw ValidationError(model.key() + " has no field " + std::string(name));
  return *f;
}

const schema::IndexSpec& require_index(const ModelState& model, std::string_view name) {
  for (const auto& i : model.indexes) {
    if (i.name == name) return i;
  }
  throw ValidationError(model.key() + " has no index " + std::string(name));
}

const schema::ConstraintSpec& require_constraint(const ModelState& model, std::string_view name) {
  for (const auto& c : model.constraints) {
    if (c.name == name) return c;
  }
  throw ValidationError(model.key() + " has no constraint " + std::string(name));
}

std::string default_column(const FieldSpec& field) {
  return field.relation == schema::Relation::kNone ? field.name : field.name + "_id";
}

void prepare_field(FieldSpec& field, const ModelState& model, const ProjectState& state,
                   std::string_view replacing) {
  if (field.name.empty()) throw ValidationError("a field of " + model.key() + " has no name");
  if (field.column.empty()) field.column = default_column(field);
  for (const auto& other : model.fields) {
    if (other.name == replacing) continue;
    if (other.name == field.name) {
      throw ValidationError(model.key() + " already has a field " + field.name);
    }
    if (other.column == field.column) {
      throw ValidationError(model.key() + " already has a column " + field.column + " (field " +
                            other.name + ")");
    }
  }
  for (const auto& m2m : model.many_to_many) {
    if (m2m.name == field.name) {
      throw ValidationError(model.key() + " already has a many-to-many field " + field.name);
    }
  }
  if (field.relation != schema::Relation::kNone) {
    if (field.target.empty()) {
      throw ValidationError("relation " + field.name + " of " + model.key() + " has no target");
    }
    // A model may refer to itself before it is in the state.
    if (field.target != model.key() && !state.find(field.target)) {
      throw ValidationError("field " + field.name + " of " + model.key() +
                            " references unknown model " + field.target);
    }
  }
}

void require_fields(const ModelState& model, const std::vector<std::string>& fields,
                    std::string_view what) {
  if (fields.empty()) throw ValidationError(std::string(what) + " names no fields");
  for (const auto& f : fields) {
    if (!model.field(f)) {
      throw ValidationError(std::string(what) + " names field " + f + ", which " + model.key() +
                            " does not have");
    }
  }
}

void require_free_name(const ProjectState& state, std::string_view name) {
  if (name.empty()) throw ValidationError("an index or constraint has no name");
  for (const auto& [key, model] : state.models) {
    bool used = std::any_of(model.indexes.begin(), model.indexes.end(),
                            [&](const auto& i) { return i.name == name; }) ||
                std::any_of(model.constraints.begin(), model.constraints.end(),
                            [&](const auto& c) { return c.name == name; });
    if (used) {
      throw ValidationError("the name " + std::string(name) + " is already used by " + key);
    }
  }
}

void validate_constraint(const ModelState& model, const schema::ConstraintSpec& c) {
  const std::string what = "constraint " + c.name;
  if (c.kind == schema::ConstraintSpec::Kind::kUnique) {
    require_fields(model, c.fields, what);
    return;
  }
  if (c.check.empty()) throw ValidationError(what + " has no check terms");
  for (const auto& term : c.check) {
    require_fields(model, {term.field}, what);
    if (!is_check_operator(term.op)) {
      throw ValidationError(what + " uses unknown operator '" + term.op +
                            "' (expected one of >=, <=, >, <, =, <>)");
    }
  }
}

}  // namespace lectern::migrations::ops
