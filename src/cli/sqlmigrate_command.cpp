#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/preflight.hpp"
#include "migrations/executor.hpp"
#include "migrations/operations.hpp"

namespace lectern::cli {

void register_sqlmigrate(CLI::App& app, Context& context) {
  struct Args {
    std::string app, name;
    bool backwards = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("sqlmigrate", "Print the SQL of one migration for the database's backend");
  cmd->add_option("app", args->app, "App label")->required();
  cmd->add_option("name", args->name, "Migration name (or unique prefix)")->required();
  cmd->add_flag("--backwards", args->backwards, "The SQL that unapplies it");
  cmd->callback([&context, args] {
    // Only the backend matters: no connection is made.
    const db::Dialect& dialect =
        db::dialect_for(db::parse_database_url(context.database_url).backend);
    const auto all = context.load_migrations();
    all.graph().validate();
    auto key = migrations::resolve_target(all.graph(), {args->app, args->name});
    // The state before it: everything it depends on, in plan order (the
    // forwards plan ends with the migration itself).
    auto before = all.graph().forwards_plan(key);
    before.pop_back();
    auto sql = migrations::migration_sql(
        all.get(key), all.state_after(before), dialect,
        args->backwards ? migrations::Direction::kBackwards : migrations::Direction::kForwards);
    // What migrate would say of this migration before running it, as SQL
    // comments above the SQL (the database checks need migrate --plan).
    if (!args->backwards) {
      print_findings(migrations::plan_checks(all, {.backend = dialect.backend(), .plan = {{key}}}),
                     stdout, "-- ");
    }
    std::fputs(sql.script().c_str(), stdout);
  });
}

}  // namespace lectern::cli
