// What `lectern makemigrations` decides, without the command line: the state
// the existing files build against the declared models, the changes the
// autodetector finds, unsafe changes planned per --unsafe-change, kept to the
// asked apps and arranged as new migrations after each app's leaf. Django
// keeps this in its command; here it is the engine's, tested on its own.
// Pure: writing the files is write_migration_file's.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "migrations/checks.hpp"
#include "migrations/loader.hpp"
#include "migrations/unsafe_changes.hpp"
#include "schema/declaration.hpp"

namespace lectern::migrations {

struct MakeMigrationsOptions {
  std::vector<std::string> apps;  // only these apps' changes; empty: every app
  std::string name;               // the new migration's name after NNNN_; empty: suggested
  UnsafeChangeChoice unsafe_change = UnsafeChangeChoice::kRefuse;
};

struct MadeMigrations {
  std::vector<Migration> migrations;  // to write; empty: no changes
  std::vector<std::string> notes;     // what the --unsafe-change choice did
  // Unsafe changes refused (the explanation `lectern check` gives): when not
  // empty, nothing else is set and nothing may be written.
  std::vector<CheckMessage> refused;
};

// `existing` must form a valid graph (GraphError otherwise) and `registry`
// have no problems (the caller reports them first).
MadeMigrations make_migrations(const LoadedMigrations& existing,
                               const schema::ModelRegistry& registry,
                               const MakeMigrationsOptions& options);

// Where a migration's file goes below `dir`: <dir>/<app>/<name>.lmig.
std::filesystem::path migration_path(const std::filesystem::path& dir, const MigrationKey& key);
// Writes write_migration(m) to migration_path(dir, m.key), creating the
// app's directory; Error(kInternal) when it cannot.
void write_migration_file(const std::filesystem::path& dir, const Migration& m);

}  // namespace lectern::migrations
