#include "migrations/operations/add_index.hpp"

namespace lectern::migrations::ops {

namespace {

// The index `name` is in `to` and not in `from`.
Statements create_index(const DatabaseContext& ctx, std::string_view model, std::string_view name,
                        bool concurrently) {
  const auto& after = require_model(ctx.to, ctx.app, model);
  return ctx.editor()->add_index(after, require_index(after, name), concurrently);
}

// The index `name` is in `from` and not in `to`.
Statements drop_index(const DatabaseContext& ctx, std::string_view model, std::string_view name,
                      bool concurrently) {
  const auto& before = require_model(ctx.from, ctx.app, model);
  return ctx.editor()->remove_index(before, require_index(before, name), concurrently);
}

std::string join_fields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f;
  return out;
}

}  // namespace

void state_forwards(const AddIndex& op, std::string_view app, schema::ProjectState& state) {
  require_free_name(state, op.index.name);
  auto& model = require_model(state, app, op.model);
  require_fields(model, op.index.fields, "index " + op.index.name);
  model.indexes.push_back(op.index);
}

Statements database_forwards(const AddIndex& op, const DatabaseContext& ctx) {
  return create_index(ctx, op.model, op.index.name, op.concurrently);
}

Statements database_backwards(const AddIndex& op, const DatabaseContext& ctx) {
  return drop_index(ctx, op.model, op.index.name, op.concurrently);
}

std::string describe(const AddIndex& op) {
  return "Create index " + op.index.name + " on field(s) " + join_fields(op.index.fields) +
         " of model " + op.model;
}

void state_forwards(const RemoveIndex& op, std::string_view app, schema::ProjectState& state) {
  auto& model = require_model(state, app, op.model);
  require_index(model, op.name);
  std::erase_if(model.indexes, [&](const auto& i) { return i.name == op.name; });
}

Statements database_forwards(const RemoveIndex& op, const DatabaseContext& ctx) {
  return drop_index(ctx, op.model, op.name, false);
}

Statements database_backwards(const RemoveIndex& op, const DatabaseContext& ctx) {
  return create_index(ctx, op.model, op.name, false);
}

std::string describe(const RemoveIndex& op) {
  return "Remove index " + op.name + " from " + op.model;
}

}  // namespace lectern::migrations::ops
