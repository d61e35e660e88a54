// RunSQL: SQL text written per backend, passed through as one script (it may
// hold several statements). It does not change the schema state. Without
// backward SQL for a backend it cannot be undone there.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const RunSQL& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RunSQL& op, const DatabaseContext& ctx);
// Throws IrreversibleError when !reversible(op, backend).
Statements database_backwards(const RunSQL& op, const DatabaseContext& ctx);
std::string describe(const RunSQL& op);
// False when the backend has forward SQL but no backward SQL; SQL written
// for the other backend only is a no-op here, and undoing a no-op is too.
bool reversible(const RunSQL& op, db::Backend backend);

}  // namespace lectern::migrations::ops
