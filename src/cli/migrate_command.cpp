#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/preflight.hpp"
#include "migrations/executor.hpp"
#include "migrations/operations.hpp"

namespace lectern::cli {

namespace {

struct MigrateArgs {
  std::string app;
  std::string target;
  bool plan = false;
  bool fake = false;
};

// Built in a string written out every 64 KiB: a plan can have thousands of
// lines, and a printf per line was a visible part of the command's time.
void print_plan(const migrations::MigrationExecutor& executor,
                const std::vector<migrations::PlanStep>& steps, db::Backend backend) {
  constexpr std::size_t kChunk = 64 * 1024;
  std::string out;
  out.reserve(kChunk);
  auto write_out = [&] {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  };
  out += "Planned operations:\n";
  if (steps.empty()) out += "  No planned migration operations.\n";
  for (const auto& step : steps) {
    if (out.size() >= kChunk - 1024) write_out();
    const auto& m = executor.migration(step.key);
    out += step.key.app;
    out += '.';
    out += step.key.name;
    out += step.backwards ? " (unapply)\n" : "\n";
    for (const auto& entry : m.operations) {
      out += "    ";
      if (step.backwards && !migrations::reversible(entry.operation, backend)) {
        out += "IRREVERSIBLE: ";
      }
      // As printf's %s did: up to a NUL, should a description hold one.
      out += migrations::describe(entry.operation).c_str();
      out += '\n';
    }
  }
  write_out();
}

}  // namespace

void register_migrate(CLI::App& app, Context& context) {
  auto args = std::make_shared<MigrateArgs>();
  auto* cmd = app.add_subcommand(
      "migrate", "Apply migrations, or unapply back to a target (`zero`: all of an app)");
  cmd->add_option("app", args->app, "Only this app (with its dependencies)");
  cmd->add_option("target", args->target,
                  "Migrate the app to this migration (name or unique prefix), or zero");
  cmd->add_flag("--plan", args->plan, "Print the plan and change nothing");
  cmd->add_flag("--fake", args->fake, "Record (or unrecord) migrations without running their SQL");
  cmd->callback([&context, args] {
    auto connection = (args->plan ? context.database_for_reading() : context.database()).acquire();
    auto& executor = checked_executor(context, *connection, "migrate");
    std::vector<migrations::MigrationKey> targets;
    if (!args->app.empty()) targets.push_back({args->app, args->target});
    // Before anything is touched: the checks that concern this database and
    // this plan, the same code and lines as `lectern check --database`.
    auto preflight = executor.preflight(targets, {.fake = args->fake});
    if (args->plan) {
      print_plan(executor, preflight.steps, connection->backend());
      print_findings(preflight.findings, stdout);
      refuse_on_errors(preflight.findings, "migrate");
      return;
    }
    print_findings(preflight.findings, stdout);
    refuse_on_errors(preflight.findings, "migrate");
    std::printf("Operations to perform:\n  %s\nRunning migrations:\n",
                args->app.empty() ? "Apply all migrations"
                                  : ("Target " + args->app + " " +
                                     (args->target.empty() ? "latest" : args->target))
                                        .c_str());
    std::fflush(stdout);
    std::vector<migrations::PlanStep> steps;
    try {
      steps =
          executor.migrate(targets, {.fake = args->fake},
                           [](const migrations::PlanStep& step, std::string_view outcome) {
                             if (outcome.empty()) {
                               std::printf("  %s %s...", step.backwards ? "Unapplying" : "Applying",
                                           step.key.str().c_str());
                             } else {
                               std::printf(" %.*s\n", int(outcome.size()), outcome.data());
                             }
                             std::fflush(stdout);
                           });
    } catch (const migrations::MigrationRefused& refusal) {
      report_refusal(refusal);
    }
    if (steps.empty()) std::printf("  No migrations to apply.\n");
  });
}

}  // namespace lectern::cli
