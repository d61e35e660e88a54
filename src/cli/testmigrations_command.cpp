#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/preflight.hpp"
#include "migrations/round_trip.hpp"

namespace lectern::cli {

void register_testmigrations(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand(
      "testmigrations",
      "On an empty database: apply each migration, unapply it, check the schema and the data "
      "are back, re-apply");
  cmd->callback([&context] {
    auto connection = context.database().acquire();
    auto& executor = checked_executor(context, *connection, "testmigrations");
    if (!executor.applied().empty()) {
      throw ConflictError(
          "testmigrations needs a database with no migrations applied; use a scratch database");
    }
    // The checks of migrate, for every migration: a change the checks refuse
    // is not round-tripped, it is refused.
    auto preflight = executor.preflight({});
    print_findings(preflight.findings, stdout);
    refuse_on_errors(preflight.findings, "testmigrations");
    int count = 0;
    migrations::MigrationKey current;
    try {
      auto failure = migrations::round_trip(executor, *connection,
                                            [&](const migrations::MigrationKey& key, bool passed) {
                                              current = key;
                                              if (!passed) return;
                                              std::printf("  %s... OK\n", key.str().c_str());
                                              std::fflush(stdout);
                                              ++count;
                                            });
      if (failure) {
        std::printf("FAIL %s %s", failure->key.str().c_str(), failure->message.c_str());
        throw CLI::RuntimeError(kExitCheckFailed);
      }
    } catch (const migrations::MigrationRefused& refusal) {
      std::printf("  %s...", current.str().c_str());
      report_refusal(refusal);
    }
    std::printf("All %d migrations round-trip on %s.\n", count,
                std::string(connection->dialect().name()).c_str());
  });
}

}  // namespace lectern::cli
