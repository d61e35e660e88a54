// A migration as plain data: its identity, dependencies and operations.
// Operations are immutable values (one struct each, Django's set); what they
// do lives in operations/ (state changes, SQL per dialect, reversal).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "schema/model.hpp"

namespace lectern::migrations {

// "app" + "0001_initial".
struct MigrationKey {
  std::string app;
  std::string name;
  auto operator<=>(const MigrationKey&) const = default;
  std::string str() const { return app + "." + name; }
};

// Model names inside operations are those of the migration's own app;
// relation targets are "app.Model".
struct CreateModel {
  schema::ModelState model;  // app and table filled in
  bool operator==(const CreateModel&) const = default;
};
struct DeleteModel {
  std::string name;
  bool operator==(const DeleteModel&) const = default;
};
struct RenameModel {
  std::string old_name;
  std::string new_name;  // the table follows: <app>_<new_name lower>
  bool operator==(const RenameModel&) const = default;
};
struct AddField {
  std::string model;
  schema::FieldSpec field;
  bool operator==(const AddField&) const = default;
};
struct RemoveField {
  std::string model;
  std::string name;
  bool operator==(const RemoveField&) const = default;
};
struct AlterField {
  std::string model;
  schema::FieldSpec field;  // the new definition (same name)
  // An explicit conversion for a type change, written in terms of the
  // field's column: PostgreSQL's USING, and SQLite's counterpart (the value
  // the table rebuild copies). On a key, each foreign-key column to it is
  // converted by the same expression with its own column name substituted.
  std::string using_expression;
  std::string sqlite_using_expression;
  bool operator==(const AlterField&) const = default;
};
struct RenameField {
  std::string model;
  std::string old_name;
  std::string new_name;
  bool operator==(const RenameField&) const = default;
};
struct AddIndex {
  std::string model;
  schema::IndexSpec index;
  bool concurrently = false;  // PostgreSQL CREATE INDEX CONCURRENTLY (outside a transaction)
  bool operator==(const AddIndex&) const = default;
};
struct RemoveIndex {
  std::string model;
  std::string name;
  bool operator==(const RemoveIndex&) const = default;
};
struct AddConstraint {
  std::string model;
  schema::ConstraintSpec constraint;
  bool operator==(const AddConstraint&) const = default;
};
struct RemoveConstraint {
  std::string model;
  std::string name;
  bool operator==(const RemoveConstraint&) const = default;
};
// Raw SQL per backend. An empty backward means irreversible on that backend.
struct RunSQL {
  std::string sqlite_forward;
  std::string sqlite_backward;
  std::string postgres_forward;
  std::string postgres_backward;
  bool operator==(const RunSQL&) const = default;
};

using Operation =
    std::variant<CreateModel, DeleteModel, RenameModel, AddField, RemoveField, AlterField,
                 RenameField, AddIndex, RemoveIndex, AddConstraint, RemoveConstraint, RunSQL>;

struct OperationEntry {
  Operation operation;
  int line = 0;  // where it starts in its file (0 when built in memory)
  // Dangerous-change warnings the author accepted for this operation, by
  // check code ("migrations.W001"); see docs/migrations.md.
  std::vector<std::string> acknowledged;
  // `state_only` before the operation: it changes the state the files build
  // and runs no SQL (Django's SeparateDatabaseAndState), for a change a
  // run_sql before it made by hand.
  bool state_only = false;
  bool operator==(const OperationEntry&) const = default;
};

struct Migration {
  MigrationKey key;
  std::vector<MigrationKey> dependencies;
  std::vector<OperationEntry> operations;
  std::string source;    // file path (or "embedded:<app>/<file>")
  std::string checksum;  // SHA-256 hex of the file's bytes
  bool operator==(const Migration&) const = default;
};

}  // namespace lectern::migrations
