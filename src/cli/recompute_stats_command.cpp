#include <CLI/CLI.hpp>
#include <cstdio>

#include "apps/courses/stats.hpp"
#include "cli/context.hpp"

namespace lectern::cli {

void register_recompute_stats(CLI::App& app, Context& context) {
  auto* cmd = app.add_subcommand(
      "recompute-stats", "Rebuild every CourseStats and UserStats row from the rows they count");
  cmd->callback([&context] {
    auto connection = context.database().acquire();
    auto summary = apps::courses::recompute_all(*connection, now_utc());
    std::printf("Recomputed the stats of %lld courses and %lld users; %lld rows changed.\n",
                static_cast<long long>(summary.courses), static_cast<long long>(summary.users),
                static_cast<long long>(summary.changed_rows));
  });
}

}  // namespace lectern::cli
