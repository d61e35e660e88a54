#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "cli/preflight.hpp"
#include "migrations/data_snapshot.hpp"
#include "migrations/executor.hpp"
#include "migrations/introspection.hpp"

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
    const auto& graph = executor.graph();
    // Every table is empty here, but production databases have rows: test
    // the ALTERs they run, not the empty-table re-creation.
    const migrations::MigrateOptions options{.recreate_empty_tables = false};
    int count = 0;
    for (const auto& key : graph.full_plan()) {
      try {
        auto fail = [&](const std::string& what) {
          std::printf("FAIL %s %s", key.str().c_str(), what.c_str());
          throw CLI::RuntimeError(kExitCheckFailed);
        };
        // Each value's type must hold it, and the data must survive the
        // round trip exactly, storage classes included.
        auto check_values = [&](const char* when) {
          auto unfit = migrations::unfit_values(*connection, executor.applied_state());
          if (unfit.empty()) return;
          std::string lines;
          for (const auto& u : unfit) lines += "  " + u + "\n";
          fail(std::string(when) + ":\n" + lines);
        };
        auto before = migrations::read_live_schema(*connection);
        auto data_before = migrations::read_data(*connection, before);
        executor.migrate({key}, options);
        auto after = migrations::read_live_schema(*connection);
        check_values("leaves values their columns' types cannot hold");
        // Back to the previous migration of the app (or zero), which unapplies
        // only this one: nothing that depends on it is applied yet.
        std::string previous(migrations::kZeroTarget);
        for (const auto& dep : graph.dependencies(key)) {
          if (dep.app == key.app) previous = dep.name;
        }
        executor.migrate({{key.app, previous}}, options);
        auto restored = migrations::read_live_schema(*connection);
        if (!(restored == before)) {
          fail("does not round-trip: unapplying it leaves\n" +
               migrations::diff_schemas(before, restored));
        }
        if (auto diff =
                migrations::diff_data(data_before, migrations::read_data(*connection, restored));
            !diff.empty()) {
          fail("does not round-trip its data: unapplying it leaves rows that differ\n" + diff);
        }
        executor.migrate({key}, options);
        // (Not the data: rows a migration inserts get new ids the second time.)
        if (!(migrations::read_live_schema(*connection) == after)) {
          fail("applies differently the second time\n");
        }
        std::printf("  %s... OK\n", key.str().c_str());
        std::fflush(stdout);
        ++count;
      } catch (const migrations::MigrationRefused& refusal) {
        std::printf("  %s...", key.str().c_str());
        report_refusal(refusal);
      }
    }
    std::printf("All %d migrations round-trip on %s.\n", count,
                std::string(connection->dialect().name()).c_str());
  });
}

}  // namespace lectern::cli
