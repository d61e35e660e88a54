// The SQL-level API around the operations: collect_sql over a plan in both
// directions, the sqlmigrate script form, which operations must run outside a
// transaction, and the derived names' 63-byte limit.
#include <gtest/gtest.h>

#include "migrations/operations.hpp"
#include "operations_fixture.hpp"

namespace lectern::migrations::testing {
namespace {

const db::Dialect& sqlite() {
  return db::dialect_for(db::Backend::kSqlite);
}

Migration migration(std::string name, std::vector<Operation> ops) {
  Migration m;
  m.key = {"courses", std::move(name)};
  for (auto& op : ops) m.operations.push_back({std::move(op), 0, {}});
  return m;
}

TEST(CollectSqlTest, ForwardsInPlanOrderBackwardsInReverse) {
  const Migration first = migration(
      "0002_summary", {AddField{"Course", nullable(field("summary", {ColumnType::kText}))}});
  const Migration second = migration(
      "0003_index", {AddIndex{"Course", {"course_summary_idx", {"summary"}, false}, false},
                     RunSQL{"SELECT 1", "SELECT 2", "", ""}});

  auto forwards = collect_sql({&first, &second}, base_state(), sqlite(), Direction::kForwards);
  ASSERT_EQ(forwards.size(), 2u);
  EXPECT_EQ(forwards[0].key.name, "0002_summary");
  EXPECT_EQ(forwards[1].statements(),
            (Statements{R"(CREATE INDEX "course_summary_idx" ON "courses_course" ("summary"))",
                        "SELECT 1"}));

  auto backwards = collect_sql({&first, &second}, base_state(), sqlite(), Direction::kBackwards);
  ASSERT_EQ(backwards.size(), 2u);
  EXPECT_EQ(backwards[0].key.name, "0003_index");
  EXPECT_EQ(backwards[0].statements(),
            (Statements{"SELECT 2", R"(DROP INDEX "course_summary_idx")"}));
  EXPECT_EQ(backwards[1].statements(),
            (Statements{R"(ALTER TABLE "courses_course" DROP COLUMN "summary")"}));
}

TEST(CollectSqlTest, ScriptNamesEachOperation) {
  const Migration m = migration(
      "0002_mixed", {RunSQL{"", "", "SELECT 1;", ""}, RunSQL{" SELECT 1 ;\n", "", "", ""}});
  EXPECT_EQ(migration_sql(m, base_state(), sqlite(), Direction::kForwards).script(),
            "-- Raw SQL operation\n-- (no SQL)\n-- Raw SQL operation\nSELECT 1;\n");
}

TEST(RunsOutsideTransactionTest, OnlyConcurrentIndexesOnPostgres) {
  const IndexSpec index{"i", {"title"}, false};
  EXPECT_TRUE(runs_outside_transaction(AddIndex{"Course", index, true}, db::Backend::kPostgres));
  EXPECT_FALSE(runs_outside_transaction(AddIndex{"Course", index, true}, db::Backend::kSqlite));
  EXPECT_FALSE(runs_outside_transaction(AddIndex{"Course", index, false}, db::Backend::kPostgres));
}

TEST(NamesTest, LongNamesKeepTheirSuffixWithinTheLimit) {
  struct Case {
    std::string table;
    std::string column;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"courses_course", "instructor_id", "courses_course_instructor_id_idx"},
      {"courses_assessmentattempt", "a_rather_long_column_name_for_a_foreign_key_id",
       "courses_assessmentattempt_a_rather_long_column_nam_580409fd_idx"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.column);
    const auto name = names::foreign_key_index(c.table, c.column);
    EXPECT_EQ(name, c.expected);
    EXPECT_LE(name.size(), names::kMaxIdentifier);
  }
  EXPECT_NE(names::foreign_key_index("courses_assessmentattempt",
                                     "a_rather_long_column_name_for_a_foreign_key_id_2"),
            names::foreign_key_index("courses_assessmentattempt",
                                     "a_rather_long_column_name_for_a_foreign_key_id"));
  EXPECT_LE(names::link_table(std::string(60, 'a'), "tags").size(), names::kMaxIdentifier);
}

}  // namespace
}  // namespace lectern::migrations::testing
