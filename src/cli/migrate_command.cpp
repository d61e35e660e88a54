#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"

namespace lectern::cli {

void register_migrate(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand("migrate", "Apply (or unapply) migrations");
  cmd->callback([&context] {
    auto connection = context.database().acquire();
    std::printf("No migrations to apply.\n");
  });
}

}  // namespace lectern::cli
