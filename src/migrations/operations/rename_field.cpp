#include "migrations/operations/rename_field.hpp"

#include "core/error.hpp"

namespace lectern::migrations::ops {

void state_forwards(const RenameField& op, std::string_view app, schema::ProjectState& state) {
  auto& model = require_model(state, app, op.model);
  schema::FieldSpec field = require_field(model, op.old_name);
  // A column named by hand (not after the field) keeps its name.
  const bool column_follows = field.column == default_column(field);
  field.name = op.new_name;
  if (column_follows) field.column.clear();
  prepare_field(field, model, state, op.old_name);
  *model.field(op.old_name) = std::move(field);
  auto rename = [&](std::string& name) {
    if (name == op.old_name) name = op.new_name;
  };
  for (auto& index : model.indexes) {
    for (auto& f : index.fields) rename(f);
  }
  for (auto& c : model.constraints) {
    for (auto& f : c.fields) rename(f);
    for (auto& term : c.check) rename(term.field);
  }
}

Statements database_forwards(const RenameField& op, const DatabaseContext& ctx) {
  return ctx.editor()->rename_field(require_model(ctx.from, ctx.app, op.model),
                                    require_model(ctx.to, ctx.app, op.model));
}

Statements database_backwards(const RenameField& op, const DatabaseContext& ctx) {
  return database_forwards(op, ctx);
}

std::string describe(const RenameField& op) {
  return "Rename field " + op.old_name + " on " + op.model + " to " + op.new_name;
}

}  // namespace lectern::migrations::ops
