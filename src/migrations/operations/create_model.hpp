// CreateModel and DeleteModel: a table appears or disappears, together with
// its foreign-key indexes, its indexes and its many-to-many link tables.
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const CreateModel& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const CreateModel& op, const DatabaseContext& ctx);
Statements database_backwards(const CreateModel& op, const DatabaseContext& ctx);
std::string describe(const CreateModel& op);

void state_forwards(const DeleteModel& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const DeleteModel& op, const DatabaseContext& ctx);
Statements database_backwards(const DeleteModel& op, const DatabaseContext& ctx);
std::string describe(const DeleteModel& op);

}  // namespace lectern::migrations::ops
