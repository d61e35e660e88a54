// Renders schema changes as SQL text for one dialect, Django's SchemaEditor:
// pure functions of two schema states (no connection), one statement per
// string, no trailing semicolon, to be run in order with
// Connection::execute_script (no parameters). Values never appear:
// identifiers come from the schema, quoted by the dialect; only DDL defaults
// are literals. Foreign keys are DEFERRABLE INITIALLY DEFERRED on PostgreSQL
// (as Django) and checked per statement on SQLite.
//
// Contract for whoever runs the statements (the executor) on SQLite: changes
// that ALTER TABLE cannot make rebuild the table (create "new__<table>", copy
// rows, drop the old table, rename, recreate indexes). They must run with
// foreign keys off, so the executor runs `PRAGMA foreign_keys=OFF` before
// BEGIN (inside a transaction it is a no-op), `PRAGMA foreign_key_check`
// before COMMIT (and rolls back if it reports rows), and
// `PRAGMA foreign_keys=ON` after. `legacy_alter_table`
// must stay OFF (the default) so that renamed tables and columns are
// followed by the references to them. No statement rendered here is a PRAGMA.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

using Statements = std::vector<std::string>;

// A statement that starts with this is a row guard, not a change: a query
// that finds no row when the migration may go on, and otherwise one row
// whose first column says why not (plain SQL on SQLite cannot fail with a
// message). The executor runs it as a query and refuses the migration on a
// row; sqlmigrate prints it like any statement.
inline constexpr std::string_view kRefuseIfRowMarker = "/* lectern: refuse if a row */ ";

// SQLite's ALTER TABLE ADD/DROP COLUMN re-parses the CREATE statement of every
// table in the database before it returns, so each added column costs time in
// proportion to the whole schema (most of a fresh `migrate` of a project with
// hundreds of tables). A table with no rows can instead be dropped and created
// again in its new shape, which parses one statement. The executor runs
// `statements` in place of the operation's own only when `table` is empty and
// its indexes and triggers are exactly `indexes` (so nothing a RunSQL added
// would be lost); otherwise the ALTER runs as rendered.
struct EmptyTableRecreation {
  std::string table;
  std::vector<std::string> indexes;  // the live table's index names (not SQLite's autoindexes)
  Statements statements;
  bool operator==(const EmptyTableRecreation&) const = default;
};

// Names of the objects the engine derives from fields, a function of table and
// column so that every tool (renderer, inspect, verify) computes the same.
// PostgreSQL limits identifiers to 63 bytes: longer names keep their suffix
// and replace the tail of the middle with a hash, like Django's names.
namespace names {
inline constexpr std::size_t kMaxIdentifier = 63;
// `<table>_<col1>_<col2>..._<suffix>`, shortened to kMaxIdentifier.
std::string derived(std::string_view table, const std::vector<std::string>& columns,
                    std::string_view suffix);
std::string foreign_key_index(std::string_view table, std::string_view column);  // _idx
std::string foreign_key(std::string_view table, std::string_view column);        // _fkey
std::string unique(std::string_view table, std::string_view column);             // _key
std::string range_check(std::string_view table, std::string_view column);        // _range
std::string primary_key(std::string_view table);                                 // _pkey
// A many-to-many link table: `<owner table>_<field>`.
std::string link_table(std::string_view owner_table, std::string_view field);
}  // namespace names

// The link table of a many-to-many field as a model: id, <owner>_id and
// <target>_id (from_/to_ when a model links to itself), both foreign keys
// CASCADE, unique together. The names come from the owner and from the
// target's "app.Model", so no state is needed.
schema::ModelState link_model(const schema::ModelState& owner, const schema::ManyToManySpec& m2m);

// The comparison operators a CheckTerm may use (>=, <=, >, <, =, <>): the
// operator is written into SQL, so nothing else passes.
bool is_check_operator(std::string_view op);

// What one edit looks like in SQL, Django's SchemaEditor. `from` is the state
// the database is in and `to` the state the statements move it to; old
// definitions are read in `from`, new ones (and relation targets) in `to`.
class SchemaEditor {
 public:
  SchemaEditor(const db::Dialect& dialect, const schema::ProjectState& from,
               const schema::ProjectState& to)
      : dialect_(dialect), from_(from), to_(to) {}

  // `model` as found in `to` (create) or in `from` (delete): the table, its
  // foreign-key indexes, its indexes and its link tables.
  Statements create_model(const schema::ModelState& model) const;
  Statements delete_model(const schema::ModelState& model) const;
  // The table, its link tables, the link-table columns named after it and
  // the derived constraint and index names follow the new name.
  Statements rename_model(const schema::ModelState& before, const schema::ModelState& after) const;

