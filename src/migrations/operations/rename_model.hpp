// RenameModel: the model, its table (<app>_<new name>), its link tables and
// every reference to it take the new name; the rows stay where they are.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const RenameModel& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RenameModel& op, const DatabaseContext& ctx);
Statements database_backwards(const RenameModel& op, const DatabaseContext& ctx);
std::string describe(const RenameModel& op);

}  // namespace lectern::migrations::ops
