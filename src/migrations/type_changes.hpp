// Column type changes as the engine performs them: the change an AlterField
// makes (a relation column follows its target's key, as the schema editor
// renders it), and the primary keys whose declared type is not the type the
// migration files gave them (the bigint -> uuid trap). Shared by the checks
// (migrations.E007, schema.E002) and makemigrations, so both explain a
// change the same way. Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/cast_rules.hpp"
#include "migrations/checks.hpp"
#include "migrations/migration.hpp"
#include "schema/declaration.hpp"

namespace lectern::migrations {

// A column that refers to a model's key: a relation field, or a column of a
// many-to-many link table.
struct ColumnRef {
  std::string model;   // "analytics.Question" (the link table's name for a many-to-many)
  std::string field;   // "assessment"
  std::string table;   // "analytics_question"
  std::string column;  // "assessment_id"
  bool operator==(const ColumnRef&) const = default;
  // "analytics.Question.assessment (analytics_question.assessment_id)"
  std::string describe() const;
};

// Every column of `state` that refers to the key of `model_key`, sorted.
std::vector<ColumnRef> references_to(const schema::ProjectState& state,
                                     const std::string& model_key);

// The type the column really has: a relation takes its target's key type,
// and the project key is a bigint column.
db::ColumnTypeSpec column_type_of(const schema::FieldSpec& field,
                                  const schema::ProjectState& state);

struct TypeChange {
  std::string model;  // "app.Model"
  std::string field;
  std::string table;
  std::string column;
  bool primary_key = false;
  db::ColumnTypeSpec from;
  db::ColumnTypeSpec to;
  PostgresCast cast;
  std::string using_expression;
  // For a key: the foreign-key columns the engine alters with it (without
  // USING).
  std::vector<ColumnRef> references;
};

// The column type change `op` makes in a migration of `app` applied to
// `before`; nullopt when the column keeps its type (or the op does not
// apply, which replaying reports).
std::optional<TypeChange> type_change_of(const AlterField& op, std::string_view app,
                                         const schema::ProjectState& before);

// Why PostgreSQL cannot run the change as written, or nullopt when it can.
std::optional<std::string> postgres_refusal(const TypeChange& change);

// migrations.E007 for a refused change: `where` locates it (a file and line,
// or "not yet in a migration").
CheckMessage unsafe_type_change_message(const TypeChange& change, const std::string& where);

// A model whose declared key type differs from the migration files' one.
struct KeyChange {
  std::string model;           // "analytics.Assessment"
  std::string field;           // the declared key's name
  std::string migrated_field;  // the key's name in the migration files
  db::ColumnTypeSpec migrated;
  db::ColumnTypeSpec declared;
  std::string origin;                  // where the declared key comes from ("UUIDPrimaryKeyMixin")
  std::optional<MigrationKey> set_by;  // the migration that gave it its current type
  std::vector<ColumnRef> references;   // in the files and in the declarations
  PostgresCast cast;
};

std::vector<KeyChange> find_key_changes(const schema::ProjectState& migrated,
                                        const schema::ProjectState& declared,
                                        const std::vector<schema::FieldOrigin>& origins,
                                        const std::map<std::string, MigrationKey>& key_set_by);

// schema.E002, naming the model, the key's origin, every foreign key to it
// and the options (keep, public-id, convert).
CheckMessage key_change_message(const KeyChange& change);

}  // namespace lectern::migrations
