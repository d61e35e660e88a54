// run_checks and the replay of the migration files every other check reads.
// The checks themselves: checks_schema.cpp (declarations, keys, pending
// changes), checks_operations.cpp (what each operation does), checks_live.cpp
// (what needs the database).
#include "migrations/checks.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "migrations/operations.hpp"
#include "migrations/type_changes.hpp"

namespace lectern::migrations {

namespace {

std::string_view level_name(CheckLevel level) {
  switch (level) {
    case CheckLevel::kError:
      return "error";
    case CheckLevel::kWarning:
      return "warning";
    case CheckLevel::kInfo:
      return "info";
  }
  return "error";
}

// Where a merge migration of `app` goes: next to its leaf's file (the
// directory given with --migrations-dir), or migrations/<app>/ for files
// built into the binary.
std::string merge_directory(const std::vector<Migration>& migrations, const std::string& app,
                            const MigrationKey& leaf) {
  for (const auto& m : migrations) {
    if (m.key != leaf || m.source.empty() || m.source.starts_with("embedded:")) continue;
    if (auto slash = m.source.rfind('/'); slash != std::string::npos) {
      return m.source.substr(0, slash + 1);
    }
  }
  return "migrations/" + app + "/";
}

CheckMessage graph_message(const GraphProblem& p, const MigrationGraph& graph,
                           const std::vector<Migration>& migrations) {
  switch (p.kind) {
    case GraphProblem::Kind::kCycle:
      return {"migrations.E001", CheckLevel::kError, p.message,
              "break the cycle: drop one of its `depends` lines, moving the operations that need "
              "it into a new migration after the other one"};
    case GraphProblem::Kind::kMissingDependency:
      return {"migrations.E002", CheckLevel::kError, p.message,
              "restore the missing migration file (it may not be committed), or correct the "
              "`depends` line to a migration that exists (`lectern showmigrations` lists them)"};
    case GraphProblem::Kind::kMultipleLeaves: {
      std::string hint =
          "two branches were made in parallel: write a merge migration holding only `depends` "
          "lines, one per leaf";
      for (const auto& app : graph.apps()) {
        auto leaves = graph.leaf_nodes(app);
        if (leaves.size() < 2 || !p.message.starts_with("app " + app + " ")) continue;
        int next = 0;
        for (const auto& leaf : leaves) next = std::max(next, std::atoi(leaf.name.c_str()));
        char number[16];
        std::snprintf(number, sizeof number, "%04d", next + 1);
        hint += " (" + merge_directory(migrations, app, leaves.front()) + number + "_merge.lmig:";
        for (const auto& leaf : leaves) hint += " depends " + app + " " + leaf.name + ";";
        hint.back() = ')';
      }
      return {"migrations.E003", CheckLevel::kError, p.message,
              hint + "; makemigrations has no --merge yet"};
    }
    default:
      return {"migrations.E008", CheckLevel::kError, p.message,
              "each migration must exist once: remove or renumber the duplicate"};
  }
}

// The model whose key type a migration sets, kept per model key.
void note_key_types(const Migration& m, const OperationEntry& entry,
                    const schema::ProjectState& before, std::map<std::string, MigrationKey>& out) {
  const std::string& app = m.key.app;
  std::visit(
      [&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, CreateModel>) {
          out[app + "." + op.model.name] = m.key;
        } else if constexpr (std::is_same_v<T, AlterField>) {
          auto change = type_change_of(op, app, before);
          if (change && change->primary_key) out[change->model] = m.key;
        } else if constexpr (std::is_same_v<T, RenameModel>) {
          auto node = out.extract(app + "." + op.old_name);
          if (!node.empty()) out[app + "." + op.new_name] = node.mapped();
        } else if constexpr (std::is_same_v<T, DeleteModel>) {
          out.erase(app + "." + op.name);
        }
      },
      entry.operation);
}

}  // namespace

std::string format_message(const CheckMessage& m) {
  return m.code + " " + std::string(level_name(m.level)) + ": " + m.message +
         "\n  hint: " + m.hint + "\n";
}

std::size_t count(const std::vector<CheckMessage>& messages, CheckLevel level) {
  return std::size_t(std::count_if(messages.begin(), messages.end(),
                                   [&](const CheckMessage& m) { return m.level == level; }));
}

MigrationHistory replay_migrations(const LoadedMigrations& migrations) {
  MigrationHistory h;
  const MigrationGraph& graph = migrations.graph();
  bool blocked = false;
  for (const auto& p : graph.problems()) {
    h.problems.push_back(graph_message(p, graph, migrations.migrations()));
    // Two leaves still replay (the plan is defined); the others do not.
    if (p.kind != GraphProblem::Kind::kMultipleLeaves) blocked = true;
  }
  if (blocked) return h;
  schema::ProjectState state;
  for (const auto& key : graph.full_plan_view()) {
    const Migration& m = migrations.get(key);
    h.steps.push_back({&m});
    for (const auto& entry : m.operations) {
      try {
        note_key_types(m, entry, state, h.key_set_by);
        state_forwards_in_place(entry.operation, m.key.app, state);
      } catch (const ValidationError& e) {
        h.problems.push_back(
            {"migrations.E008", CheckLevel::kError, operation_location(m, entry) + ": " + e.what(),
             "the operation does not apply to the state the migrations before it build: correct "
             "it, or the dependency that should come first"});
        return h;
      }
    }
  }
  h.final_state = std::move(state);
  h.complete = true;
  return h;
}

namespace {

std::vector<CheckMessage> migration_checks(const schema::ModelRegistry* registry,
                                           const LoadedMigrations& migrations,
                                           const CheckOptions& options) {
  std::vector<CheckMessage> out;
  auto add = [&](std::vector<CheckMessage> more) {
    out.insert(out.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
  };
  if (registry) add(declaration_checks(*registry));
  MigrationHistory history = replay_migrations(migrations);
  add(history.problems);

  std::map<MigrationKey, AppliedMigration> applied_rows;
  std::set<MigrationKey> applied;
  if (options.connection) {
    applied_rows = MigrationRecorder(*options.connection).applied();
    for (const auto& [key, row] : applied_rows) applied.insert(key);
  }
  if (history.complete) {
    if (registry) add(foreign_key_type_checks(registry->state(), "the declared models"));
    add(foreign_key_type_checks(history.final_state, "the migration files"));
    if (registry) add(pending_checks(history, *registry));
    add(operation_checks(history, applied, options.backend));
  }
  if (options.connection) add(live_checks(*options.connection, migrations, history, applied_rows));
  if (options.plan) {
    std::erase_if(out, [&](const CheckMessage& m) {
      return m.migration && !options.plan->count(*m.migration);
    });
  }
  std::stable_sort(out.begin(), out.end(), [](const CheckMessage& a, const CheckMessage& b) {
    return int(a.level) > int(b.level);
  });
  return out;
}

}  // namespace

std::vector<CheckMessage> run_checks(const schema::ModelRegistry& registry,
                                     const LoadedMigrations& migrations,
                                     const CheckOptions& options) {
  return migration_checks(&registry, migrations, options);
}

std::vector<CheckMessage> plan_checks(const LoadedMigrations& migrations,
                                      const CheckOptions& options) {
  CheckOptions scoped = options;
  if (!scoped.plan) scoped.plan.emplace();
  return migration_checks(nullptr, migrations, scoped);
}

}  // namespace lectern::migrations
