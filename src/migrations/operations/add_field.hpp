// AddField and RemoveField: a column appears or disappears (with its
// constraints and foreign-key index). On SQLite, what ADD/DROP COLUMN cannot
// do goes through the table rebuild.
#pragma once

#include <optional>

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

// SQLite, either direction: the model's table re-created instead when it is
// empty (see EmptyTableRecreation); nullopt on PostgreSQL.
std::optional<EmptyTableRecreation> empty_table_recreation(const AddField& op,
                                                           const DatabaseContext& ctx);
std::optional<EmptyTableRecreation> empty_table_recreation(const RemoveField& op,
                                                           const DatabaseContext& ctx);

}  // namespace lectern::migrations::ops
