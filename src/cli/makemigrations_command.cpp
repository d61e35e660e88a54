#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "migrations/loader.hpp"
#include "migrations/makemigrations.hpp"
#include "migrations/operations.hpp"

namespace lectern::cli {

namespace {

struct Args {
  std::vector<std::string> apps;
  std::string name;
  bool check = false;
  bool dry_run = false;
  std::string unsafe_change;
};

}  // namespace

void register_makemigrations(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "makemigrations", "Write the migrations that bring the files up to the declared models");
  cmd->add_option("app", args->apps, "Only these apps");
  cmd->add_option("--name", args->name, "Name of the new migration (after NNNN_)");
  cmd->add_flag("--check", args->check, "Exit 1 when changes are pending; write nothing");
  cmd->add_flag("--dry-run", args->dry_run, "Show what would be written; write nothing");
  cmd->add_option("--unsafe-change", args->unsafe_change,
                  "How to write a key type change or a cast PostgreSQL refuses: keep (leave it "
                  "out), public-id (keep the key, add a uuid public_id), convert (write it, with "
                  "USING where needed); see docs/checks.md")
      ->check(CLI::IsMember({"keep", "public-id", "convert"}));
  cmd->callback([&context, args] {
    const std::string dir = context.writable_migrations_dir();
    // The directory is the source of truth here (the embedded copy may be
    // older than the tree makemigrations writes into).
    migrations::LoadedMigrations existing;
    if (std::filesystem::is_directory(dir)) existing = migrations::load_directory(dir);
    existing.graph().validate();

    schema::ModelRegistry registry = context.models();
    auto problems = registry.problems();
    if (!problems.empty()) {
      for (const auto& p : problems)
        std::fprintf(stderr, "lectern: error: %s\n", p.message.c_str());
      throw CheckFailed("the model declarations have " + std::to_string(problems.size()) +
                        " problem(s); run `lectern check` for hints");
    }
    auto made = migrations::make_migrations(
        existing, registry,
        {.apps = args->apps,
         .name = args->name,
         .unsafe_change = migrations::parse_unsafe_change_choice(args->unsafe_change)
                              .value_or(migrations::UnsafeChangeChoice::kRefuse)});
    for (const auto& m : made.refused) {
      std::fputs(migrations::format_message(m).c_str(), stderr);
    }
    if (!made.refused.empty()) {
      throw CheckFailed("makemigrations refuses " + std::to_string(made.refused.size()) +
                        " unsafe change(s); choose how with --unsafe-change=keep|public-id|convert "
                        "(see the hints above)");
    }
    for (const auto& note : made.notes) std::printf("%s\n", note.c_str());
    if (made.migrations.empty()) {
      std::printf("No changes detected\n");
      return;
    }
    for (const auto& m : made.migrations) {
      std::printf("Migrations for '%s':\n  %s\n", m.key.app.c_str(),
                  migrations::migration_path(dir, m.key).c_str());
      for (const auto& entry : m.operations) {
        std::printf("    - %s\n", migrations::describe(entry.operation).c_str());
      }
      if (!args->check && !args->dry_run) migrations::write_migration_file(dir, m);
    }
    if (args->check) throw CLI::RuntimeError(kExitCheckFailed);
  });
}

}  // namespace lectern::cli
