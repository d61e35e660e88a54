#include "migrations/operations/rename_model.hpp"

#include "core/error.hpp"

namespace lectern::migrations::ops {

void state_forwards(const RenameModel& op, std::string_view app, schema::ProjectState& state) {
  schema::ModelState model = require_model(state, app, op.old_name);
  if (op.new_name.empty()) throw ValidationError("the new name is empty");
  if (state.find(app, op.new_name)) {
    throw ValidationError(std::string(app) + "." + op.new_name + " already exists");
  }
  const std::string old_key = model.key();
  state.models.erase(old_key);
  model.name = op.new_name;
  model.table = schema::default_table_name(app, op.new_name);
  for (const auto& [key, other] : state.models) {
    if (other.table == model.table) {
      throw ValidationError("table " + model.table + " is already used by " + key);
    }
  }
  const std::string new_key = model.key();
  state.models.emplace(new_key, std::move(model));
  std::vector<std::string> referring;
  for (const auto& [key, other] : state.models) {
    bool refers = false;
    for (const auto& f : other.fields) refers = refers || f.target == old_key;
    for (const auto& m2m : other.many_to_many) refers = refers || m2m.target == old_key;
    if (refers) referring.push_back(key);
  }
  for (const auto& key : referring) {
    schema::ModelState& other = *state.models.mutate(key);
    for (auto& f : other.fields) {
      if (f.target == old_key) f.target = new_key;
    }
    for (auto& m2m : other.many_to_many) {
      if (m2m.target == old_key) m2m.target = new_key;
    }
  }
}

Statements database_forwards(const RenameModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->rename_model(require_model(ctx.from, ctx.app, op.old_name),
                                    require_model(ctx.to, ctx.app, op.new_name));
}

Statements database_backwards(const RenameModel& op, const DatabaseContext& ctx) {
  return ctx.editor()->rename_model(require_model(ctx.from, ctx.app, op.new_name),
                                    require_model(ctx.to, ctx.app, op.old_name));
}

std::string describe(const RenameModel& op) {
  return "Rename model " + op.old_name + " to " + op.new_name;
}

}  // namespace lectern::migrations::ops
