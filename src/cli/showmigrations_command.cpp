#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>

#include "cli/context.hpp"
#include "migrations/executor.hpp"

namespace lectern::cli {

void register_showmigrations(CLI::App& app, Context& context) {
  auto apps = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand("showmigrations", "List migrations per app, [X] when applied");
  cmd->add_option("app", *apps, "Only these apps");
  cmd->callback([&context, apps] {
    auto connection = context.database_for_reading().acquire();
    auto& executor = Context::keep_until_exit(
        std::make_unique<migrations::MigrationExecutor>(*connection, context.load_migrations()));
    auto applied = executor.applied();
    const auto& graph = executor.graph();
    const auto known = graph.apps();
    std::vector<std::string> names = apps->empty() ? known : *apps;
    auto app_index = [&](const std::string& app) {
      return std::size_t(std::lower_bound(known.begin(), known.end(), app) - known.begin());
    };
    // One full plan, split by app in one pass (each app's lines in the order
    // they apply in): a project can have thousands of migrations, and
    // scanning the plan once per app, with a printf per line, took a visible
    // part of the command's time.
    std::vector<std::string> lines(known.size());  // by app, as `known`
    std::size_t app = 0;
    for (const auto& key : graph.full_plan_view()) {
      if (known[app] != key.app) app = app_index(key.app);
      lines[app] += applied.count(key) ? " [X] " : " [ ] ";
      lines[app] += key.name;
      lines[app] += '\n';
    }
    for (const auto& app_name : names) {
      const std::size_t i = app_index(app_name);
      if (i == known.size() || known[i] != app_name) {
        throw NotFoundError("app \"" + app_name + "\" has no migrations");
      }
      const std::string text = app_name + "\n" + lines[i];
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  });
}

}  // namespace lectern::cli
