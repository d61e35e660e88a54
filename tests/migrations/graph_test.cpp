// The migration graph: plans, leaves and roots, and the exact message of
// every graph problem. Graphs are drawn with X <-- Y meaning "Y depends on X".
#include "migrations/graph.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace lectern::migrations {
namespace {

MigrationKey key(std::string_view dotted) {
  auto dot = dotted.find('.');
  return {std::string(dotted.substr(0, dot)), std::string(dotted.substr(dot + 1))};
}

// {"app.name", {"its", "dependencies"}}, in any order.
MigrationGraph graph(const std::vector<std::pair<std::string, std::vector<std::string>>>& nodes) {
  std::vector<Migration> migrations;
  for (const auto& [name, deps] : nodes) {
    Migration m;
    m.key = key(name);
    for (const auto& dep : deps) m.dependencies.push_back(key(dep));
    migrations.push_back(std::move(m));
  }
  return MigrationGraph(migrations);
}

std::vector<std::string> names(const std::vector<MigrationKey>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys) out.push_back(k.str());
  return out;
}

// "+app.name" applies, "-app.name" unapplies.
std::vector<std::string> names(const std::vector<PlanStep>& steps) {
  std::vector<std::string> out;
  for (const auto& s : steps) out.push_back((s.backwards ? "-" : "+") + s.key.str());
  return out;
}

std::set<MigrationKey> keys(const std::vector<std::string>& dotted) {
  std::set<MigrationKey> out;
  for (const auto& d : dotted) out.insert(key(d));
  return out;
}

//   accounts.0001_initial <-- accounts.0002_profile
//            ^                         ^
//            |                         |
//   courses.0001_initial <--- courses.0002_enrollment <-- courses.0003_review
//                                      ^
//                                      |
//                             portal.0001_initial
MigrationGraph project() {
  return graph({
      {"portal.0001_initial", {"courses.0002_enrollment"}},
      {"courses.0003_review", {"courses.0002_enrollment"}},
      {"courses.0002_enrollment", {"courses.0001_initial", "accounts.0002_profile"}},
      {"courses.0001_initial", {"accounts.0001_initial"}},
      {"accounts.0002_profile", {"accounts.0001_initial"}},
      {"accounts.0001_initial", {}},
  });
}

const std::vector<std::string> kEverything = {"accounts.0001_initial", "accounts.0002_profile",
                                              "courses.0001_initial",  "courses.0002_enrollment",
                                              "courses.0003_review",   "portal.0001_initial"};

TEST(MigrationGraph, ForwardsAndBackwardsPlans) {
  const MigrationGraph g = project();
  struct Case {
    std::string target;
    bool forwards;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"accounts.0001_initial", true, {"accounts.0001_initial"}},
      {"courses.0003_review",
       true,
       {"accounts.0001_initial", "accounts.0002_profile", "courses.0001_initial",
        "courses.0002_enrollment", "courses.0003_review"}},
      {"portal.0001_initial",
       true,
       {"accounts.0001_initial", "accounts.0002_profile", "courses.0001_initial",
        "courses.0002_enrollment", "portal.0001_initial"}},
      {"courses.0003_review", false, {"courses.0003_review"}},
      {"courses.0002_enrollment",
       false,
       {"courses.0003_review", "portal.0001_initial", "courses.0002_enrollment"}},
      {"accounts.0001_initial",
       false,
       {"courses.0003_review", "portal.0001_initial", "courses.0002_enrollment",
        "accounts.0002_profile", "courses.0001_initial", "accounts.0001_initial"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target + (c.forwards ? " forwards" : " backwards"));
    auto plan = c.forwards ? g.forwards_plan(key(c.target)) : g.backwards_plan(key(c.target));
    EXPECT_EQ(names(plan), c.expected);
  }
  EXPECT_EQ(names(g.full_plan()), kEverything);
}

TEST(MigrationGraph, LeavesRootsAndApps) {
  const MigrationGraph g = project();
  EXPECT_EQ(names(g.leaf_nodes()),
            (std::vector<std::string>{"accounts.0002_profile", "courses.0003_review",
                                      "portal.0001_initial"}));
  EXPECT_EQ(names(g.root_nodes()),
            (std::vector<std::string>{"accounts.0001_initial", "courses.0001_initial",
                                      "portal.0001_initial"}));
  EXPECT_EQ(names(g.leaf_nodes("courses")), std::vector<std::string>{"courses.0003_review"});
  EXPECT_EQ(names(g.root_nodes("courses")), std::vector<std::string>{"courses.0001_initial"});
  EXPECT_TRUE(g.leaf_nodes("nothing").empty());
  EXPECT_EQ(g.apps(), (std::vector<std::string>{"accounts", "courses", "portal"}));
  EXPECT_EQ(names(g.nodes()), kEverything);
  EXPECT_TRUE(g.problems().empty());
}

