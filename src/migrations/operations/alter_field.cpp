#include "migrations/operations/alter_field.hpp"

#include "core/error.hpp"

namespace lectern::migrations::ops {

namespace {

Statements alter(const DatabaseContext& ctx, const AlterField& op,
                 std::string_view using_expression, std::string_view sqlite_using_expression) {
  const auto& before = require_model(ctx.from, ctx.app, op.model);
  const auto& after = require_model(ctx.to, ctx.app, op.model);
  return ctx.editor()->alter_field(before, after, require_field(before, op.field.name),
                                   require_field(after, op.field.name), using_expression,
                                   sqlite_using_expression);
}

}  // namespace

void state_forwards(const AlterField& op, std::string_view app, schema::ProjectState& state) {
  auto& model = require_model(state, app, op.model);
  const auto& old_field = require_field(model, op.field.name);
  schema::FieldSpec field = op.field;
  prepare_field(field, model, state, old_field.name);
  if (field.primary_key != old_field.primary_key) {
    throw ValidationError("AlterField cannot change which field is the primary key");
  }
  *model.field(op.field.name) = std::move(field);
}

Statements database_forwards(const AlterField& op, const DatabaseContext& ctx) {
  return alter(ctx, op, op.using_expression, op.sqlite_using_expression);
}

Statements database_backwards(const AlterField& op, const DatabaseContext& ctx) {
  // Undoing a conversion has no expression: the files name only the forward
  // one, so the way back is the cast as written, refused where there is none.
  return alter(ctx, op, {}, {});
}

std::string describe(const AlterField& op) {
  return "Alter field " + op.field.name + " on " + op.model;
}

}  // namespace lectern::migrations::ops
