// state_forwards of every operation, table-driven over the base project of
// operations_fixture.hpp (accounts.User; courses.Category, Tag, Course), with
// describe(), reversible() and the whole-migration replay (state_after).
#include <gtest/gtest.h>

#include <functional>

#include "migrations/operations.hpp"
#include "operations_fixture.hpp"

namespace lectern::migrations::testing {
namespace {

struct Case {
  std::string name;
  std::vector<Operation> setup;  // applied first, must succeed
  Operation op;
  std::string error;                               // expected message; empty when it applies
  std::function<void(const ProjectState&)> check;  // when it applies
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

const ModelState& course(const ProjectState& s) {
  return *s.find("courses", "Course");
}

IndexSpec title_index() {
  return {"course_title_idx", {"title"}, false};
}

std::vector<Case> cases() {
  auto text = [](std::string name) { return field(std::move(name), {ColumnType::kText}); };
  return {
      // CreateModel
      {"create_model_fills_app_table_and_columns",
       {},
       CreateModel{model("Lesson", {foreign_key("course", "courses.Course", OnDelete::kCascade)})},
       "",
       [](const ProjectState& s) {
         const auto* lesson = s.find("courses", "Lesson");
         ASSERT_NE(lesson, nullptr);
         EXPECT_EQ(lesson->app, "courses");
         EXPECT_EQ(lesson->table, "courses_lesson");
         EXPECT_EQ(lesson->field("course")->column, "course_id");
       }},
      {"create_model_may_reference_itself",
       {},
       CreateModel{
           model("Node", {foreign_key("parent", "courses.Node", OnDelete::kCascade, true)})},
       "",
       [](const ProjectState& s) { EXPECT_NE(s.find("courses", "Node"), nullptr); }},
      {"create_model_twice",
       {},
       CreateModel{model("Course", {})},
       "Create model Course: courses.Course already exists",
       {}},
      {"create_model_of_other_app",
       {},
       CreateModel{model("Badge", {}, "accounts")},
       "Create model Badge: the model belongs to app accounts, not to courses",
       {}},
      {"create_model_without_primary_key",
       {},
       CreateModel{[] {
         ModelState m = model("Badge", {});
         m.fields.clear();
         return m;
       }()},
       "Create model Badge: courses.Badge has no primary key",
       {}},
      {"create_model_with_unknown_target",
       {},
       CreateModel{model("Badge", {foreign_key("owner", "accounts.Nope", OnDelete::kCascade)})},
       "Create model Badge: field owner of courses.Badge references unknown model accounts.Nope",
       {}},
      {"create_model_with_duplicate_field",
       {},
       CreateModel{model("Badge", {text("label"), text("label")})},
       "Create model Badge: courses.Badge already has a field label",
       {}},
      {"create_model_with_index_on_unknown_field",
       {},
       CreateModel{[] {
         ModelState m = model("Badge", {});
         m.indexes.push_back({"badge_label_idx", {"label"}, false});
         return m;
       }()},
       "Create model Badge: index badge_label_idx names field label, which courses.Badge does not "
       "have",
       {}},
      // DeleteModel
      {"delete_model",
       {},
       DeleteModel{"Course"},
       "",
       [](const ProjectState& s) { EXPECT_EQ(s.find("courses", "Course"), nullptr); }},
      {"delete_unknown_model",
       {},
       DeleteModel{"Nope"},
       "Delete model Nope: model courses.Nope does not exist",
       {}},
      {"delete_referenced_model",
       {},
       DeleteModel{"Category"},
       "Delete model Category: courses.Category is still referenced by courses.Course.category",
       {}},
      {"delete_model_referenced_by_many_to_many",
       {},
       DeleteModel{"Tag"},
       "Delete model Tag: courses.Tag is still referenced by courses.Course.tags",
       {}},
      // RenameModel
      {"rename_model_moves_table_and_references",
       {},
       RenameModel{"Category", "Topic"},
       "",
       [](const ProjectState& s) {
         ASSERT_EQ(s.find("courses", "Category"), nullptr);
         ASSERT_NE(s.find("courses", "Topic"), nullptr);
         EXPECT_EQ(s.find("courses", "Topic")->table, "courses_topic");
         EXPECT_EQ(course(s).field("category")->target, "courses.Topic");
       }},
      {"rename_model_moves_many_to_many_targets",
       {},
       RenameModel{"Tag", "Label"},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).many_to_many[0].target, "courses.Label"); }},
      {"rename_model_onto_existing",
       {},
       RenameModel{"Category", "Tag"},
       "Rename model Category to Tag: courses.Tag already exists",
       {}},
      // AddField
      {"add_field",
       {},
       AddField{"Course", nullable(text("summary"))},
       "",
       [](const ProjectState& s) {
         EXPECT_EQ(course(s).fields.back().name, "summary");
         EXPECT_EQ(course(s).fields.back().column, "summary");
       }},
      {"add_relation_field_gets_id_column",
       {},
       AddField{"Course",
                [] {
                  auto f = foreign_key("owner", "accounts.User", OnDelete::kCascade, true);
                  f.column.clear();
                  return f;
                }()},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).field("owner")->column, "owner_id"); }},
      {"add_field_twice",
       {},
       AddField{"Course", text("title")},
       "Add field title to Course: courses.Course already has a field title",
       {}},
      {"add_field_with_taken_column",
       {},
       AddField{"Course", text("instructor_id")},
       "Add field instructor_id to Course: courses.Course already has a column instructor_id "
       "(field instructor)",
       {}},
      {"add_field_to_unknown_model",
       {},
       AddField{"Nope", text("x")},
       "Add field x to Nope: model courses.Nope does not exist",
       {}},
      {"add_primary_key",
       {},
       AddField{"Course", with(text("code"), [](FieldSpec& f) { f.primary_key = true; })},
       "Add field code to Course: a primary key cannot be added to a model",
       {}},
      // RemoveField
      {"remove_field",
       {},
       RemoveField{"Course", "title"},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).field("title"), nullptr); }},
      {"remove_unknown_field",
       {},
       RemoveField{"Course", "nope"},
       "Remove field nope from Course: courses.Course has no field nope",
       {}},
      {"remove_primary_key",
       {},
       RemoveField{"Course", "id"},
       "Remove field id from Course: the primary key of courses.Course cannot be removed",
       {}},
      {"remove_field_used_by_index",
       {AddIndex{"Course", title_index(), false}},
       RemoveField{"Course", "title"},
       "Remove field title from Course: index course_title_idx still uses it",
       {}},
      // AlterField
      {"alter_field_keeps_position",
       {},
       AlterField{"Course", varchar("title", 300), ""},
       "",
       [](const ProjectState& s) {
         EXPECT_EQ(course(s).fields[1].name, "title");
         EXPECT_EQ(course(s).fields[1].type.max_length, 300);
       }},
      {"alter_unknown_field",
       {},
       AlterField{"Course", text("nope"), ""},
       "Alter field nope on Course: courses.Course has no field nope",
       {}},
      {"alter_field_into_primary_key",
       {},
       AlterField{"Course", with(text("title"), [](FieldSpec& f) { f.primary_key = true; }), ""},
       "Alter field title on Course: AlterField cannot change which field is the primary key",
       {}},
      // RenameField
      {"rename_field_follows_in_indexes_and_constraints",
       {AddIndex{"Course", title_index(), false},
        AddConstraint{"Course", check("course_price_sane", {{"price_cents", "<=", 1000000}})}},
       RenameField{"Course", "price_cents", "price"},
       "",
       [](const ProjectState& s) {
         EXPECT_EQ(course(s).field("price")->column, "price");
         EXPECT_EQ(course(s).constraints[0].check[0].field, "price");
       }},
      {"rename_relation_field_renames_its_column",
       {},
       RenameField{"Course", "instructor", "teacher"},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).field("teacher")->column, "teacher_id"); }},
      {"rename_field_onto_existing",
       {},
       RenameField{"Course", "title", "slug"},
       "Rename field title on Course to slug: courses.Course already has a field slug",
       {}},
      // AddIndex / RemoveIndex
      {"add_index",
       {},
       AddIndex{"Course", title_index(), false},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).indexes, std::vector{title_index()}); }},
      {"add_index_with_taken_name",
       {AddIndex{"Course", title_index(), false}},
       AddIndex{"Course", title_index(), false},
       "Create index course_title_idx on field(s) title of model Course: the name "
       "course_title_idx is already used by courses.Course",
       {}},
      {"add_index_without_fields",
       {},
       AddIndex{"Course", {"course_empty_idx", {}, false}, false},
       "Create index course_empty_idx on field(s)  of model Course: index course_empty_idx names "
       "no fields",
       {}},
      {"remove_index",
       {AddIndex{"Course", title_index(), false}},
       RemoveIndex{"Course", "course_title_idx"},
       "",
       [](const ProjectState& s) { EXPECT_TRUE(course(s).indexes.empty()); }},
      {"remove_unknown_index",
       {},
       RemoveIndex{"Course", "nope"},
       "Remove index nope from Course: courses.Course has no index nope",
       {}},
      // AddConstraint / RemoveConstraint
      {"add_check_constraint",
       {},
       AddConstraint{"Course", check("course_price_sane", {{"price_cents", "<=", 1000000}})},
       "",
       [](const ProjectState& s) { EXPECT_EQ(course(s).constraints.size(), 1u); }},
      {"add_unique_constraint_on_unknown_field",
       {},
       AddConstraint{"Course", unique_together("course_pair_uniq", {"title", "nope"})},
       "Create constraint course_pair_uniq on model Course: constraint course_pair_uniq names "
       "field nope, which courses.Course does not have",
       {}},
      {"add_check_with_unknown_operator",
       {},
       AddConstraint{"Course", check("course_bad", {{"price_cents", "; DROP", 1}})},
       "Create constraint course_bad on model Course: constraint course_bad uses unknown operator "
       "'; DROP' (expected one of >=, <=, >, <, =, <>)",
       {}},
      {"remove_constraint",
       {AddConstraint{"Course", unique_together("course_pair_uniq", {"title", "instructor"})}},
       RemoveConstraint{"Course", "course_pair_uniq"},
       "",
       [](const ProjectState& s) { EXPECT_TRUE(course(s).constraints.empty()); }},
      {"remove_unknown_constraint",
       {},
       RemoveConstraint{"Course", "nope"},
       "Remove constraint nope from model Course: courses.Course has no constraint nope",
       {}},
      // RunSQL
      {"run_sql_leaves_the_state",
       {},
       RunSQL{"SELECT 1", "", "SELECT 1", ""},
       "",
       [](const ProjectState& s) { EXPECT_EQ(s, base_state()); }},
  };
}

