#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "migrations/executor.hpp"

namespace lectern::cli {

void register_showmigrations(CLI::App& app, Context& context) {
  auto apps = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("showmigrations", "List migrations per app, [X] when applied");
  cmd->add_option("app", *apps, "Only these apps");
  cmd->callback([&context, apps] {
    auto connection = context.database_for_reading().acquire();
    migrations::MigrationExecutor executor(*connection, context.load_migrations());
    auto applied = executor.applied();
    const auto& graph = executor.graph();
    const auto known = graph.apps();
    std::vector<std::string> names = apps->empty() ? known : *apps;
    // One full plan, filtered per app: the order they apply in.
    const auto plan = graph.full_plan();
    for (const auto& app_name : names) {
      if (std::find(known.begin(), known.end(), app_name) == known.end()) {
        throw NotFoundError("app \"" + app_name + "\" has no migrations");
      }
      std::printf("%s\n", app_name.c_str());
      for (const auto& key : plan) {
        if (key.app != app_name) continue;
        std::printf(" [%c] %s\n", applied.count(key) ? 'X' : ' ', key.name.c_str());
      }
    }
  });
}

}  // namespace lectern::cli
