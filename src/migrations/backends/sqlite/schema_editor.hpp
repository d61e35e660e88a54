// SQLite's schema editor. What its ALTER TABLE cannot do (most changes of a
// column, any constraint) rebuilds the table
// (https://www.sqlite.org/lang_altertable.html#otheralter): create
// "new__<table>", copy the rows, drop the old table, rename, recreate the
// indexes. Keys are checked per statement (no DEFERRABLE).
//
// Contract for whoever runs the statements (the executor): a rebuild drops
// and recreates referenced tables, so they must run with foreign keys off
// (`PRAGMA foreign_keys=OFF` before BEGIN, as inside a transaction it is a
// no-op; db::Connection::disable_constraint_checking), then
// `PRAGMA foreign_key_check` before COMMIT, rolling back if it reports rows
// (check_constraints), and `PRAGMA foreign_keys=ON` after.
// `legacy_alter_table` must stay OFF (the default) so that renamed tables and
// columns are followed by the references to them. No statement rendered
// here is a PRAGMA.
#pragma once

#include "migrations/schema_editor.hpp"

namespace lectern::migrations {

class SqliteSchemaEditor final : public SchemaEditor {
 public:
  SqliteSchemaEditor(const db::Dialect& dialect, const schema::ProjectState& from,
                     const schema::ProjectState& to)
      : SchemaEditor(dialect, from, to) {}

  // A rebuild where SQLite's ADD COLUMN or DROP COLUMN refuses the column.
  Statements add_field(const schema::ModelState& before, const schema::ModelState& after,
                       const schema::FieldSpec& field) const override;
  Statements remove_field(const schema::ModelState& before, const schema::ModelState& after,
                          const schema::FieldSpec& field) const override;
  // Constraints are changed by a rebuild.
  Statements add_constraint(const schema::ModelState& before, const schema::ModelState& after,
                            const schema::ConstraintSpec& constraint) const override;
  Statements remove_constraint(const schema::ModelState& before, const schema::ModelState& after,
                               const schema::ConstraintSpec& constraint) const override;
  // `before`'s table, empty, dropped and created as `after` (same table
  // name), its indexes created again and its AUTOINCREMENT counter kept.
  std::optional<EmptyTableRecreation> recreate_empty_table(
      const schema::ModelState& before, const schema::ModelState& after) const override;

  // The table rebuild: every column of `after` is copied from the same
  // column of `before`, or from the expression in `sources` (keyed by new
  // column), or else takes its default. The AUTOINCREMENT counter is kept.
  // `after_copy` runs right after the rows are copied (row guards over
  // "new__<table>").
  Statements remake_table(const schema::ModelState& before, const schema::ModelState& after,
                          const std::map<std::string, std::string>& sources = {},
                          const Statements& after_copy = {}) const;

 protected:
  // A rebuild; a type change converts as PostgreSQL would, or is refused.
  Statements alter_field_sql(const schema::ModelState& before, const schema::ModelState& after,
                             const schema::FieldSpec& old_field, const schema::FieldSpec& new_field,
                             std::string_view using_expression,
                             std::string_view sqlite_using_expression) const override;
  Statements rename_derived_object(const DerivedObject& o, const DerivedObject& n,
                                   std::string_view table) const override;
  std::string boolean_default(bool value) const override;
  std::string json_default(std::string_view text) const override;
  std::string now_default(bool date) const override;
  std::string_view foreign_key_timing() const override { return ""; }
  std::string column_check(const schema::FieldSpec& field) const override;
  bool indexes_concurrently() const override { return false; }
};

}  // namespace lectern::migrations
