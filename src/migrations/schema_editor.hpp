// Renders schema changes as SQL text for one dialect, Django's SchemaEditor:
// pure functions of two schema states (no connection), one statement per
// string, no trailing semicolon, to be run in order with
// Connection::execute_script (no parameters). Values never appear:
// identifiers come from the schema, quoted by the dialect; only DDL defaults
// are literals.
//
// This base renders what both backends share; each backend's editor
// (backends/<backend>/schema_editor.hpp) overrides the hooks where its SQL
// differs, as Django's per-backend schema modules do. make_schema_editor
// picks one by dialect.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "migrations/derived_names.hpp"
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

// The comparison operators a CheckTerm may use (>=, <=, >, <, =, <>): the
// operator is written into SQL, so nothing else passes.
bool is_check_operator(std::string_view op);

// What one edit looks like in SQL. `from` is the state the database is in
// and `to` the state the statements move it to; old definitions are read in
// `from`, new ones (and relation targets) in `to`.
class SchemaEditor {
 public:
  virtual ~SchemaEditor() = default;
  SchemaEditor(const SchemaEditor&) = delete;
  SchemaEditor& operator=(const SchemaEditor&) = delete;

  // `model` as found in `to` (create) or in `from` (delete): the table, its
  // foreign-key indexes, its indexes and its link tables.
  Statements create_model(const schema::ModelState& model) const;
  Statements delete_model(const schema::ModelState& model) const;
  // The table, its link tables, the link-table columns named after it and
  // the derived constraint and index names follow the new name.
  Statements rename_model(const schema::ModelState& before, const schema::ModelState& after) const;

  // `before`/`after` are the model in `from`/`to`.
  virtual Statements add_field(const schema::ModelState& before, const schema::ModelState& after,
                               const schema::FieldSpec& field) const;
  virtual Statements remove_field(const schema::ModelState& before, const schema::ModelState& after,
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
  virtual Statements add_constraint(const schema::ModelState& before,
                                    const schema::ModelState& after,
                                    const schema::ConstraintSpec& constraint) const;
  virtual Statements remove_constraint(const schema::ModelState& before,
                                       const schema::ModelState& after,
                                       const schema::ConstraintSpec& constraint) const;

  // What an added column costs less as on an empty table (see
  // EmptyTableRecreation): `before`'s table dropped and created as `after`.
  // None where ADD COLUMN is cheap (PostgreSQL).
  virtual std::optional<EmptyTableRecreation> recreate_empty_table(
      const schema::ModelState& before, const schema::ModelState& after) const;

  // `"col" type NOT NULL DEFAULT ... UNIQUE CHECK ... REFERENCES ...`, the
  // relation target read in `state`.
  std::string column_definition(const schema::ModelState& model, const schema::FieldSpec& field,
                                const schema::ProjectState& state) const;
  // The column's type: a relation takes its target's key type (bigint for
  // the project's auto-increment key).
  std::string column_type(const schema::FieldSpec& field, const schema::ProjectState& state) const;
  // The DEFAULT expression ("" when the field has none).
  std::string default_sql(const schema::FieldSpec& field) const;

 protected:
  SchemaEditor(const db::Dialect& dialect, const schema::ProjectState& from,
               const schema::ProjectState& to)
      : dialect_(dialect), from_(from), to_(to) {}

  // An object whose name derives from a table's name and columns.
  struct DerivedObject {
    bool is_index = false;
    std::string name;
    std::string table;
    std::string column;
  };
  // The objects whose names derive from `model`'s table and columns (with
  // its constraints' names when it is a link table).
  static std::vector<DerivedObject> derived_objects(const schema::ModelState& model, bool link);

  // The hooks where the backends' SQL differs.
  // alter_field once the change is known to be one AlterField may make.
  virtual Statements alter_field_sql(const schema::ModelState& before,
                                     const schema::ModelState& after,
                                     const schema::FieldSpec& old_field,
                                     const schema::FieldSpec& new_field,
                                     std::string_view using_expression,
                                     std::string_view sqlite_using_expression) const = 0;
  // A derived constraint or index of a renamed table or column, `o` renamed `n`.
  virtual Statements rename_derived_object(const DerivedObject& o, const DerivedObject& n,
                                           std::string_view table) const = 0;
  // Literals of DEFAULT clauses.
  virtual std::string boolean_default(bool value) const = 0;
  virtual std::string json_default(std::string_view text) const = 0;
  virtual std::string now_default(bool date) const = 0;
  // What follows REFERENCES ... ON DELETE ... (when the keys are checked).
  virtual std::string_view foreign_key_timing() const = 0;
  // A column's own CHECK beyond the declared ones ("" when none).
  virtual std::string column_check(const schema::FieldSpec& field) const = 0;
  // CREATE/DROP INDEX CONCURRENTLY exists.
  virtual bool indexes_concurrently() const = 0;

  std::string q(std::string_view identifier) const { return dialect_.quote(identifier); }
  std::string create_table(const schema::ModelState& model, std::string_view table_name,
                           const schema::ProjectState& state) const;
  Statements create_table_indexes(const schema::ModelState& model) const;
  std::vector<std::string> table_index_names(const schema::ModelState& model) const;
  // CREATE INDEX of a foreign key's own index (has_foreign_key_index).
  std::string foreign_key_index_sql(const schema::ModelState& model,
                                    const schema::FieldSpec& field) const;
  std::string index_sql(const schema::ModelState& model, const schema::IndexSpec& index,
                        bool concurrently) const;
  std::string references(const schema::FieldSpec& field, const schema::ProjectState& state) const;
  Statements rename_table_objects(const schema::ModelState& before, const schema::ModelState& after,
                                  bool link) const;

  const db::Dialect& dialect_;
  const schema::ProjectState& from_;
  const schema::ProjectState& to_;
};

// The editor of `dialect`'s backend.
std::unique_ptr<SchemaEditor> make_schema_editor(const db::Dialect& dialect,
                                                 const schema::ProjectState& from,
                                                 const schema::ProjectState& to);

// "stmt;\n" for each statement: what sqlmigrate prints and golden files hold.
std::string to_script(const Statements& statements);

}  // namespace lectern::migrations
