#include "migrations/operations/create_model.hpp"

#include <set>

#include "core/error.hpp"

namespace lectern::migrations::ops {

using schema::ModelState;
using schema::ProjectState;

namespace {

void validate_new_model(ModelState& model, const ProjectState& state) {
  int keys = 0;
  std::vector<schema::FieldSpec> fields;
  std::swap(fields, model.fields);
  for (auto& f : fields) {
    prepare_field(f, model, state);
    if (f.primary_key) ++keys;
    model.fields.push_back(f);
  }
  if (keys != 1) {
    throw ValidationError(model.key() +
                          (keys ? " has more than one primary key" : " has no primary key"));
  }
  std::set<std::string> m2m_names;
  for (const auto& m2m : model.many_to_many) {
    if (model.field(m2m.name) || !m2m_names.insert(m2m.name).second) {
      throw ValidationError(model.key() + " already has a field " + m2m.name);
    }
    if (m2m.target != model.key() && !state.find(m2m.target)) {
      throw ValidationError("field " + m2m.name + " of " + model.key() +
                            " references unknown model " + m2m.target);
    }
  }
  std::set<std::string> own_names;
  auto claim = [&](const std::string& name) {
    require_free_name(state, name);
    if (!own_names.insert(name).second) {
      throw ValidationError("the name " + name + " is used twice in " + model.key());
    }
  };
  for (const auto& index : model.indexes) {
    claim(index.name);
    require_fields(model, index.fields, "index " + index.name);
  }
  for (const auto& c : model.constraints) {
    claim(c.name);
    validate_constraint(model, c);
  }
  for (const auto& [key, other] : state.models) {
    if (other.table == model.table) {
      throw ValidationError("table " + model.table + " is already used by " + key);
    }
  }
}

}  // namespace

void state_forwards(const CreateModel& op, std::string_view app, ProjectState& state) {
  ModelState model = op.model;
  if (model.name.empty()) throw ValidationError("the model has no name");
  if (model.app.empty()) model.app = app;
  if (model.app != app) {
    throw ValidationError("the model belongs to app " + model.app + ", not to " + std::string(app));
  }
  if (state.find(app, model.name)) throw ValidationError(model.key() + " already exists");
  if (model.table.empty()) model.table = schema::default_table_name(app, model.name);
  validate_new_model(model, state);
  state.models.emplace(model.key(), std::move(model));
}

Statements database_forwards(const CreateModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->create_model(require_model(ctx.to, ctx.app, op.model.name));
}

Statements database_backwards(const CreateModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->delete_model(require_model(ctx.from, ctx.app, op.model.name));
}

std::string describe(const CreateModel& op) {
  return "Create model " + op.model.name;
}

void state_forwards(const DeleteModel& op, std::string_view app, ProjectState& state) {
  const ModelState& model = require_model(state, app, op.name);
  const std::string key = model.key();
  // PostgreSQL would refuse the DROP TABLE (and we never DROP ... CASCADE
  // another table's constraints away): the references go first.
  for (const auto& [other_key, other] : state.models) {
    if (other_key == key) continue;
    for (const auto& f : other.fields) {
      if (f.relation != schema::Relation::kNone && f.target == key) {
        throw ValidationError(key + " is still referenced by " + other_key + "." + f.name);
      }
    }
    for (const auto& m2m : other.many_to_many) {
      if (m2m.target == key) {
        throw ValidationError(key + " is still referenced by " + other_key + "." + m2m.name);
      }
    }
  }
  state.models.erase(key);
}

Statements database_forwards(const DeleteModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->delete_model(require_model(ctx.from, ctx.app, op.name));
}

Statements database_backwards(const DeleteModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->create_model(require_model(ctx.to, ctx.app, op.name));
}

std::string describe(const DeleteModel& op) {
  return "Delete model " + op.name;
}

}  // namespace lectern::migrations::ops
