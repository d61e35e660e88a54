#include "migrations/graph.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <numeric>
#include <queue>

namespace lectern::migrations {

namespace {

NotFoundError unknown(const MigrationKey& key) {
  return NotFoundError("unknown migration " + key.str());
}

std::size_t hash_key(const MigrationKey& key) {
  std::size_t h = std::hash<std::string_view>{}(key.app);
  return h ^
         (std::hash<std::string_view>{}(key.name) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

}  // namespace

bool KeyRange::contains(const MigrationKey& key) const {
  return std::find(begin(), end(), key) != end();
}

// ---------------------------------------------------------------------------
// Building and indexing.

MigrationGraph::MigrationGraph(const std::vector<Migration>& migrations) {
  keys_.reserve(migrations.size());
  slots_.assign(std::bit_ceil(2 * migrations.size() + 16), kNoNode);
  for (const auto& m : migrations) add_node_unindexed(m.key);
  // Without duplicates, migration i is node i until reindex() sorts them.
  for (Index i = 0; i < Index(migrations.size()); ++i) {
    for (const auto& dep : migrations[i].dependencies) add_edge_unindexed(i, dep);
  }
  reindex();
}

void MigrationGraph::add_node(const MigrationKey& key) {
  add_node_unindexed(key);
  reindex();
}

void MigrationGraph::add_dependency(const MigrationKey& child, const MigrationKey& parent) {
  add_edge_unindexed(index_of(child), parent);
  reindex();
}

void MigrationGraph::add_node_unindexed(const MigrationKey& key) {
  // Hashed once, for the look-up and the insertion.
  const std::size_t hash = hash_key(key);
  if (find(key, hash) != kNoNode) {
    throw GraphError(
        {GraphProblem::Kind::kDuplicateMigration, "migration " + key.str() + " is defined twice"});
  }
  keys_.push_back(key);
  if (2 * keys_.size() + 1 > slots_.size()) {
    rehash();
  } else {
    hash_insert(Index(keys_.size() - 1), hash);
  }
}

void MigrationGraph::add_edge_unindexed(Index child, const MigrationKey& parent) {
  Index p = find(parent);
  if (p == kNoNode) {
    missing_.emplace_back(child, parent);
  } else {
    edges_.emplace_back(child, p);
  }
}

void MigrationGraph::hash_insert(Index node, std::size_t hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot] != kNoNode) slot = (slot + 1) & mask;
  slots_[slot] = node;
}

void MigrationGraph::rehash() {
  slots_.assign(std::bit_ceil(2 * keys_.size() + 16), kNoNode);
  for (Index i = 0; i < Index(keys_.size()); ++i) hash_insert(i, hash_key(keys_[i]));
}

MigrationGraph::Index MigrationGraph::find(const MigrationKey& key) const {
  return find(key, hash_key(key));
}

MigrationGraph::Index MigrationGraph::find(const MigrationKey& key, std::size_t hash) const {
  if (slots_.empty()) return kNoNode;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    Index node = slots_[slot];
    if (node == kNoNode) return kNoNode;
    const MigrationKey& found = keys_[node];
    if (found.name == key.name && found.app == key.app) return node;
  }
}

std::optional<std::size_t> MigrationGraph::position(const MigrationKey& key) const {
  const Index node = find(key);
  if (node == kNoNode) return std::nullopt;
  return node;
}

MigrationGraph::Index MigrationGraph::index_of(const MigrationKey& key) const {
  Index node = find(key);
  if (node == kNoNode) throw unknown(key);
  return node;
}

