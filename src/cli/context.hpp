// What every command gets: the global options (database URL, migrations
// directory), a lazily opened Database, the migration files and the declared
// models. Commands are registered by functions below, one file per command.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "migrations/loader.hpp"
#include "schema/declaration.hpp"

namespace CLI {
class App;
}

namespace lectern::cli {

// The models a binary declares: the project's apps for `lectern`, a test
// fixture's for the fixture binaries.
using ModelsProvider = std::function<schema::ModelRegistry()>;

struct Context {
  std::string database_url;
  std::string migrations_dir;  // empty: the migrations embedded in the binary
  ModelsProvider models_provider;

  // Opens the database on first use (UsageError / ConnectionError on failure).
  db::Database& database();
  // The same for commands that only read (showmigrations, migrate --plan): a
  // SQLite file that does not exist is read as empty, not created
  // (db::Database::open_for_reading).
  db::Database& database_for_reading();
  // The migration files: --migrations-dir when given, else the embedded ones.
  migrations::LoadedMigrations load_migrations() const;
  // The directory makemigrations writes to: --migrations-dir or ./migrations.
  std::string writable_migrations_dir() const;
  schema::ModelRegistry models() const;

  // Never destroys `object`: it stays reachable until the process exits.
  // The schema commands load thousands of migrations to print a few
  // screens, and freeing them one by one on the way out was about 8% of
  // their work; the process is ending anyway (as clang does with its ASTs).
  template <typename T>
  static T& keep_until_exit(std::unique_ptr<T> object) {
    kept_until_exit().push_back(object.get());
    return *object.release();
  }

 private:
  // Leaked on purpose: destroying it at exit would destroy what it holds.
  static std::vector<const void*>& kept_until_exit();

  std::unique_ptr<db::Database> database_;
};

// Parses argv, runs one command, maps errors to exit codes (exit_codes.hpp).
int run_cli(int argc, char** argv, ModelsProvider models);

void register_version(CLI::App& app, Context& context);
void register_serve(CLI::App& app, Context& context);
void register_migrate(CLI::App& app, Context& context);
void register_showmigrations(CLI::App& app, Context& context);
void register_sqlmigrate(CLI::App& app, Context& context);
void register_makemigrations(CLI::App& app, Context& context);
void register_testmigrations(CLI::App& app, Context& context);
void register_check(CLI::App& app, Context& context);
void register_verify(CLI::App& app, Context& context);
void register_graph(CLI::App& app, Context& context);
void register_createuser(CLI::App& app, Context& context);
void register_seed_demo(CLI::App& app, Context& context);
void register_recompute_stats(CLI::App& app, Context& context);
void register_repair(CLI::App& app, Context& context);

}  // namespace lectern::cli
