#include "migrations/operations/add_constraint.hpp"

namespace lectern::migrations::ops {

namespace {

// The constraint `name` is in `to` and not in `from`.
Statements create_constraint(const DatabaseContext& ctx, std::string_view model,
                             std::string_view name) {
  const auto& after = require_model(ctx.to, ctx.app, model);
  return ctx.editor()->add_constraint(require_model(ctx.from, ctx.app, model), after,
                                      require_constraint(after, name));
}

// The constraint `name` is in `from` and not in `to`.
Statements drop_constraint(const DatabaseContext& ctx, std::string_view model,
                           std::string_view name) {
  const auto& before = require_model(ctx.from, ctx.app, model);
  return ctx.editor()->remove_constraint(before, require_model(ctx.to, ctx.app, model),
                                         require_constraint(before, name));
}

}  // namespace

void state_forwards(const AddConstraint& op, std::string_view app, schema::ProjectState& state) {
  require_free_name(state, op.constraint.name);
  auto& model = require_model(state, app, op.model);
  validate_constraint(model, op.constraint);
  model.constraints.push_back(op.constraint);
}

Statements database_forwards(const AddConstraint& op, const DatabaseContext& ctx) {
  return create_constraint(ctx, op.model, op.constraint.name);
}

Statements database_backwards(const AddConstraint& op, const DatabaseContext& ctx) {
  return drop_constraint(ctx, op.model, op.constraint.name);
}

std::string describe(const AddConstraint& op) {
  return "Create constraint " + op.constraint.name + " on model " + op.model;
}

void state_forwards(const RemoveConstraint& op, std::string_view app, schema::ProjectState& state) {
  auto& model = require_model(state, app, op.model);
  require_constraint(model, op.name);
  std::erase_if(model.constraints, [&](const auto& c) { return c.name == op.name; });
}

Statements database_forwards(const RemoveConstraint& op, const DatabaseContext& ctx) {
  return drop_constraint(ctx, op.model, op.name);
}

Statements database_backwards(const RemoveConstraint& op, const DatabaseContext& ctx) {
  return create_constraint(ctx, op.model, op.name);
}

std::string describe(const RemoveConstraint& op) {
  return "Remove constraint " + op.name + " from model " + op.model;
}

}  // namespace lectern::migrations::ops
