// AddConstraint and RemoveConstraint: a named unique or check constraint of
// one model. PostgreSQL alters the table; SQLite, which cannot add or drop a
// constraint, rebuilds it.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const AddConstraint& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const AddConstraint& op, const DatabaseContext& ctx);
Statements database_backwards(const AddConstraint& op, const DatabaseContext& ctx);
std::string describe(const AddConstraint& op);

void state_forwards(const RemoveConstraint& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RemoveConstraint& op, const DatabaseContext& ctx);
Statements database_backwards(const RemoveConstraint& op, const DatabaseContext& ctx);
std::string describe(const RemoveConstraint& op);

}  // namespace lectern::migrations::ops