void MigrationGraph::reindex() {
  const Index n = Index(keys_.size());
  // Number the nodes in key order.
  if (!std::is_sorted(keys_.begin(), keys_.end())) {
    std::vector<Index> by_key(n);
    std::iota(by_key.begin(), by_key.end(), Index{0});
    std::sort(by_key.begin(), by_key.end(), [&](Index a, Index b) { return keys_[a] < keys_[b]; });
    std::vector<Index> renumbered(n);
    std::vector<MigrationKey> sorted;
    sorted.reserve(n);
    for (Index i = 0; i < n; ++i) {
      renumbered[by_key[i]] = i;
      sorted.push_back(std::move(keys_[by_key[i]]));
    }
    keys_ = std::move(sorted);
    for (auto& [child, parent] : edges_) {
      child = renumbered[child];
      parent = renumbered[parent];
    }
    for (auto& entry : missing_) entry.first = renumbered[entry.first];
    rehash();
  }
  // The constructor adds each node's edges together, nodes in order: then
  // only each node's few edges need sorting.
  auto by_child = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (std::is_sorted(edges_.begin(), edges_.end(), by_child)) {
    for (auto run = edges_.begin(); run != edges_.end();) {
      auto next =
          std::find_if(run, edges_.end(), [&](const auto& e) { return e.first != run->first; });
      std::sort(run, next);
      run = next;
    }
  } else {
    std::sort(edges_.begin(), edges_.end());
  }
  edges_.erase(std::unique(edges_.begin(), edges_.end()), edges_.end());
  std::sort(missing_.begin(), missing_.end());
  missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());

  // Adjacency in compressed rows. Edges are sorted by child, then parent, so
  // both rows come out ascending.
  parent_begin_.assign(n + 1, 0);
  child_begin_.assign(n + 1, 0);
  for (const auto& [child, parent] : edges_) {
    ++parent_begin_[child + 1];
    ++child_begin_[parent + 1];
  }
  std::partial_sum(parent_begin_.begin(), parent_begin_.end(), parent_begin_.begin());
  std::partial_sum(child_begin_.begin(), child_begin_.end(), child_begin_.begin());
  parent_edges_.resize(edges_.size());
  child_edges_.resize(edges_.size());
  std::vector<Index> fill(child_begin_.begin(), child_begin_.end() - 1);
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const auto& [child, parent] = edges_[e];
    parent_edges_[e] = parent;
    child_edges_[fill[parent]++] = child;
  }

  // Apps, with their leaves and roots.
  apps_.clear();
  for (Index i = 0; i < n; ++i) {
    if (apps_.empty() || apps_.back().name != keys_[i].app) {
      apps_.emplace_back();
      apps_.back().name = keys_[i].app;
      apps_.back().begin = i;
    }
    apps_.back().end = i + 1;
  }
  for (auto& a : apps_) {
    auto in_app = [&](Index other) { return other >= a.begin && other < a.end; };
    for (Index i = a.begin; i < a.end; ++i) {
      if (std::none_of(child_indices(i).begin(), child_indices(i).end(), in_app)) {
        a.leaves.push_back(i);
      }
      if (std::none_of(parent_indices(i).begin(), parent_indices(i).end(), in_app)) {
        a.roots.push_back(i);
      }
    }
  }

  find_problems();

  full_order_ = topological_order(true);
  forwards_position_.assign(n, n);
  for (Index i = 0; i < Index(full_order_.size()); ++i) forwards_position_[full_order_[i]] = i;
  reverse_ = std::make_shared<ReverseOrder>();
}

const MigrationGraph::ReverseOrder& MigrationGraph::reverse_order() const {
  std::call_once(reverse_->once, [&] {
    const Index n = Index(keys_.size());
    reverse_->order = topological_order(false);
    reverse_->position.assign(n, n);
    for (Index i = 0; i < Index(reverse_->order.size()); ++i) {
      reverse_->position[reverse_->order[i]] = i;
    }
  });
  return *reverse_;
}

// Kahn's algorithm over the whole graph, always taking the smallest ready
// node: dependencies first (forwards) or dependants first. Nodes on a cycle
// are left out (plans refuse such a graph).
std::vector<MigrationGraph::Index> MigrationGraph::topological_order(bool forwards) const {
  const Index n = Index(keys_.size());
  std::vector<Index> waiting(n);
  std::priority_queue<Index, std::vector<Index>, std::greater<>> ready;
  for (Index i = 0; i < n; ++i) {
    waiting[i] = Index(forwards ? parent_indices(i).size() : child_indices(i).size());
    if (waiting[i] == 0) ready.push(i);
  }
  std::vector<Index> out;
  out.reserve(n);
  while (!ready.empty()) {
    Index node = ready.top();
    ready.pop();
    out.push_back(node);
    for (Index next : forwards ? child_indices(node) : parent_indices(node)) {
      if (--waiting[next] == 0) ready.push(next);
    }
  }
  return out;
}

