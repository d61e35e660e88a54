// `lectern check`: the system checks of src/migrations/checks.hpp over the
// binary's declared models and its migration files, printed one finding per
// line with a hint line; exit 1 on any error (warnings alone exit 0). The
// checks that need the database run when one is named explicitly (--database
// or LECTERN_DATABASE_URL), never against the default ./lectern.db, which
// opening would create.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "migrations/checks.hpp"

namespace lectern::cli {

namespace {

struct CheckArgs {
  bool offline = false;
};

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void register_check(CLI::App& app, Context& context) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check",
      "Run the system checks over the declared models and the migration files; with "
      "--database also against that database (docs/checks.md)");
  cmd->add_flag("--offline", args->offline,
                "Skip the database checks even when --database or LECTERN_DATABASE_URL names one");
  cmd->callback([&app, &context, args] {
    const char* env_url = std::getenv("LECTERN_DATABASE_URL");
    const bool named = app.get_option("--database")->count() > 0 || (env_url && *env_url);
    const bool live = named && !args->offline;

    migrations::CheckOptions options;
    options.backend = db::parse_database_url(context.database_url).backend;
    schema::ModelRegistry registry = context.models();
    std::vector<migrations::CheckMessage> messages;
    migrations::LoadedMigrations files;
    bool loaded = true;
    try {
      files = context.load_migrations();
    } catch (const ValidationError& e) {
      // A malformed file: the state checks cannot run, the declarations can.
      loaded = false;
      messages = migrations::declaration_checks(registry);
      messages.push_back({"migrations.E008", migrations::CheckLevel::kError, e.what(),
                          "correct the file (docs/migrations.md describes the format)"});
    }
    db::PooledConnection connection;
    if (loaded) {
      if (live) {
        connection = context.database().acquire();
        options.connection = &*connection;
      }
      messages = migrations::run_checks(registry, files, options);
    }

    for (const auto& m : messages) std::fputs(migrations::format_message(m).c_str(), stdout);
    const std::size_t errors = migrations::count(messages, migrations::CheckLevel::kError);
    const std::size_t warnings = migrations::count(messages, migrations::CheckLevel::kWarning);
    if (errors == 0 && warnings == 0) {
      std::printf("System check identified no issues.\n");
    } else {
      std::printf("System check identified %s and %s.\n", plural(errors, "error").c_str(),
                  plural(warnings, "warning").c_str());
    }
    if (live) {
      std::printf("Database checks ran against %s.\n",
                  std::string(to_string(options.backend)).c_str());
    } else {
      std::printf("Database checks skipped (%s).\n",
                  args->offline ? "--offline" : "name a database with --database URL to run them");
    }
    std::fflush(stdout);
    if (errors > 0) throw CLI::RuntimeError(kExitCheckFailed);
  });
}

}  // namespace lectern::cli
