// The migration dependency graph (Django's MigrationGraph): nodes are
// migration keys, edges point from a migration to the ones it depends on,
// within and across apps. Plans are deterministic: dependencies first, ties
// broken by app then name. A value built once by the loader's caller; const
// methods are safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
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

// The name of a target that means "unapply every migration of the app".
inline constexpr std::string_view kZeroTarget = "zero";

struct PlanStep {
  MigrationKey key;
  bool backwards = false;
  bool operator==(const PlanStep&) const = default;
};

// The dependencies or dependants of one node, in key order: a view into the
// graph (valid while the graph is neither changed nor destroyed). Iterates as
// `const MigrationKey&`, like the std::set it replaces.
class KeyRange {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = MigrationKey;
    using difference_type = std::ptrdiff_t;
    using pointer = const MigrationKey*;
    using reference = const MigrationKey&;
    iterator() = default;
    iterator(const MigrationKey* keys, const std::uint32_t* at) : keys_(keys), at_(at) {}
    reference operator*() const { return keys_[*at_]; }
    pointer operator->() const { return &keys_[*at_]; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++at_;
      return before;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    const MigrationKey* keys_ = nullptr;
    const std::uint32_t* at_ = nullptr;
  };

  KeyRange() = default;
  KeyRange(const MigrationKey* keys, const std::uint32_t* first, const std::uint32_t* last)
      : keys_(keys), first_(first), last_(last) {}
  iterator begin() const { return {keys_, first_}; }
  iterator end() const { return {keys_, last_}; }
  std::size_t size() const { return std::size_t(last_ - first_); }
  bool empty() const { return first_ == last_; }
  bool contains(const MigrationKey& key) const;
  std::size_t count(const MigrationKey& key) const { return contains(key) ? 1 : 0; }
  operator std::set<MigrationKey>() const { return {begin(), end()}; }

 private:
  const MigrationKey* keys_ = nullptr;
  const std::uint32_t* first_ = nullptr;
  const std::uint32_t* last_ = nullptr;
};

class MigrationGraph {
 public:
  MigrationGraph() = default;
  // Every migration a node, every dependency an edge (dangling ones are kept
  // for problems() to report). Indexes everything once: O((V + E) log V).
  explicit MigrationGraph(const std::vector<Migration>& migrations);

  // For graphs built by hand. Each call re-indexes the whole graph
  // (O((V + E) log V)): build large graphs with the constructor.
  // Throws GraphError when the key is already there.
  void add_node(const MigrationKey& key);
  // `child` must be a node; `parent` may be missing (reported, not stored).
  void add_dependency(const MigrationKey& child, const MigrationKey& parent);

  bool contains(const MigrationKey& key) const { return find(key) != kNoNode; }
  std::vector<MigrationKey> nodes() const { return keys_; }  // sorted
  // The key's place in nodes(), found by hashing; nullopt if not a node.
  std::optional<std::size_t> position(const MigrationKey& key) const;
  // Throw NotFoundError for an unknown key.
  KeyRange dependencies(const MigrationKey& key) const;
  KeyRange dependants(const MigrationKey& key) const;

  // Dangling dependencies, cycles, apps with more than one leaf; sorted.
  // Found when the graph is built; this returns a copy.
  std::vector<GraphProblem> problems() const { return problems_; }
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
  // The same without copying the keys (a view into the graph, like
  // dependencies()): showing a plan of thousands needs no copy of each.
  KeyRange full_plan_view() const;

  // Nodes of `app` that no other migration of `app` depends on (the latest).
  std::vector<MigrationKey> leaf_nodes(std::string_view app) const;
  std::vector<MigrationKey> leaf_nodes() const;  // of every app
  // Nodes of `app` that depend on no other migration of `app` (the first).
  std::vector<MigrationKey> root_nodes(std::string_view app) const;
  std::vector<MigrationKey> root_nodes() const;  // of every app
  std::vector<std::string> apps() const;         // sorted

