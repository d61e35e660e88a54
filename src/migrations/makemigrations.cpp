#include "migrations/makemigrations.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>

#include "migrations/autodetector.hpp"
#include "migrations/file_format.hpp"
#include "migrations/operations.hpp"

namespace lectern::migrations {

MadeMigrations make_migrations(const LoadedMigrations& existing,
                               const schema::ModelRegistry& registry,
                               const MakeMigrationsOptions& options) {
  const MigrationGraph& graph = existing.graph();
  graph.validate();
  const std::vector<const Migration*> order = existing.in_order(graph.full_plan());
  const schema::ProjectState from = state_after(order);
  auto changes = detect_changes(from, registry.state(), rename_hints(registry));
  // Changes PostgreSQL cannot make safely in place (the bigint -> uuid key
  // trap, casts that need USING or do not exist) are refused with the
  // explanation `lectern check` gives, unless the choice says how.
  auto unsafe =
      plan_unsafe_changes(order, from, registry, std::move(changes), options.unsafe_change);
  MadeMigrations made;
  if (!unsafe.refused.empty()) {
    made.refused = std::move(unsafe.refused);
    return made;
  }
  made.notes = std::move(unsafe.notes);
  changes = std::move(unsafe.changes);
  if (!options.apps.empty()) {
    std::erase_if(changes, [&](const AppChanges& c) {
      return std::find(options.apps.begin(), options.apps.end(), c.app) == options.apps.end();
    });
  }
  if (changes.empty()) return made;
  std::map<std::string, std::optional<MigrationKey>> leaves;
  for (const auto& app : graph.apps()) leaves[app] = graph.leaf_nodes(app).front();
  made.migrations =
      arrange_migrations(changes, leaves, options.name.empty() ? unsafe.name : options.name);
  return made;
}

std::filesystem::path migration_path(const std::filesystem::path& dir, const MigrationKey& key) {
  return dir / key.app / (key.name + std::string(kMigrationFileExtension));
}

void write_migration_file(const std::filesystem::path& dir, const Migration& m) {
  const std::filesystem::path path = migration_path(dir, m.key);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << write_migration(m);
  if (!out) throw Error(ErrorKind::kInternal, "cannot write " + path.string());
}

}  // namespace lectern::migrations