  // `before`/`after` are the model in `from`/`to`.
  Statements add_field(const schema::ModelState& before, const schema::ModelState& after,
                       const schema::FieldSpec& field) const;
  Statements remove_field(const schema::ModelState& before, const schema::ModelState& after,
                          const schema::FieldSpec& field) const;
  // A type change converts as PostgreSQL does on both backends:
  // `using_expression` is PostgreSQL's USING (for a key, applied to every
  // foreign-key column too, with its name substituted), and
  // `sqlite_using_expression` the value SQLite's table rebuild copies. On
  // SQLite a change PostgreSQL refuses is refused (a row guard), and values
  // the new type cannot hold are refused after the copy.
  Statements alter_field(const schema::ModelState& before, const schema::ModelState& after,
                         const schema::FieldSpec& old_field, const schema::FieldSpec& new_field,
                         std::string_view using_expression,
                         std::string_view sqlite_using_expression = {}) const;
  Statements rename_field(const schema::ModelState& before, const schema::ModelState& after) const;

  Statements add_index(const schema::ModelState& model, const schema::IndexSpec& index,
                       bool concurrently) const;
  Statements remove_index(const schema::ModelState& model, const schema::IndexSpec& index,
                          bool concurrently) const;
  Statements add_constraint(const schema::ModelState& before, const schema::ModelState& after,
                            const schema::ConstraintSpec& constraint) const;
  Statements remove_constraint(const schema::ModelState& before, const schema::ModelState& after,
                               const schema::ConstraintSpec& constraint) const;

  // SQLite's table rebuild (https://www.sqlite.org/lang_altertable.html#otheralter):
  // every column of `after` is copied from the same column of `before`, or
  // from the expression in `sources` (keyed by new column), or else takes
  // its default. The AUTOINCREMENT counter is kept. See the foreign-key
  // contract at the top of this file.
  // `after_copy` runs right after the rows are copied (row guards over
  // "new__<table>").
  Statements remake_table(const schema::ModelState& before, const schema::ModelState& after,
                          const std::map<std::string, std::string>& sources = {},
                          const Statements& after_copy = {}) const;
  // SQLite: `before`'s table, empty, dropped and created as `after` (same
  // table name), its indexes created again and its AUTOINCREMENT counter kept.
  EmptyTableRecreation recreate_empty_table(const schema::ModelState& before,
                                            const schema::ModelState& after) const;

  // `"col" type NOT NULL DEFAULT ... UNIQUE CHECK ... REFERENCES ...`, the
  // relation target read in `state`.
  std::string column_definition(const schema::ModelState& model, const schema::FieldSpec& field,
                                const schema::ProjectState& state) const;
  // The column's type: a relation takes its target's key type (bigint for
  // the project's auto-increment key).
  std::string column_type(const schema::FieldSpec& field, const schema::ProjectState& state) const;
  // The DEFAULT expression ("" when the field has none).
  std::string default_sql(const schema::FieldSpec& field) const;

 private:
  std::string q(std::string_view identifier) const { return dialect_.quote(identifier); }
  bool postgres() const { return dialect_.backend() == db::Backend::kPostgres; }
  std::string create_table(const schema::ModelState& model, std::string_view table_name,
                           const schema::ProjectState& state) const;
  Statements create_table_indexes(const schema::ModelState& model) const;
  std::vector<std::string> table_index_names(const schema::ModelState& model) const;
  std::string index_sql(const schema::ModelState& model, const schema::IndexSpec& index,
                        bool concurrently) const;
  std::string references(const schema::FieldSpec& field, const schema::ProjectState& state) const;
  Statements rename_table_objects(const schema::ModelState& before, const schema::ModelState& after,
                                  bool link) const;
  Statements alter_field_postgres(const schema::ModelState& after,
                                  const schema::FieldSpec& old_field,
                                  const schema::FieldSpec& new_field,
                                  std::string_view using_expression) const;
  // The foreign-key columns to `after`'s key, dropped (their constraints) or
  // altered to its new type and constrained again; `using_expression`, in
  // terms of `key_column`, converts each with its own column substituted.
  Statements alter_related_key_columns(const schema::ModelState& after, bool drop,
                                       std::string_view using_expression = {},
                                       std::string_view key_column = {}) const;

  const db::Dialect& dialect_;
  const schema::ProjectState& from_;
  const schema::ProjectState& to_;
};

// "stmt;\n" for each statement: what sqlmigrate prints and golden files hold.
std::string to_script(const Statements& statements);

}  // namespace lectern::migrations