 private:
  // Nodes are dense indices in key order (index order is key order), so ties
  // in plans break by index, and an app's nodes are one index range.
  using Index = std::uint32_t;
  static constexpr Index kNoNode = ~Index{0};

  struct App {
    std::string name;
    Index begin = 0;  // its nodes: [begin, end)
    Index end = 0;
    std::vector<Index> leaves;  // no dependant in the app
    std::vector<Index> roots;   // no dependency in the app
  };

  friend std::vector<PlanStep> migration_plan(const MigrationGraph&, const std::set<MigrationKey>&,
                                              const std::vector<MigrationKey>&);

  Index find(const MigrationKey& key) const;
  Index find(const MigrationKey& key, std::size_t hash) const;  // hash: the key's, computed once
  Index index_of(const MigrationKey& key) const;                // throws NotFoundError
  const App* app(std::string_view name) const;
  // add_node and add_dependency without reindex().
  void add_node_unindexed(const MigrationKey& key);
  void add_edge_unindexed(Index child, const MigrationKey& parent);
  void hash_insert(Index node, std::size_t hash);
  void rehash();
  // Sorts the nodes, then derives everything below `edges_` from them.
  void reindex();
  void find_problems();
  std::vector<Index> topological_order(bool forwards) const;
  // Throws GraphError for a dangling dependency or a cycle.
  void ensure_plannable() const;
  // `target` and what it needs (forwards) or what needs it (backwards), in
  // plan order; `skip` nodes are neither taken nor passed through. `seen` is
  // all zeros, and is again on return. Only for a graph without a cycle.
  template <typename Skip>
  void plan_nodes(Index target, bool forwards, Skip skip, std::vector<Index>& out,
                  std::vector<char>& seen) const;
  std::vector<MigrationKey> to_keys(const std::vector<Index>& nodes) const;
  std::span<const Index> parent_indices(Index node) const {
    return {parent_edges_.data() + parent_begin_[node],
            parent_edges_.data() + parent_begin_[node + 1]};
  }
  std::span<const Index> child_indices(Index node) const {
    return {child_edges_.data() + child_begin_[node], child_edges_.data() + child_begin_[node + 1]};
  }

  // What add_node and add_dependency change.
  std::vector<MigrationKey> keys_;                       // by index
  std::vector<std::pair<Index, Index>> edges_;           // (child, parent)
  std::vector<std::pair<Index, MigrationKey>> missing_;  // (child, missing parent)
  std::vector<Index> slots_;                             // open-addressing key -> index

  // Derived by reindex().
  std::vector<Index> parent_begin_{0};  // CSR: parent_edges_[parent_begin_[i], [i + 1])
  std::vector<Index> parent_edges_;     // each node's dependencies, ascending
  std::vector<Index> child_begin_{0};
  std::vector<Index> child_edges_;  // each node's dependants, ascending
  std::vector<App> apps_;           // by name
  std::vector<GraphProblem> problems_;
  std::size_t blocking_ = 0;  // problems_ below this are missing dependencies or a cycle
  // Position of each node in full_plan() and in the reverse plan of the whole
  // graph. Every forwards plan is the full plan restricted to the target's
  // dependencies (a set closed under "depends on", so the smallest-ready
  // order picks its members in the same relative order), and every
  // backwards plan likewise the reverse plan restricted to its dependants.
  std::vector<Index> full_order_;
  std::vector<Index> forwards_position_;  // in full_order_
  // The reverse plan is only needed to unapply, so it is derived on first
  // use (once, also when threads share the graph; copies share it until one
  // of them changes and reindexes).
  struct ReverseOrder {
    std::once_flag once;
    std::vector<Index> order;
    std::vector<Index> position;  // in order
  };
  const ReverseOrder& reverse_order() const;
  std::shared_ptr<ReverseOrder> reverse_ = std::make_shared<ReverseOrder>();
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
