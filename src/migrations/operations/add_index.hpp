// AddIndex and RemoveIndex: a named index over fields of one model.
// AddIndex.concurrently renders CONCURRENTLY on PostgreSQL, which cannot run
// inside a transaction (see runs_outside_transaction in operations.hpp).
#pragma once

#include "migrations/migration.hpp"
#include "migrations/operations/context.hpp"

namespace lectern::migrations::ops {

void state_forwards(const AddIndex& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const AddIndex& op, const DatabaseContext& ctx);
Statements database_backwards(const AddIndex& op, const DatabaseContext& ctx);
std::string describe(const AddIndex& op);

void state_forwards(const RemoveIndex& op, std::string_view app, schema::ProjectState& state);
Statements database_forwards(const RemoveIndex& op, const DatabaseContext& ctx);
Statements database_backwards(const RemoveIndex& op, const DatabaseContext& ctx);
std::string describe(const RemoveIndex& op);

}  // namespace lectern::migrations::ops