TEST(MigrationGraph, MigrationPlan) {
  const MigrationGraph g = project();
  struct Case {
    std::string name;
    std::vector<std::string> applied;
    std::vector<std::string> targets;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"fresh_database_to_every_leaf",
       {},
       {"accounts.0002_profile", "courses.0003_review", "portal.0001_initial"},
       {"+accounts.0001_initial", "+accounts.0002_profile", "+courses.0001_initial",
        "+courses.0002_enrollment", "+courses.0003_review", "+portal.0001_initial"}},
      {"forwards_pulls_in_other_apps",
       {"accounts.0001_initial", "courses.0001_initial"},
       {"courses.0003_review"},
       {"+accounts.0002_profile", "+courses.0002_enrollment", "+courses.0003_review"}},
      {"applied_leaf_is_nothing_to_do", kEverything, {"courses.0003_review"}, {}},
      {"back_to_a_target_unapplies_dependants_in_other_apps_first",
       kEverything,
       {"courses.0001_initial"},
       {"-courses.0003_review", "-portal.0001_initial", "-courses.0002_enrollment"}},
      {"back_in_one_app_keeps_the_other_apps_dependencies",
       kEverything,
       {"accounts.0001_initial"},
       {"-courses.0003_review", "-portal.0001_initial", "-courses.0002_enrollment",
        "-accounts.0002_profile"}},
      {"zero_unapplies_the_whole_app",
       kEverything,
       {"courses.zero"},
       {"-courses.0003_review", "-portal.0001_initial", "-courses.0002_enrollment",
        "-courses.0001_initial"}},
      {"zero_skips_what_is_not_applied",
       {"accounts.0001_initial", "courses.0001_initial"},
       {"courses.zero"},
       {"-courses.0001_initial"}},
      {"zero_of_an_unmigrated_app", {}, {"courses.zero"}, {}},
      {"targets_in_order",
       kEverything,
       {"portal.zero", "courses.0002_enrollment"},
       {"-portal.0001_initial", "-courses.0003_review"}},
      {"unapply_then_reapply",
       kEverything,
       {"accounts.zero", "portal.0001_initial"},
       {"-courses.0003_review", "-portal.0001_initial", "-courses.0002_enrollment",
        "-accounts.0002_profile", "-courses.0001_initial", "-accounts.0001_initial",
        "+accounts.0001_initial", "+accounts.0002_profile", "+courses.0001_initial",
        "+courses.0002_enrollment", "+portal.0001_initial"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<MigrationKey> targets;
    for (const auto& t : c.targets) targets.push_back(key(t));
    EXPECT_EQ(names(migration_plan(g, keys(c.applied), targets)), c.expected);
  }
}

TEST(MigrationGraph, UnknownTargets) {
  const MigrationGraph g = project();
  const std::string expected = "unknown migration courses.0009_x";
  try {
    migration_plan(g, {}, {key("courses.0009_x")});
    ADD_FAILURE() << "no error";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
  EXPECT_THROW(g.forwards_plan(key("courses.0009_x")), NotFoundError);
  EXPECT_THROW(g.backwards_plan(key("courses.0009_x")), NotFoundError);
  EXPECT_THROW(g.dependencies(key("courses.0009_x")), NotFoundError);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const GraphError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kCheckFailed);
    return e.what();
  }
  return "no error";
}

