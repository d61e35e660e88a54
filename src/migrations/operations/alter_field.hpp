// AlterField: a field's new definition (same name). PostgreSQL alters the
// column in place (TYPE ... USING, NOT NULL, DEFAULT, constraints, foreign
// key); SQLite rebuilds the table. A change that touches no column property
// (choices, min_length, auto_now...) renders no SQL.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const AlterField& op, std::string_view app, schema::ProjectState& state);
// Backwards renders without USING: the expression converts the old type to
// the new one only.
Statements database_forwards(const AlterField& op, const DatabaseContext& ctx);
Statements database_backwards(const AlterField& op, const DatabaseContext& ctx);
std::string describe(const AlterField& op);

}  // namespace lectern::migrations::ops
