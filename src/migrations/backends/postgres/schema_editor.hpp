// PostgreSQL's schema editor: a column changes in place (ALTER COLUMN TYPE
// ... USING, SET/DROP NOT NULL, identity), each derived constraint or index
// dropped and added again when it changes; a key's type change converts
// every foreign-key column to it with it. Foreign keys are DEFERRABLE
// INITIALLY DEFERRED (as Django's), checked at COMMIT.
#pragma once

#include "migrations/schema_editor.hpp"

namespace lectern::migrations {

class PostgresSchemaEditor final : public SchemaEditor {
 public:
  PostgresSchemaEditor(const db::Dialect& dialect, const schema::ProjectState& from,
                       const schema::ProjectState& to)
      : SchemaEditor(dialect, from, to) {}

 protected:
  Statements alter_field_sql(const schema::ModelState& before, const schema::ModelState& after,
                             const schema::FieldSpec& old_field, const schema::FieldSpec& new_field,
                             std::string_view using_expression,
                             std::string_view sqlite_using_expression) const override;
  Statements rename_derived_object(const DerivedObject& o, const DerivedObject& n,
                                   std::string_view table) const override;
  std::string boolean_default(bool value) const override { return value ? "true" : "false"; }
  std::string json_default(std::string_view text) const override;
  std::string now_default(bool date) const override;
  std::string_view foreign_key_timing() const override;
  std::string column_check(const schema::FieldSpec&) const override { return ""; }
  bool indexes_concurrently() const override { return true; }

 private:
  // The foreign-key columns to `after`'s key, dropped (their constraints) or
  // altered to its new type and constrained again; `using_expression`, in
  // terms of `key_column`, converts each with its own column substituted.
  Statements alter_related_key_columns(const schema::ModelState& after, bool drop,
                                       std::string_view using_expression = {},
                                       std::string_view key_column = {}) const;
};

}  // namespace lectern::migrations
