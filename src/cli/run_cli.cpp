#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"

namespace lectern::cli {

int run_cli(int argc, char** argv, ModelsProvider models) {
  Context context;
  context.models_provider = std::move(models);
  CLI::App app{"Lectern: a course-management system and its schema tools", "lectern"};
  app.require_subcommand(1);
  // Global options may also follow the command: `lectern migrate --database URL`.
  app.fallthrough();
  app.set_help_all_flag("--help-all", "Show help for every command");
  const char* env_url = std::getenv("LECTERN_DATABASE_URL");
  context.database_url =
      env_url && *env_url ? env_url : std::string(lectern::db::kDefaultDatabaseUrl);
  app.add_option("--database", context.database_url,
                 "Database URL: sqlite:///path.db (relative), sqlite:////abs/path.db, "
                 "sqlite::memory:, postgresql://user@host:port/dbname "
                 "(env LECTERN_DATABASE_URL)")
      ->capture_default_str();
  app.add_option("--migrations-dir", context.migrations_dir,
                 "Read migration files from this directory instead of the ones built in "
                 "(makemigrations writes there; default ./migrations)");

  register_version(app, context);
  register_serve(app, context);
  register_migrate(app, context);
  register_showmigrations(app, context);
  register_sqlmigrate(app, context);
  register_makemigrations(app, context);
  register_testmigrations(app, context);
  register_check(app, context);
  register_verify(app, context);
  register_graph(app, context);
  register_createuser(app, context);
  register_seed_demo(app, context);
  register_recompute_stats(app, context);
  register_repair(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    // `lectern nosuchcommand --help` must not answer with the main help and
    // exit 0: a script would take the misspelt command for a working one.
    if (auto extra = app.remaining(true); !extra.empty()) {
      std::fprintf(stderr, "lectern: error: unknown command or argument: %s (see lectern --help)\n",
                   extra.front().c_str());
      return kExitUsage;
    }
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a command asked for a specific exit code
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "lectern: error: %s (see lectern --help)\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    return report(e);
  }
  return kExitOk;
}

}  // namespace lectern::cli
