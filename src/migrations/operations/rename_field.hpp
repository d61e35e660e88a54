// RenameField: the field (and its column, when the column follows the
// name) takes the new name; indexes, constraints and the derived names
// follow. ALTER TABLE RENAME COLUMN on both backends.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const RenameField& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RenameField& op, const DatabaseContext& ctx);
Statements database_backwards(const RenameField& op, const DatabaseContext& ctx);
std::string describe(const RenameField& op);

}  // namespace lectern::migrations::ops
