// The operations of the migration engine, Django's operations: what each one
// does to the schema state (state_forwards), the SQL that makes a database
// follow (database_forwards/backwards, rendered by SchemaEditor), its one-line
// description and whether it can be undone. This is the one dispatcher over
// the Operation variant; each operation's code is in operations/. Pure
// functions of their arguments: no connection, safe on any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "db/dialect.hpp"
#include "migrations/migration.hpp"
#include "migrations/schema_editor.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

// An operation that cannot be undone on a backend (RunSQL without backward
// SQL for it). The message names the operation (and the migration, when
// raised through migration_sql/collect_sql).
class IrreversibleError : public Error {
 public:
  explicit IrreversibleError(const std::string& message) : Error(ErrorKind::kConflict, message) {}
};

// Applies `op` of a migration of `app` to `state`. Throws ValidationError
// ("Add field price_cents to Course: courses.Course already has a field
// price_cents") when it cannot apply; `state` is then unchanged.
// "courses.0002_x (migrations/courses/0002_x.lmig:12)": where an operation
// is, as the engine's errors and the checks say it.
std::string operation_location(const Migration& migration, const OperationEntry& entry);

void state_forwards(const Operation& op, std::string_view app, schema::ProjectState& state);
// The same without the copy that keeps `state` whole on failure: after a
// ValidationError `state` may be half changed, so callers that replay many
// operations (the checks) stop there and throw it away.
void state_forwards_in_place(const Operation& op, std::string_view app,
                             schema::ProjectState& state);

// The statements that move a database from `from` (the state before `op`) to
// `to` (the state after it), in order.
Statements database_forwards(const Operation& op, std::string_view app,
                             const schema::ProjectState& from, const schema::ProjectState& to,
                             const db::Dialect& dialect);
// The statements that undo `op`: `from` is the state after it, `to` the
// state before it. Throws IrreversibleError when !reversible(op, backend).
Statements database_backwards(const Operation& op, std::string_view app,
                              const schema::ProjectState& from, const schema::ProjectState& to,
                              const db::Dialect& dialect);

bool reversible(const Operation& op, db::Backend backend);
// "Create model Course", "Add field price_cents to Course".
std::string describe(const Operation& op);
// PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction:
// true for AddIndex{concurrently} there, whose migration the executor must
// then run outside a transaction.
bool runs_outside_transaction(const Operation& op, db::Backend backend);

// The state after applying whole migrations, in order, to `initial`.
schema::ProjectState state_after(const std::vector<const Migration*>& plan_in_order,
                                 schema::ProjectState initial = {});
enum class Direction { kForwards, kBackwards };

// The statements of one operation, with its description.
struct OperationSql {
  std::string description;
  Statements statements;
  // SQLite, AddField and RemoveField: what runs instead when the table is
  // empty (see EmptyTableRecreation).
  std::optional<EmptyTableRecreation> if_table_empty;
  // Its position in the migration's operations (errors name its line).
  std::size_t index = 0;
};

// One migration's SQL, operation by operation, in the order it runs.
struct MigrationSql {
  MigrationKey key;
  std::vector<OperationSql> operations;

  // Every statement, in order: what the executor runs.
  Statements statements() const;
  // What sqlmigrate prints and golden files hold: "-- <description>" before
  // each operation's statements ("-- (no SQL)" when it renders none), then,
  // commented out, what runs instead on an empty table.
  std::string script() const;
};

// One migration's SQL, given the state before it. Backwards, its operations
// are undone last first. Errors (ValidationError, IrreversibleError) name the
// migration, its file and the operation's line.
MigrationSql migration_sql(const Migration& migration, const schema::ProjectState& before,
                           const db::Dialect& dialect, Direction direction);
// One migration as the executor runs it, in one call: its SQL (none when
// `fake`, which only records), the state after it (its operations applied
// forwards, which the executor carries to the next one), and whether it must
// run outside a transaction (an operation with SQL that
// runs_outside_transaction).
struct MigrationStep {
  MigrationSql sql;
  schema::ProjectState after;
  bool outside_transaction = false;
};
MigrationStep migration_step(const Migration& migration, const schema::ProjectState& before,
                             const db::Dialect& dialect, Direction direction, bool fake);

// Backs sqlmigrate and the golden tests: per migration, its SQL.
// `plan_in_order` is in applying order and `before` the state before its
// first migration; backwards the result is in unapplying order (last
// migration first).
std::vector<MigrationSql> collect_sql(const std::vector<const Migration*>& plan_in_order,
                                      const schema::ProjectState& before,
                                      const db::Dialect& dialect, Direction direction);

}  // namespace lectern::migrations
