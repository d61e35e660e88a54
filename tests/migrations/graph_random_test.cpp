// The migration graph against a plain reference on random graphs: plans are
// Kahn's algorithm over the target's closure taking the smallest ready key,
// and migration_plan is Django's loop over those plans. The graph computes
// them differently (whole-graph orders restricted to a closure, pruned walks
// over a consistent history), so this checks that it gives the same answers.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "migrations/graph.hpp"

namespace lectern::migrations {
namespace {

using Keys = std::vector<MigrationKey>;

// The graph as plain maps: key -> dependencies, key -> dependants.
struct Reference {
  std::map<MigrationKey, std::set<MigrationKey>> parents;
  std::map<MigrationKey, std::set<MigrationKey>> children;

  Keys plan(const MigrationKey& target, bool forwards) const {
    const auto& before = forwards ? parents : children;
    const auto& after = forwards ? children : parents;
    std::set<MigrationKey> closure{target};
    Keys todo{target};
    while (!todo.empty()) {
      MigrationKey key = todo.back();
      todo.pop_back();
      for (const auto& next : before.at(key)) {
        if (closure.insert(next).second) todo.push_back(next);
      }
    }
    std::map<MigrationKey, std::size_t> waiting;
    std::set<MigrationKey> ready;
    for (const auto& key : closure) {
      waiting[key] = before.at(key).size();
      if (waiting[key] == 0) ready.insert(key);
    }
    Keys out;
    while (!ready.empty()) {
      MigrationKey key = *ready.begin();
      ready.erase(ready.begin());
      for (const auto& next : after.at(key)) {
        if (closure.count(next) && --waiting[next] == 0) ready.insert(next);
      }
      out.push_back(key);
    }
    return out;
  }

  std::vector<PlanStep> migration_plan(const MigrationGraph& graph,
                                       const std::set<MigrationKey>& applied,
                                       const Keys& targets) const {
    std::set<MigrationKey> state = applied;
    std::vector<PlanStep> out;
    auto unapply = [&](const MigrationKey& from) {
      for (const auto& key : plan(from, false)) {
        if (state.erase(key)) out.push_back({key, true});
      }
    };
    for (const auto& target : targets) {
      if (target.name == kZeroTarget) {
        for (const auto& root : graph.root_nodes(target.app)) unapply(root);
      } else if (state.count(target)) {
        for (const auto& child : children.at(target)) {
          if (child.app == target.app) unapply(child);
        }
      } else {
        for (const auto& key : plan(target, true)) {
          if (state.insert(key).second) out.push_back({key, false});
        }
      }
    }
    return out;
  }
};

TEST(MigrationGraphRandom, PlansMatchTheReference) {
  std::mt19937 rng(20240611);
  auto below = [&](std::size_t n) { return std::size_t(rng() % n); };
  for (int round = 0; round < 60; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // Random apps and names; dependencies follow a random total order, so
    // the graph has no cycle, and keys and dependency order disagree.
    Keys keys;
    const std::size_t apps = 1 + below(6);
    for (std::size_t a = 0; a < apps; ++a) {
      const std::size_t count = 1 + below(round % 3 == 0 ? 40 : 8);
      for (std::size_t i = 0; i < count; ++i) {
        keys.push_back({"app" + std::string(1, char('a' + a)),
                        std::to_string(1000 + below(round % 3 == 0 ? 200 : 30)) + "_m"});
      }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::shuffle(keys.begin(), keys.end(), rng);  // position = dependency order
    std::vector<Migration> migrations;
    Reference ref;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      Migration m;
      m.key = keys[i];
      ref.parents[m.key];
      ref.children[m.key];
      for (std::size_t d = below(3); d > 0 && i > 0; --d) {
        const MigrationKey& dep = keys[below(i)];
        m.dependencies.push_back(dep);
        ref.parents[m.key].insert(dep);
        ref.children[dep].insert(m.key);
      }
      migrations.push_back(std::move(m));
    }
    const MigrationGraph graph(migrations);
    for (const auto& key : keys) {
      ASSERT_EQ(graph.forwards_plan(key), ref.plan(key, true)) << key.str();
      ASSERT_EQ(graph.backwards_plan(key), ref.plan(key, false)) << key.str();
    }

    for (int trial = 0; trial < 20; ++trial) {
      // Applied: consistent (what some forwards plans apply) or arbitrary.
      std::set<MigrationKey> applied;
      if (trial % 2 == 0) {
        for (std::size_t t = below(3); t > 0; --t) {
          for (const auto& key : ref.plan(keys[below(keys.size())], true)) applied.insert(key);
        }
      } else {
        for (const auto& key : keys) {
          if (below(2)) applied.insert(key);
        }
      }
      Keys targets;
      for (std::size_t t = 1 + below(3); t > 0; --t) {
        if (below(4) == 0) {
          targets.push_back({"app" + std::string(1, char('a' + below(apps + 1))), "zero"});
        } else {
          targets.push_back(keys[below(keys.size())]);
        }
      }
      if (trial % 5 == 0) targets = graph.leaf_nodes();
      ASSERT_EQ(migration_plan(graph, applied, targets),
                ref.migration_plan(graph, applied, targets))
          << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace lectern::migrations
