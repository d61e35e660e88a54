// The autodetector: diffs the state the migration files build against the
// state the model declarations describe, and proposes the operations (per
// app, in an order that applies) and the migrations that carry them. Renames
// are made only where a declaration says so (renamed_from); anything else is
// a removal plus an addition, never a guess.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "migrations/migration.hpp"
#include "schema/declaration.hpp"

namespace lectern::migrations {

struct RenameHints {
  // "app.NewName" -> "OldName"
  std::map<std::string, std::string> models;
  // "app.Model" (new model name) -> {new field name -> old field name}
  std::map<std::string, std::map<std::string, std::string>> fields;
};

RenameHints rename_hints(const schema::ModelRegistry& registry);

struct AppChanges {
  std::string app;
  std::vector<OperationEntry> operations;
  // Other apps whose models these operations refer to.
  std::vector<std::string> depends_on_apps;
};

// Per app (sorted by name), the operations that turn `from` into `to`.
// Throws ValidationError for a change the engine cannot express (e.g. a
// many-to-many added to an existing model).
std::vector<AppChanges> detect_changes(const schema::ProjectState& from,
                                       const schema::ProjectState& to, const RenameHints& hints);

// Django's naming: "initial" for an app's first migration, else fragments of
// the operations ("course_price_cents", "remove_course_slug", ...) joined
// while they fit in 52 characters, then "_and_more".
std::string suggest_name(const std::vector<OperationEntry>& operations, bool initial);

// Turns changes into numbered migrations: each follows its app's current
// leaf (nullopt: the app has none) and depends on the latest migration of
// every app it refers to (a migration made in this run where there is one).
// `name` overrides the suggested names (only with a single app's changes).
std::vector<Migration> arrange_migrations(
    const std::vector<AppChanges>& changes,
    const std::map<std::string, std::optional<MigrationKey>>& leaves, const std::string& name);

}  // namespace lectern::migrations