void MigrationGraph::find_problems() {
  problems_.clear();
  for (const auto& [child, parent] : missing_) {
    problems_.push_back(
        {GraphProblem::Kind::kMissingDependency,
         keys_[child].str() + " depends on " + parent.str() + ", which does not exist"});
  }

  // Depth-first search along dependencies; meeting a node still on the path
  // closes a cycle. Reported once, starting at its smallest key, so the text
  // does not depend on where the search entered it.
  enum Mark : std::uint8_t { kNew, kOnPath, kDone };
  const Index n = Index(keys_.size());
  std::vector<std::uint8_t> marks(n, kNew);
  std::vector<std::pair<Index, Index>> path;  // node, position of its next dependency
  std::vector<Index> cycle;
  for (Index start = 0; start < n && cycle.empty(); ++start) {
    if (marks[start] != kNew) continue;
    marks[start] = kOnPath;
    path.emplace_back(start, parent_begin_[start]);
    while (!path.empty() && cycle.empty()) {
      auto& [node, next] = path.back();
      if (next == parent_begin_[node + 1]) {
        marks[node] = kDone;
        path.pop_back();
        continue;
      }
      const Index parent = parent_edges_[next++];
      if (marks[parent] == kOnPath) {
        auto from = std::find_if(path.begin(), path.end(),
                                 [&](const auto& entry) { return entry.first == parent; });
        for (auto it = from; it != path.end(); ++it) cycle.push_back(it->first);
      } else if (marks[parent] == kNew) {
        marks[parent] = kOnPath;
        path.emplace_back(parent, parent_begin_[parent]);
      }
    }
    path.clear();
  }
  if (!cycle.empty()) {
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string text;
    for (Index node : cycle) text += keys_[node].str() + " -> ";
    problems_.push_back(
        {GraphProblem::Kind::kCycle, "dependency cycle: " + text + keys_[cycle.front()].str()});
  }
  blocking_ = problems_.size();

  for (const auto& a : apps_) {
    if (a.leaves.size() < 2) continue;
    std::string names;
    for (Index leaf : a.leaves) names += (names.empty() ? "" : ", ") + keys_[leaf].name;
    problems_.push_back({GraphProblem::Kind::kMultipleLeaves,
                         "app " + a.name + " has " + std::to_string(a.leaves.size()) +
                             " leaf migrations (" + names +
                             "); write a merge migration that depends on all of them"});
  }
}

// ---------------------------------------------------------------------------
// Queries.

KeyRange MigrationGraph::dependencies(const MigrationKey& key) const {
  auto parents = parent_indices(index_of(key));
  return {keys_.data(), parents.data(), parents.data() + parents.size()};
}

KeyRange MigrationGraph::dependants(const MigrationKey& key) const {
  auto children = child_indices(index_of(key));
  return {keys_.data(), children.data(), children.data() + children.size()};
}

const MigrationGraph::App* MigrationGraph::app(std::string_view name) const {
  auto it = std::lower_bound(apps_.begin(), apps_.end(), name,
                             [](const App& a, std::string_view n) { return a.name < n; });
  return it != apps_.end() && it->name == name ? &*it : nullptr;
}

std::vector<MigrationKey> MigrationGraph::to_keys(const std::vector<Index>& nodes) const {
  std::vector<MigrationKey> out;
  out.reserve(nodes.size());
  for (Index node : nodes) out.push_back(keys_[node]);
  return out;
}

std::vector<std::string> MigrationGraph::apps() const {
  std::vector<std::string> out;
  out.reserve(apps_.size());
  for (const auto& a : apps_) out.push_back(a.name);
  return out;
}

std::vector<MigrationKey> MigrationGraph::leaf_nodes(std::string_view name) const {
  const App* a = app(name);
  return a ? to_keys(a->leaves) : std::vector<MigrationKey>{};
}

std::vector<MigrationKey> MigrationGraph::root_nodes(std::string_view name) const {
  const App* a = app(name);
  return a ? to_keys(a->roots) : std::vector<MigrationKey>{};
}

std::vector<MigrationKey> MigrationGraph::leaf_nodes() const {
  std::vector<MigrationKey> out;
  for (const auto& a : apps_) {
    for (Index leaf : a.leaves) out.push_back(keys_[leaf]);
  }
  return out;
}

std::vector<MigrationKey> MigrationGraph::root_nodes() const {
  std::vector<MigrationKey> out;
  for (const auto& a : apps_) {
    for (Index root : a.roots) out.push_back(keys_[root]);
  }
  return out;
}

void MigrationGraph::validate() const {
  if (!problems_.empty()) throw GraphError(problems_.front());
}

std::vector<GraphProblem> MigrationGraph::history_problems(
    const std::set<MigrationKey>& applied) const {
  std::vector<GraphProblem> out;
  std::vector<char> done(keys_.size(), 0);
  // Applied migrations whose files are gone are not the graph's business.
  for (const auto& key : applied) {
    Index node = find(key);
    if (node != kNoNode) done[node] = 1;
  }
  for (Index node = 0; node < Index(keys_.size()); ++node) {
    if (!done[node]) continue;
    for (Index parent : parent_indices(node)) {
      if (done[parent]) continue;
      out.push_back(
          {GraphProblem::Kind::kInconsistentHistory,
           keys_[node].str() + " is applied before its dependency " + keys_[parent].str()});
    }
  }
  return out;
}

void MigrationGraph::check_consistent_history(const std::set<MigrationKey>& applied) const {
  auto found = history_problems(applied);
  if (!found.empty()) throw GraphError(found.front());
}

// ---------------------------------------------------------------------------
// Plans.

void MigrationGraph::ensure_plannable() const {
  if (blocking_ > 0) throw GraphError(problems_.front());
}

