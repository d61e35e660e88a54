#include "migrations/graph.hpp"

#include <algorithm>

namespace lectern::migrations {

namespace {

std::string join_names(const std::vector<MigrationKey>& keys) {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : ", ") + key.name;
  return out;
}

NotFoundError unknown(const MigrationKey& key) {
  return NotFoundError("unknown migration " + key.str());
}

}  // namespace

MigrationGraph::MigrationGraph(const std::vector<Migration>& migrations) {
  for (const auto& m : migrations) add_node(m.key);
  for (const auto& m : migrations) {
    for (const auto& dep : m.dependencies) add_dependency(m.key, dep);
  }
}

void MigrationGraph::add_node(const MigrationKey& key) {
  if (!nodes_.emplace(key, Node{}).second) {
    throw GraphError(
        {GraphProblem::Kind::kDuplicateMigration, "migration " + key.str() + " is defined twice"});
  }
}

void MigrationGraph::add_dependency(const MigrationKey& child, const MigrationKey& parent) {
  auto it = nodes_.find(child);
  if (it == nodes_.end()) throw unknown(child);
  auto parent_it = nodes_.find(parent);
  if (parent_it == nodes_.end()) {
    it->second.missing.insert(parent);
    return;
  }
  it->second.parents.insert(parent);
  parent_it->second.children.insert(child);
}

const MigrationGraph::Node& MigrationGraph::node(const MigrationKey& key) const {
  auto it = nodes_.find(key);
  if (it == nodes_.end()) throw unknown(key);
  return it->second;
}

std::vector<MigrationKey> MigrationGraph::nodes() const {
  std::vector<MigrationKey> out;
  for (const auto& [key, node] : nodes_) out.push_back(key);
  return out;
}

const std::set<MigrationKey>& MigrationGraph::dependencies(const MigrationKey& key) const {
  return node(key).parents;
}

const std::set<MigrationKey>& MigrationGraph::dependants(const MigrationKey& key) const {
  return node(key).children;
}

std::vector<std::string> MigrationGraph::apps() const {
  std::vector<std::string> out;
  for (const auto& [key, node] : nodes_) {
    if (out.empty() || out.back() != key.app) out.push_back(key.app);
  }
  return out;
}

std::vector<MigrationKey> MigrationGraph::leaf_nodes(std::string_view app) const {
  std::vector<MigrationKey> out;
  for (const auto& [key, node] : nodes_) {
    if (key.app != app) continue;
    if (std::none_of(node.children.begin(), node.children.end(),
                     [&](const MigrationKey& c) { return c.app == app; })) {
      out.push_back(key);
    }
  }
  return out;
}

std::vector<MigrationKey> MigrationGraph::root_nodes(std::string_view app) const {
  std::vector<MigrationKey> out;
  for (const auto& [key, node] : nodes_) {
    if (key.app != app) continue;
    if (std::none_of(node.parents.begin(), node.parents.end(),
                     [&](const MigrationKey& p) { return p.app == app; })) {
      out.push_back(key);
    }
  }
  return out;
}

std::vector<MigrationKey> MigrationGraph::leaf_nodes() const {
  std::vector<MigrationKey> out;
  for (const auto& app : apps()) {
    auto leaves = leaf_nodes(app);
    out.insert(out.end(), leaves.begin(), leaves.end());
  }
  return out;
}

std::vector<MigrationKey> MigrationGraph::root_nodes() const {
  std::vector<MigrationKey> out;
  for (const auto& app : apps()) {
    auto roots = root_nodes(app);
    out.insert(out.end(), roots.begin(), roots.end());
  }
  return out;
}

std::vector<GraphProblem> MigrationGraph::problems() const {
  std::vector<GraphProblem> out;
  for (const auto& [key, node] : nodes_) {
    for (const auto& missing : node.missing) {
      out.push_back({GraphProblem::Kind::kMissingDependency,
                     key.str() + " depends on " + missing.str() + ", which does not exist"});
    }
  }

  // Depth-first search along dependencies; meeting a node still on the path
  // closes a cycle. Reported once, starting at its smallest key, so the text
  // does not depend on where the search entered it.
  enum class Mark { kNew, kOnPath, kDone };
  std::map<MigrationKey, Mark> marks;
  std::vector<MigrationKey> cycle;
  for (const auto& [start, unused] : nodes_) {
    if (!cycle.empty()) break;
    if (marks[start] != Mark::kNew) continue;
    // The path, each entry with the next dependency to look at.
    std::vector<std::pair<MigrationKey, std::set<MigrationKey>::const_iterator>> path;
    marks[start] = Mark::kOnPath;
    path.emplace_back(start, nodes_.at(start).parents.begin());
    while (!path.empty() && cycle.empty()) {
      auto& [key, next] = path.back();
      if (next == nodes_.at(key).parents.end()) {
        marks[key] = Mark::kDone;
        path.pop_back();
        continue;
      }
      const MigrationKey parent = *next++;
      Mark& mark = marks[parent];
      if (mark == Mark::kOnPath) {
        auto from = std::find_if(path.begin(), path.end(),
                                 [&](const auto& entry) { return entry.first == parent; });
        for (auto it = from; it != path.end(); ++it) cycle.push_back(it->first);
      } else if (mark == Mark::kNew) {
        mark = Mark::kOnPath;
        path.emplace_back(parent, nodes_.at(parent).parents.begin());
      }
    }
  }
  if (!cycle.empty()) {
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string text;
    for (const auto& key : cycle) text += key.str() + " -> ";
    out.push_back({GraphProblem::Kind::kCycle, "dependency cycle: " + text + cycle.front().str()});
  }

  for (const auto& app : apps()) {
    auto leaves = leaf_nodes(app);
    if (leaves.size() < 2) continue;
    out.push_back({GraphProblem::Kind::kMultipleLeaves,
                   "app " + app + " has " + std::to_string(leaves.size()) + " leaf migrations (" +
                       join_names(leaves) +
                       "); write a merge migration that depends on all of them"});
  }
  return out;
}

