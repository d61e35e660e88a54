// The migration dependency graph (Django's MigrationGraph): nodes are
// migration keys, edges point from a migration to the ones it depends on,
// within and across apps. Plans are deterministic: dependencies first, ties
// broken by app then name. A value built once by the loader's caller; const
// methods are safe to share between threads.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "migrations/migration.hpp"

namespace lectern::migrations {

// One thing wrong with the graph or with the applied history, in one line.
struct GraphProblem {
  enum class Kind {
    kDuplicateMigration,
    kMissingDependency,
    kCycle,
    kMultipleLeaves,
    kInconsistentHistory,
  };
  Kind kind;
  std::string message;
  bool operator==(const GraphProblem&) const = default;
};

class GraphError : public CheckFailed {
 public:
  explicit GraphError(GraphProblem problem)
      : CheckFailed(problem.message), problem_(std::move(problem)) {}
  const GraphProblem& problem() const { return problem_; }

 private:
  GraphProblem problem_;
};

class MigrationGraph {
 public:
  MigrationGraph() = default;
  // Every migration a node, every dependency an edge (dangling ones are kept
  // for problems() to report).
  explicit MigrationGraph(const std::vector<Migration>& migrations);

  // Throws GraphError when the key is already there.
  void add_node(const MigrationKey& key);
  // `child` must be a node; `parent` may be missing (reported, not stored).
  void add_dependency(const MigrationKey& child, const MigrationKey& parent);

  bool contains(const MigrationKey& key) const { return nodes_.count(key) != 0; }
  std::vector<MigrationKey> nodes() const;  // sorted
  const std::set<MigrationKey>& dependencies(const MigrationKey& key) const;
  const std::set<MigrationKey>& dependants(const MigrationKey& key) const;

  // Dangling dependencies, cycles, apps with more than one leaf; sorted.
  std::vector<GraphProblem> problems() const;
  // Throws GraphError for the first of problems().
  void validate() const;
  // Migrations applied while a dependency of theirs is not.
  std::vector<GraphProblem> history_problems(const std::set<MigrationKey>& applied) const;
  // Throws GraphError for the first of history_problems().
  void check_consistent_history(const std::set<MigrationKey>& applied) const;

  // `target` and everything it needs, dependencies first; ends with target.
  // Throws NotFoundError for an unknown target, GraphError for a dangling
  // dependency or a cycle anywhere in the graph.
  std::vector<MigrationKey> forwards_plan(const MigrationKey& target) const;
  // `target` and everything that needs it, dependants first; ends with target.
  std::vector<MigrationKey> backwards_plan(const MigrationKey& target) const;
  // Every node, dependencies first.
  std::vector<MigrationKey> full_plan() const;

  // Nodes of `app` that no other migration of `app` depends on (the latest).
  std::vector<MigrationKey> leaf_nodes(std::string_view app) const;
  std::vector<MigrationKey> leaf_nodes() const;  // of every app
  // Nodes of `app` that depend on no other migration of `app` (the first).
  std::vector<MigrationKey> root_nodes(std::string_view app) const;
  std::vector<MigrationKey> root_nodes() const;  // of every app
  std::vector<std::string> apps() const;         // sorted

 private:
  struct Node {
    std::set<MigrationKey> parents;   // dependencies
    std::set<MigrationKey> children;  // dependants
    std::set<MigrationKey> missing;   // declared dependencies that are not nodes
  };
  const Node& node(const MigrationKey& key) const;
  // Throws GraphError for a dangling dependency or a cycle.
  void ensure_plannable() const;
  std::vector<MigrationKey> plan(const MigrationKey& target, bool forwards) const;

  std::map<MigrationKey, Node> nodes_;
};

// The name of a target that means "unapply every migration of the app".
inline constexpr std::string_view kZeroTarget = "zero";

struct PlanStep {
  MigrationKey key;
  bool backwards = false;
  bool operator==(const PlanStep&) const = default;
};

// What to apply and unapply so that each target is the latest applied
// migration of its app (Django's MigrationExecutor.migration_plan): an
// unapplied target is applied with its dependencies; an applied one is kept
// and its app's later migrations are unapplied, with whatever depends on them
// in other apps first; {app, "zero"} unapplies all of the app. Targets are
// processed in order; throws NotFoundError for an unknown target.
std::vector<PlanStep> migration_plan(const MigrationGraph& graph,
                                     const std::set<MigrationKey>& applied,
                                     const std::vector<MigrationKey>& targets);

}  // namespace lectern::migrations