template <typename Skip>
void MigrationGraph::plan_nodes(Index target, bool forwards, Skip skip, std::vector<Index>& out,
                                std::vector<char>& seen) const {
  out.clear();
  if (skip(target)) return;
  seen[target] = 1;
  out.push_back(target);
  for (std::size_t k = 0; k < out.size(); ++k) {
    for (Index next : forwards ? parent_indices(out[k]) : child_indices(out[k])) {
      if (seen[next] || skip(next)) continue;
      seen[next] = 1;
      out.push_back(next);
    }
  }
  // Into plan order: sort a small set by position, or pick a large one out
  // of the whole graph's order (which holds every node: no cycle).
  const auto& whole = forwards ? full_order_ : reverse_order().order;
  if (out.size() * 16 < whole.size()) {
    const auto& position = forwards ? forwards_position_ : reverse_order().position;
    std::sort(out.begin(), out.end(), [&](Index a, Index b) { return position[a] < position[b]; });
    for (Index node : out) seen[node] = 0;
    return;
  }
  const std::size_t count = out.size();
  out.clear();
  for (Index node : whole) {
    if (!seen[node]) continue;
    seen[node] = 0;
    out.push_back(node);
    if (out.size() == count) break;
  }
}

std::vector<MigrationKey> MigrationGraph::forwards_plan(const MigrationKey& target) const {
  Index node = index_of(target);
  ensure_plannable();
  std::vector<Index> nodes;
  std::vector<char> seen(keys_.size(), 0);
  plan_nodes(
      node, true, [](Index) { return false; }, nodes, seen);
  return to_keys(nodes);
}

std::vector<MigrationKey> MigrationGraph::backwards_plan(const MigrationKey& target) const {
  Index node = index_of(target);
  ensure_plannable();
  std::vector<Index> nodes;
  std::vector<char> seen(keys_.size(), 0);
  plan_nodes(
      node, false, [](Index) { return false; }, nodes, seen);
  return to_keys(nodes);
}

std::vector<MigrationKey> MigrationGraph::full_plan() const {
  ensure_plannable();
  return to_keys(full_order_);
}

KeyRange MigrationGraph::full_plan_view() const {
  ensure_plannable();
  return {keys_.data(), full_order_.data(), full_order_.data() + full_order_.size()};
}

std::vector<PlanStep> migration_plan(const MigrationGraph& graph,
                                     const std::set<MigrationKey>& applied,
                                     const std::vector<MigrationKey>& targets) {
  using Index = MigrationGraph::Index;
  const std::size_t n = graph.keys_.size();
  // Applied as the plan so far leaves it. Keys without a node never matter.
  std::vector<char> state(n, 0);
  for (const auto& key : applied) {
    Index node = graph.find(key);
    if (node != MigrationGraph::kNoNode) state[node] = 1;
  }
  // When every applied migration's dependencies are applied (the executor
  // checks it first), the applied set stays closed under "depends on" as the
  // plan goes: then what a step applies is reached from its target without
  // passing through applied nodes, and what it unapplies without passing
  // through unapplied ones. Otherwise each step walks its whole plan.
  bool closed = true;
  for (Index node = 0; node < Index(n) && closed; ++node) {
    if (!state[node]) continue;
    for (Index parent : graph.parent_indices(node)) {
      if (!state[parent]) closed = false;
    }
  }

  std::vector<PlanStep> plan;
  std::vector<Index> nodes;
  std::vector<char> seen(n, 0);
  // Each step is graph.forwards_plan / backwards_plan of the node, in that
  // order, less what is already (un)applied.
  auto unapply = [&](Index from) {
    graph.ensure_plannable();
    graph.plan_nodes(
        from, false, [&](Index node) { return closed && !state[node]; }, nodes, seen);
    for (Index node : nodes) {
      if (!state[node]) continue;
      state[node] = 0;
      plan.push_back({graph.keys_[node], true});
    }
  };
  auto apply = [&](Index target) {
    graph.ensure_plannable();
    graph.plan_nodes(
        target, true, [&](Index node) { return closed && state[node]; }, nodes, seen);
    for (Index node : nodes) {
      if (state[node]) continue;
      state[node] = 1;
      plan.push_back({graph.keys_[node], false});
    }
  };

  for (const auto& target : targets) {
    if (target.name == kZeroTarget) {
      if (const auto* a = graph.app(target.app)) {
        for (Index root : a->roots) unapply(root);
      }
      continue;
    }
    Index node = graph.find(target);
    if (node == MigrationGraph::kNoNode) throw unknown(target);
    if (state[node]) {
      // Roll back only through the target's successors in its own app: going
      // further would unapply dependencies in other apps that need not move.
      for (Index child : graph.child_indices(node)) {
        if (graph.keys_[child].app == target.app) unapply(child);
      }
    } else {
      apply(node);
    }
  }
  return plan;
}

}  // namespace lectern::migrations
