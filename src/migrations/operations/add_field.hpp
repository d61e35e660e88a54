// AddField and RemoveField: a column appears or disappears (with its
// constraints and foreign-key index). On SQLite, what ADD/DROP COLUMN cannot
// do goes through the table rebuild.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const AddField& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const AddField& op, const DatabaseContext& ctx);
Statements database_backwards(const AddField& op, const DatabaseContext& ctx);
std::string describe(const AddField& op);

void state_forwards(const RemoveField& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RemoveField& op, const DatabaseContext& ctx);
Statements database_backwards(const RemoveField& op, const DatabaseContext& ctx);
std::string describe(const RemoveField& op);

}  // namespace lectern::migrations::ops
