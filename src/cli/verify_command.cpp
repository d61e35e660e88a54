#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "migrations/executor.hpp"
#include "migrations/introspection.hpp"
#include "migrations/verify.hpp"

namespace lectern::cli {

void register_verify(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand(
      "verify",
      "Compare the live schema with the state the applied migrations promise (alias: inspect)");
  cmd->alias("inspect");
  cmd->callback([&context] {
    auto connection = context.database().acquire();
    migrations::MigrationExecutor executor(*connection, context.load_migrations());
    const auto applied = executor.applied().size();
    auto expected = migrations::expected_schema(executor.applied_state(), connection->dialect());
    auto live = migrations::read_live_schema(*connection);
    auto differences = migrations::compare_schemas(expected, live, connection->backend());
    if (differences.empty()) {
      std::printf("No differences: the live schema matches the %zu applied migrations.\n", applied);
      return;
    }
    for (const auto& d : differences) std::printf("%s\n", migrations::to_string(d).c_str());
    std::fflush(stdout);
    throw CheckFailed("the live schema differs from the " + std::to_string(applied) +
                      " applied migrations in " + std::to_string(differences.size()) +
                      (differences.size() == 1 ? " place" : " places"));
  });
}

}  // namespace lectern::cli
