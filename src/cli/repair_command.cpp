// `lectern repair <app> <name>`: records the checksum an applied migration's
// file has now, as Flyway's repair does, so that migrate stops refusing it
// (migrations.E006). One migration at a time and by name, so that accepting
// an edit is a decision about that edit; the schema is not touched.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "db/transaction.hpp"
#include "migrations/executor.hpp"
#include "migrations/recorder.hpp"

namespace lectern::cli {

void register_repair(CLI::App& app, Context& context) {
  struct Args {
    std::string app, name;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "repair",
      "Record the checksum an applied migration's file has now (after an edit that must not "
      "run again); the schema is not changed");
  cmd->add_option("app", args->app, "App label")->required();
  cmd->add_option("name", args->name, "Migration name (or unique prefix)")->required();
  cmd->callback([&context, args] {
    auto connection = context.database().acquire();
    migrations::MigrationExecutor executor(*connection, context.load_migrations());
    const auto key = executor.resolve({args->app, args->name});
    if (key.name == migrations::kZeroTarget) throw UsageError("repair needs a migration name");
    const auto& migration = executor.migration(key);
    migrations::MigrationRecorder recorder(*connection);
    db::in_transaction(*connection, [&](db::Connection&) {
      auto applied = recorder.applied();
      auto it = applied.find(key);
      if (it == applied.end()) {
        throw ConflictError(key.str() +
                            " is not applied: there is no recorded checksum to repair (`lectern "
                            "migrate` applies it)");
      }
      const std::string was = it->second.checksum;
      if (was == migration.checksum) {
        std::printf("%s: the recorded checksum already matches the file; nothing to do.\n",
                    key.str().c_str());
        return;
      }
      recorder.record_checksum(key, migration.checksum);
      std::printf(
          "Recorded the checksum of %s as its file is now (was %.12s..., now %.12s...).\n"
          "The schema was not changed: the database keeps what the version applied made.\n",
          key.str().c_str(), was.c_str(), migration.checksum.c_str());
    });
  });
}

}  // namespace lectern::cli