class StateForwardsTest : public ::testing::TestWithParam<Case> {};

TEST_P(StateForwardsTest, AppliesOrExplains) {
  const Case& c = GetParam();
  ProjectState state = base_state();
  for (const auto& op : c.setup) state_forwards(op, "courses", state);
  const ProjectState before = state;
  if (c.error.empty()) {
    state_forwards(c.op, "courses", state);
    c.check(state);
    return;
  }
  try {
    state_forwards(c.op, "courses", state);
    FAIL() << "expected: " << c.error;
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.what(), c.error);
  }
  EXPECT_EQ(state, before) << "a failed operation must leave the state as it was";
}

INSTANTIATE_TEST_SUITE_P(Operations, StateForwardsTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(DescribeTest, SaysWhatEachOperationDoes) {
  struct Row {
    Operation op;
    std::string text;
  };
  const std::vector<Row> rows = {
      {CreateModel{model("Course", {})}, "Create model Course"},
      {DeleteModel{"Course"}, "Delete model Course"},
      {RenameModel{"Course", "Class"}, "Rename model Course to Class"},
      {AddField{"Course", field("price_cents", {})}, "Add field price_cents to Course"},
      {RemoveField{"Course", "price_cents"}, "Remove field price_cents from Course"},
      {AlterField{"Course", field("price_cents", {}), ""}, "Alter field price_cents on Course"},
      {RenameField{"Course", "a", "b"}, "Rename field a on Course to b"},
      {AddIndex{"Course", {"i", {"a", "b"}, false}, false},
       "Create index i on field(s) a, b of model Course"},
      {RemoveIndex{"Course", "i"}, "Remove index i from Course"},
      {AddConstraint{"Course", unique_together("c", {"a"})}, "Create constraint c on model Course"},
      {RemoveConstraint{"Course", "c"}, "Remove constraint c from model Course"},
      {RunSQL{}, "Raw SQL operation"},
  };
  for (const auto& row : rows) EXPECT_EQ(describe(row.op), row.text);
}

TEST(ReversibleTest, OnlyRunSqlWithoutBackwardSqlIsNot) {
  const auto sqlite = db::Backend::kSqlite;
  const auto postgres = db::Backend::kPostgres;
  EXPECT_TRUE(reversible(DeleteModel{"Course"}, sqlite));
  EXPECT_TRUE(reversible(RunSQL{"A", "B", "C", "D"}, postgres));
  EXPECT_FALSE(reversible(RunSQL{"A", "", "C", "D"}, sqlite));
  EXPECT_TRUE(reversible(RunSQL{"A", "", "C", "D"}, postgres));
  // SQL for the other backend only: a no-op here, and so is undoing it.
  EXPECT_TRUE(reversible(RunSQL{"", "", "C", ""}, sqlite));
  EXPECT_FALSE(reversible(RunSQL{"", "", "C", ""}, postgres));
}

TEST(IrreversibleTest, BackwardsNamesTheOperationAndTheMigration) {
  Migration m;
  m.key = {"courses", "0002_data"};
  m.source = "migrations/courses/0002_data.lmig";
  m.operations.push_back({RunSQL{"UPDATE x SET y = 1", "", "UPDATE x SET y = 1", ""}, 7, {}});
  try {
    migration_sql(m, base_state(), db::dialect_for(db::Backend::kSqlite), Direction::kBackwards);
    FAIL() << "expected IrreversibleError";
  } catch (const IrreversibleError& e) {
    EXPECT_EQ(std::string(e.what()),
              "courses.0002_data (migrations/courses/0002_data.lmig:7): Raw SQL operation: "
              "irreversible on sqlite (it has no backward SQL for this backend)");
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
}

TEST(StateAfterTest, ReplaysMigrationsInOrder) {
  Migration first;
  first.key = {"courses", "0001_initial"};
  for (auto& [app, op] : base_operations()) {
    if (app == "courses") first.operations.push_back({op, 0, {}});
  }
  Migration second;
  second.key = {"courses", "0002_rename"};
  second.operations.push_back({RenameModel{"Category", "Topic"}, 0, {}});

  ProjectState accounts;
  state_forwards(base_operations()[0].second, "accounts", accounts);
  ProjectState state = state_after({&first, &second}, accounts);
  EXPECT_NE(state.find("courses", "Topic"), nullptr);
  EXPECT_EQ(state.find("courses", "Category"), nullptr);

  try {
    state_after({&second}, accounts);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(std::string(e.what()),
              "courses.0002_rename: Rename model Category to Topic: model courses.Category does "
              "not exist");
  }
}

}  // namespace
}  // namespace lectern::migrations::testing
