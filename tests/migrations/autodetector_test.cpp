// Table-driven autodetector tests: state before, state after, expected
// operations.
#include "migrations/autodetector.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace lectern::migrations {
namespace {

using namespace schema;

ModelState model(std::string app, std::string name, std::vector<FieldSpec> fields) {
  ModelState m;
  m.app = std::move(app);
  m.name = std::move(name);
  m.table = default_table_name(m.app, m.name);
  m.fields.push_back(field::big_auto());
  for (auto& f : fields) m.fields.push_back(std::move(f));
  return m;
}

ProjectState state(std::vector<ModelState> models) {
  ProjectState s;
  for (auto& m : models) s.models.emplace(m.key(), std::move(m));
  return s;
}

FieldSpec fk(std::string name, std::string target, bool null = false) {
  FieldSpec f = field::foreign_key(std::move(name), std::move(target), OnDelete::kCascade);
  f.null = null;
  return f;
}

std::vector<Operation> ops_of(const std::vector<AppChanges>& changes, const std::string& app) {
  for (const auto& c : changes) {
    if (c.app == app) {
      std::vector<Operation> out;
      for (const auto& e : c.operations) out.push_back(e.operation);
      return out;
    }
  }
  return {};
}

const ModelState kCourse = model("courses", "Course", {field::varchar("title", 200)});
const ModelState kModule = model("courses", "Module", {fk("course", "courses.Course")});

struct Case {
  const char* name;
  ProjectState before;
  ProjectState after;
  RenameHints hints;
  std::vector<Operation> expected;  // for app "courses"
};

TEST(AutodetectorTest, ProducesTheExpectedOperations) {
  ModelState course_with_price = kCourse;
  course_with_price.fields.push_back(field::integer("price_cents").default_int(0).min(0));
  ModelState course_title_text = kCourse;
  course_title_text.fields[1] = field::text("title");
  ModelState course_renamed_title = kCourse;
  course_renamed_title.fields[1].name = course_renamed_title.fields[1].column = "name";
  ModelState course_indexed = kCourse;
  course_indexed.indexes.push_back({"courses_course_title_idx", {"title"}, false});
  ModelState course_checked = course_with_price;
  course_checked.constraints.push_back(
      {ConstraintSpec::Kind::kCheck, "price_nonneg", {}, {{"price_cents", ">=", 0}}});
  ModelState renamed_course = model("courses", "Class", {field::varchar("title", 200)});
  ModelState module_to_class = model("courses", "Module", {fk("course", "courses.Class")});

  // Two models referring to each other: one relation must be deferred.
  ModelState a = model("courses", "A", {fk("b", "courses.B", /*null=*/true)});
  ModelState b = model("courses", "B", {fk("a", "courses.A")});
  ModelState a_without_b = model("courses", "A", {});

  const Case cases[] = {
      {"no change", state({kCourse}), state({kCourse}), {}, {}},
      {"create in dependency order",
       state({}),
       state({kModule, kCourse}),
       {},
       {CreateModel{kCourse}, CreateModel{kModule}}},
      {"delete referring model first",
       state({kCourse, kModule}),
       state({}),
       {},
       {DeleteModel{"Module"}, DeleteModel{"Course"}}},
      {"add field",
       state({kCourse}),
       state({course_with_price}),
       {},
       {AddField{"Course", course_with_price.fields[2]}}},
      {"remove field",
       state({course_with_price}),
       state({kCourse}),
       {},
       {RemoveField{"Course", "price_cents"}}},
      {"alter field",
       state({kCourse}),
       state({course_title_text}),
       {},
       {AlterField{"Course", course_title_text.fields[1], ""}}},
      {"undeclared rename is remove plus add",
       state({kCourse}),
       state({course_renamed_title}),
       {},
       {RemoveField{"Course", "title"}, AddField{"Course", course_renamed_title.fields[1]}}},
      {"declared field rename",
       state({kCourse}),
       state({course_renamed_title}),
       RenameHints{{}, {{"courses.Course", {{"name", "title"}}}}},
       {RenameField{"Course", "title", "name"}}},
      {"declared model rename",
       state({kCourse, kModule}),
       state({renamed_course, module_to_class}),
       RenameHints{{{"courses.Class", "Course"}}, {}},
       {RenameModel{"Course", "Class"}, AlterField{"Module", module_to_class.fields[1], ""}}},
      {"add index",
       state({kCourse}),
       state({course_indexed}),
       {},
       {AddIndex{"Course", course_indexed.indexes[0], false}}},
      {"remove index",
       state({course_indexed}),
       state({kCourse}),
       {},
       {RemoveIndex{"Course", "courses_course_title_idx"}}},
      {"add constraint",
       state({course_with_price}),
       state({course_checked}),
       {},
       {AddConstraint{"Course", course_checked.constraints[0]}}},
      {"circular relations are split",
       state({}),
       state({a, b}),
       {},
       {CreateModel{a_without_b}, CreateModel{b}, AddField{"A", a.fields[1]}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto changes = detect_changes(c.before, c.after, c.hints);
    EXPECT_EQ(ops_of(changes, "courses"), c.expected);
  }
}

TEST(AutodetectorTest, CrossAppReferenceBecomesADependency) {
  ModelState user = model("accounts", "User", {field::varchar("username", 150)});
  ModelState course = model("courses", "Course", {fk("instructor", "accounts.User")});
  auto changes = detect_changes(state({}), state({user, course}), {});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].app, "courses");
  EXPECT_EQ(changes[1].depends_on_apps, std::vector<std::string>{"accounts"});

  auto migrations = arrange_migrations(changes, {}, "");
  ASSERT_EQ(migrations.size(), 2u);
  EXPECT_EQ(migrations[0].key, (MigrationKey{"accounts", "0001_initial"}));
  EXPECT_EQ(migrations[1].key, (MigrationKey{"courses", "0001_initial"}));
  EXPECT_EQ(migrations[1].dependencies, (std::vector<MigrationKey>{{"accounts", "0001_initial"}}));
}

TEST(AutodetectorTest, NextMigrationFollowsTheLeafWithASuggestedName) {
  ModelState course_with_price = kCourse;
  course_with_price.fields.push_back(field::integer("price_cents"));
  auto changes = detect_changes(state({kCourse}), state({course_with_price}), {});
  auto migrations =
      arrange_migrations(changes, {{"courses", MigrationKey{"courses", "0007_x"}}}, "");
  ASSERT_EQ(migrations.size(), 1u);
  EXPECT_EQ(migrations[0].key.name, "0008_course_price_cents");
  EXPECT_EQ(migrations[0].dependencies, (std::vector<MigrationKey>{{"courses", "0007_x"}}));
  auto named =
      arrange_migrations(changes, {{"courses", MigrationKey{"courses", "0007_x"}}}, "add_price");
  EXPECT_EQ(named[0].key.name, "0008_add_price");
}

TEST(AutodetectorTest, SuggestedNamesFollowDjango) {
  auto entry = [](Operation op) { return OperationEntry{std::move(op), 0, {}}; };
  EXPECT_EQ(suggest_name({entry(RemoveField{"Course", "slug"})}, false), "remove_course_slug");
  EXPECT_EQ(suggest_name({entry(CreateModel{kCourse}), entry(CreateModel{kModule})}, false),
            "course_module");
  std::vector<OperationEntry> many;
  for (int i = 0; i < 6; ++i) {
    many.push_back(entry(AddField{"CourseProgress", field::integer("field" + std::to_string(i))}));
  }
  EXPECT_EQ(suggest_name(many, false), "courseprogress_field0_courseprogress_field1_and_more");
  EXPECT_EQ(suggest_name(many, true), "initial");
}

TEST(AutodetectorTest, MutuallyDependentNonNullableRelationsAreRefused) {
  ModelState a = model("courses", "A", {fk("b", "courses.B")});
  ModelState b = model("courses", "B", {fk("a", "courses.A")});
  EXPECT_THROW(detect_changes(state({}), state({a, b}), {}), lectern::ValidationError);
}

}  // namespace
}  // namespace lectern::migrations
