#include "migrations/operations/add_field.hpp"

#include "core/error.hpp"

namespace lectern::migrations::ops {

namespace {

// The field is in `to` and not in `from`: its column appears.
Statements add_column(const DatabaseContext& ctx, std::string_view model,
                      std::string_view field_name) {
  const auto& after = require_model(ctx.to, ctx.app, model);
  return ctx.editor()->add_field(require_model(ctx.from, ctx.app, model), after,
                                 require_field(after, field_name));
}

// The field is in `from` and not in `to`: its column goes.
Statements remove_column(const DatabaseContext& ctx, std::string_view model,
                         std::string_view field_name) {
  const auto& before = require_model(ctx.from, ctx.app, model);
  return ctx.editor()->remove_field(before, require_model(ctx.to, ctx.app, model),
                                    require_field(before, field_name));
}

std::optional<EmptyTableRecreation> recreation(const DatabaseContext& ctx, std::string_view model) {
  return ctx.editor()->recreate_empty_table(require_model(ctx.from, ctx.app, model),
                                            require_model(ctx.to, ctx.app, model));
}

}  // namespace

void state_forwards(const AddField& op, std::string_view app, schema::ProjectState& state) {
  schema::FieldSpec field = op.field;
  auto& model = require_model(state, app, op.model);
  prepare_field(field, model, state);
  if (field.primary_key) throw ValidationError("a primary key cannot be added to a model");
  model.fields.push_back(std::move(field));
}

Statements database_forwards(const AddField& op, const DatabaseContext& ctx) {
  return add_column(ctx, op.model, op.field.name);
}

Statements database_backwards(const AddField& op, const DatabaseContext& ctx) {
  return remove_column(ctx, op.model, op.field.name);
}

std::string describe(const AddField& op) {
  return "Add field " + op.field.name + " to " + op.model;
}

void state_forwards(const RemoveField& op, std::string_view app, schema::ProjectState& state) {
  auto& model = require_model(state, app, op.model);
  const auto& field = require_field(model, op.name);
  if (field.primary_key)
    throw ValidationError("the primary key of " + model.key() + " cannot be removed");
  // An index or constraint over the field would be dropped with it on
  // PostgreSQL but stay in the state: it must be removed first.
  for (const auto& index : model.indexes) {
    for (const auto& f : index.fields) {
      if (f == op.name) throw ValidationError("index " + index.name + " still uses it");
    }
  }
  for (const auto& c : model.constraints) {
    bool uses = false;
    for (const auto& f : c.fields) uses = uses || f == op.name;
    for (const auto& term : c.check) uses = uses || term.field == op.name;
    if (uses) throw ValidationError("constraint " + c.name + " still uses it");
  }
  std::erase_if(model.fields, [&](const auto& f) { return f.name == op.name; });
}

Statements database_forwards(const RemoveField& op, const DatabaseContext& ctx) {
  return remove_column(ctx, op.model, op.name);
}

Statements database_backwards(const RemoveField& op, const DatabaseContext& ctx) {
  return add_column(ctx, op.model, op.name);
}

std::string describe(const RemoveField& op) {
  return "Remove field " + op.name + " from " + op.model;
}

std::optional<EmptyTableRecreation> empty_table_recreation(const AddField& op,
                                                           const DatabaseContext& ctx) {
  return recreation(ctx, op.model);
}

std::optional<EmptyTableRecreation> empty_table_recreation(const RemoveField& op,
                                                           const DatabaseContext& ctx) {
  return recreation(ctx, op.model);
}

}  // namespace lectern::migrations::ops
