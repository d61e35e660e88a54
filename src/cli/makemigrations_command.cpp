#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/context.hpp"
#include "cli/exit_codes.hpp"
#include "migrations/autodetector.hpp"
#include "migrations/file_format.hpp"
#include "migrations/graph.hpp"
#include "migrations/loader.hpp"
#include "migrations/operations.hpp"
#include "migrations/unsafe_changes.hpp"

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
    std::string dir = context.writable_migrations_dir();
    // The directory is the source of truth here (the embedded copy may be
    // older than the tree makemigrations writes into).
    std::vector<migrations::Migration> existing;
    if (std::filesystem::is_directory(dir)) existing = migrations::load_directory(dir);
    migrations::MigrationGraph graph(existing);
    graph.validate();
    std::vector<const migrations::Migration*> order;
    std::map<migrations::MigrationKey, const migrations::Migration*> by_key;
    for (const auto& m : existing) by_key[m.key] = &m;
    for (const auto& key : graph.full_plan()) order.push_back(by_key.at(key));
    schema::ProjectState from = migrations::state_after(order);

    schema::ModelRegistry registry = context.models();
    auto problems = registry.problems();
    if (!problems.empty()) {
      for (const auto& p : problems)
        std::fprintf(stderr, "lectern: error: %s\n", p.message.c_str());
      throw CheckFailed("the model declarations have " + std::to_string(problems.size()) +
                        " problem(s); run `lectern check` for hints");
    }
    auto changes =
        migrations::detect_changes(from, registry.state(), migrations::rename_hints(registry));
    // Changes PostgreSQL cannot make safely in place (the bigint -> uuid key
    // trap, casts that need USING or do not exist) are refused with the
    // explanation `lectern check` gives, unless --unsafe-change says how.
    auto unsafe =
        migrations::plan_unsafe_changes(order, from, registry, std::move(changes),
                                        migrations::parse_unsafe_change_choice(args->unsafe_change)
                                            .value_or(migrations::UnsafeChangeChoice::kRefuse));
    for (const auto& m : unsafe.refused) {
      std::fputs(migrations::format_message(m).c_str(), stderr);
    }
    if (!unsafe.refused.empty()) {
      throw CheckFailed("makemigrations refuses " + std::to_string(unsafe.refused.size()) +
                        " unsafe change(s); choose how with --unsafe-change=keep|public-id|convert "
                        "(see the hints above)");
    }
    for (const auto& note : unsafe.notes) std::printf("%s\n", note.c_str());
    changes = std::move(unsafe.changes);
    if (!args->apps.empty()) {
      std::erase_if(changes, [&](const migrations::AppChanges& c) {
        return std::find(args->apps.begin(), args->apps.end(), c.app) == args->apps.end();
      });
    }
    if (changes.empty()) {
      std::printf("No changes detected\n");
      return;
    }
    std::map<std::string, std::optional<migrations::MigrationKey>> leaves;
    for (const auto& app_name : graph.apps()) leaves[app_name] = graph.leaf_nodes(app_name).front();
    auto made = migrations::arrange_migrations(changes, leaves,
                                               args->name.empty() ? unsafe.name : args->name);
    for (auto& m : made) {
      std::filesystem::path path = std::filesystem::path(dir) / m.key.app / (m.key.name + ".lmig");
      std::printf("Migrations for '%s':\n  %s\n", m.key.app.c_str(), path.c_str());
      for (const auto& entry : m.operations) {
        std::printf("    - %s\n", migrations::describe(entry.operation).c_str());
      }
      if (args->check || args->dry_run) continue;
      std::filesystem::create_directories(path.parent_path());
      std::ofstream out(path, std::ios::binary);
      out << migrations::write_migration(m);
      if (!out) throw Error(ErrorKind::kInternal, "cannot write " + path.string());
    }
    if (args->check) throw CLI::RuntimeError(kExitCheckFailed);
  });
}

}  // namespace lectern::cli