TEST(MigrationGraph, Problems) {
  struct Case {
    std::string name;
    MigrationGraph graph;
    std::vector<std::string> expected;  // problems(), in order
  };
  const Case cases[] = {
      // accounts.0001_initial --> courses.0002_b --> courses.0001_a --> accounts.0001_initial
      // (X --> Y: X depends on Y)
      {"cycle_across_apps",
       graph({{"courses.0001_a", {"accounts.0001_initial"}},
              {"courses.0002_b", {"courses.0001_a"}},
              {"accounts.0001_initial", {"courses.0002_b"}}}),
       {"dependency cycle: accounts.0001_initial -> courses.0002_b -> courses.0001_a -> "
        "accounts.0001_initial"}},
      // courses.0001_a <-- courses.0002_b <-- courses.0003_c, and 0002_b depends on 0003_c.
      {"cycle_entered_midway",
       graph({{"courses.0001_a", {}},
              {"courses.0002_b", {"courses.0001_a", "courses.0003_c"}},
              {"courses.0003_c", {"courses.0002_b"}}}),
       {"dependency cycle: courses.0002_b -> courses.0003_c -> courses.0002_b"}},
      {"depends_on_itself",
       graph({{"courses.0001_a", {"courses.0001_a"}}}),
       {"dependency cycle: courses.0001_a -> courses.0001_a"}},
      // courses.0001_initial <-- courses.0002_b --> accounts.0001_initial (no such file)
      {"missing_dependency",
       graph({{"courses.0001_initial", {}},
              {"courses.0002_b", {"courses.0001_initial", "accounts.0001_initial"}}}),
       {"courses.0002_b depends on accounts.0001_initial, which does not exist"}},
      //                          <-- courses.0002_a
      //   courses.0001_initial   <-- courses.0002_b
      //                          <-- courses.0003_c
      {"three_leaves",
       graph({{"courses.0001_initial", {}},
              {"courses.0002_a", {"courses.0001_initial"}},
              {"courses.0002_b", {"courses.0001_initial"}},
              {"courses.0003_c", {"courses.0001_initial"}}}),
       {"app courses has 3 leaf migrations (0002_a, 0002_b, 0003_c); write a merge migration "
        "that depends on all of them"}},
      {"every_kind_in_order",
       graph({{"accounts.0001_a", {}},
              {"accounts.0001_b", {}},
              {"courses.0001_a", {"courses.0002_b", "portal.0001_initial"}},
              {"courses.0002_b", {"courses.0001_a"}}}),
       {"courses.0001_a depends on portal.0001_initial, which does not exist",
        "dependency cycle: courses.0001_a -> courses.0002_b -> courses.0001_a",
        "app accounts has 2 leaf migrations (0001_a, 0001_b); write a merge migration that "
        "depends on all of them"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> messages;
    for (const auto& p : c.graph.problems()) messages.push_back(p.message);
    EXPECT_EQ(messages, c.expected);
    EXPECT_EQ(error_of([&] { c.graph.validate(); }), c.expected.front());
  }
}

TEST(MigrationGraph, PlansRefuseBrokenGraphsButNotTwoLeaves) {
  //   courses.0001_initial <-- courses.0002_a
  //                        <-- courses.0002_b
  const MigrationGraph two_leaves = graph({{"courses.0001_initial", {}},
                                           {"courses.0002_a", {"courses.0001_initial"}},
                                           {"courses.0002_b", {"courses.0001_initial"}}});
  EXPECT_EQ(names(two_leaves.forwards_plan(key("courses.0002_b"))),
            (std::vector<std::string>{"courses.0001_initial", "courses.0002_b"}));

  const MigrationGraph cycle =
      graph({{"courses.0001_a", {"courses.0002_b"}}, {"courses.0002_b", {"courses.0001_a"}}});
  const std::string cycle_message =
      "dependency cycle: courses.0001_a -> courses.0002_b -> courses.0001_a";
  EXPECT_EQ(error_of([&] { cycle.forwards_plan(key("courses.0001_a")); }), cycle_message);
  EXPECT_EQ(error_of([&] { cycle.backwards_plan(key("courses.0001_a")); }), cycle_message);
  EXPECT_EQ(error_of([&] { cycle.full_plan(); }), cycle_message);

  const MigrationGraph missing = graph({{"courses.0001_a", {"accounts.0001_initial"}}});
  EXPECT_EQ(error_of([&] { migration_plan(missing, {}, {key("courses.0001_a")}); }),
            "courses.0001_a depends on accounts.0001_initial, which does not exist");
}

TEST(MigrationGraph, DuplicateNode) {
  MigrationGraph g;
  g.add_node(key("courses.0001_initial"));
  EXPECT_EQ(error_of([&] { g.add_node(key("courses.0001_initial")); }),
            "migration courses.0001_initial is defined twice");
}

TEST(MigrationGraph, InconsistentHistory) {
  const MigrationGraph g = project();
  struct Case {
    std::string name;
    std::vector<std::string> applied;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"consistent", {"accounts.0001_initial", "courses.0001_initial"}, {}},
      {"nothing_applied", {}, {}},
      {"applied_files_that_are_gone", {"accounts.0001_initial", "courses.0007_deleted"}, {}},
      {"dependency_in_another_app",
       {"accounts.0001_initial", "courses.0001_initial", "courses.0002_enrollment"},
       {"courses.0002_enrollment is applied before its dependency accounts.0002_profile"}},
      {"several",
       {"courses.0003_review", "portal.0001_initial"},
       {"courses.0003_review is applied before its dependency courses.0002_enrollment",
        "portal.0001_initial is applied before its dependency courses.0002_enrollment"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> messages;
    for (const auto& p : g.history_problems(keys(c.applied))) {
      EXPECT_EQ(p.kind, GraphProblem::Kind::kInconsistentHistory);
      messages.push_back(p.message);
    }
    EXPECT_EQ(messages, c.expected);
    EXPECT_EQ(error_of([&] { g.check_consistent_history(keys(c.applied)); }),
              c.expected.empty() ? "no error" : c.expected.front());
  }
}

}  // namespace
}  // namespace lectern::migrations