void MigrationGraph::validate() const {
  auto found = problems();
  if (!found.empty()) throw GraphError(found.front());
}

std::vector<GraphProblem> MigrationGraph::history_problems(
    const std::set<MigrationKey>& applied) const {
  std::vector<GraphProblem> out;
  // Applied migrations whose files are gone are not the graph's business.
  for (const auto& key : applied) {
    auto it = nodes_.find(key);
    if (it == nodes_.end()) continue;
    for (const auto& parent : it->second.parents) {
      if (applied.count(parent)) continue;
      out.push_back({GraphProblem::Kind::kInconsistentHistory,
                     key.str() + " is applied before its dependency " + parent.str()});
    }
  }
  return out;
}

void MigrationGraph::check_consistent_history(const std::set<MigrationKey>& applied) const {
  auto found = history_problems(applied);
  if (!found.empty()) throw GraphError(found.front());
}

void MigrationGraph::ensure_plannable() const {
  for (const auto& problem : problems()) {
    if (problem.kind != GraphProblem::Kind::kMultipleLeaves) throw GraphError(problem);
  }
}

namespace {

// Kahn's algorithm over `nodes` (closed under `before`), always taking the
// smallest ready key: `before(k)` must all come before k.
template <typename Before, typename After>
std::vector<MigrationKey> ordered(const std::set<MigrationKey>& nodes, Before before, After after) {
  std::map<MigrationKey, std::size_t> waiting;
  std::set<MigrationKey> ready;
  for (const auto& key : nodes) {
    waiting[key] = before(key).size();
    if (waiting[key] == 0) ready.insert(key);
  }
  std::vector<MigrationKey> out;
  while (!ready.empty()) {
    MigrationKey key = *ready.begin();
    ready.erase(ready.begin());
    for (const auto& next : after(key)) {
      if (nodes.count(next) && --waiting[next] == 0) ready.insert(next);
    }
    out.push_back(std::move(key));
  }
  return out;
}

}  // namespace

std::vector<MigrationKey> MigrationGraph::plan(const MigrationKey& target, bool forwards) const {
  if (!contains(target)) throw unknown(target);
  ensure_plannable();
  auto parents = [&](const MigrationKey& k) -> const std::set<MigrationKey>& {
    return nodes_.at(k).parents;
  };
  auto children = [&](const MigrationKey& k) -> const std::set<MigrationKey>& {
    return nodes_.at(k).children;
  };
  // Everything reachable from target along the plan's direction.
  std::set<MigrationKey> closure{target};
  std::vector<MigrationKey> todo{target};
  while (!todo.empty()) {
    MigrationKey key = todo.back();
    todo.pop_back();
    for (const auto& next : forwards ? parents(key) : children(key)) {
      if (closure.insert(next).second) todo.push_back(next);
    }
  }
  return forwards ? ordered(closure, parents, children) : ordered(closure, children, parents);
}

std::vector<MigrationKey> MigrationGraph::forwards_plan(const MigrationKey& target) const {
  return plan(target, true);
}

std::vector<MigrationKey> MigrationGraph::backwards_plan(const MigrationKey& target) const {
  return plan(target, false);
}

std::vector<MigrationKey> MigrationGraph::full_plan() const {
  ensure_plannable();
  std::set<MigrationKey> all;
  for (const auto& [key, node] : nodes_) all.insert(key);
  return ordered(
      all, [&](const MigrationKey& k) -> const auto& { return nodes_.at(k).parents; },
      [&](const MigrationKey& k) -> const auto& { return nodes_.at(k).children; });
}

std::vector<PlanStep> migration_plan(const MigrationGraph& graph,
                                     const std::set<MigrationKey>& applied,
                                     const std::vector<MigrationKey>& targets) {
  std::set<MigrationKey> state = applied;  // as the plan so far leaves it
  std::vector<PlanStep> plan;
  auto unapply = [&](const MigrationKey& from) {
    for (const auto& key : graph.backwards_plan(from)) {
      if (state.erase(key)) plan.push_back({key, true});
    }
  };
  for (const auto& target : targets) {
    if (target.name == kZeroTarget) {
      for (const auto& root : graph.root_nodes(target.app)) unapply(root);
    } else if (!graph.contains(target)) {
      throw unknown(target);
    } else if (state.count(target)) {
      // Roll back only through the target's successors in its own app: going
      // further would unapply dependencies in other apps that need not move.
      for (const auto& child : graph.dependants(target)) {
        if (child.app == target.app) unapply(child);
      }
    } else {
      for (const auto& key : graph.forwards_plan(target)) {
        if (state.insert(key).second) plan.push_back({key, false});
      }
    }
  }
  return plan;
}

}  // namespace lectern::migrations
