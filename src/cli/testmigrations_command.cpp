#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "migrations/executor.hpp"
#include "migrations/introspection.hpp"

namespace lectern::cli {

void register_testmigrations(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand(
      "testmigrations",
      "On an empty database: apply each migration, unapply it, check the schema is back, re-apply");
  cmd->callback([&context] {
    auto connection = context.database().acquire();
    migrations::MigrationExecutor executor(*connection, context.load_migrations());
    if (!executor.applied().empty()) {
      throw ConflictError(
          "testmigrations needs a database with no migrations applied; use a scratch database");
    }
    const auto& graph = executor.graph();
    // Every table is empty here, but production databases have rows: test
    // the ALTERs they run, not the empty-table re-creation.
    const migrations::MigrateOptions options{.recreate_empty_tables = false};
    int count = 0;
    for (const auto& key : graph.full_plan()) {
      auto before = migrations::read_live_schema(*connection);
      executor.migrate({key}, options);
      auto after = migrations::read_live_schema(*connection);
      // Back to the previous migration of the app (or zero), which unapplies
      // only this one: nothing that depends on it is applied yet.
      std::string previous(migrations::kZeroTarget);
      for (const auto& dep : graph.dependencies(key)) {
        if (dep.app == key.app) previous = dep.name;
      }
      executor.migrate({{key.app, previous}}, options);
      auto restored = migrations::read_live_schema(*connection);
      if (!(restored == before)) {
        std::printf("FAIL %s does not round-trip: unapplying it leaves\n%s", key.str().c_str(),
                    migrations::diff_schemas(before, restored).c_str());
        throw CLI::RuntimeError(kExitCheckFailed);
      }
      executor.migrate({key}, options);
      if (!(migrations::read_live_schema(*connection) == after)) {
        std::printf("FAIL %s applies differently the second time\n", key.str().c_str());
        throw CLI::RuntimeError(kExitCheckFailed);
      }
      std::printf("  %s... OK\n", key.str().c_str());
      std::fflush(stdout);
      ++count;
    }
    std::printf("All %d migrations round-trip on %s.\n", count,
                std::string(connection->dialect().name()).c_str());
  });
}

}  // namespace lectern::cli
