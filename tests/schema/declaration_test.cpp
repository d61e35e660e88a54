#include "schema/declaration.hpp"

#include <gtest/gtest.h>

namespace lectern::schema {
namespace {

const Mixin kTimeStamped{
    "TimeStampedMixin",
    {field::timestamp("created_at").auto_now_add(), field::timestamp("updated_at").auto_now()}};
// The mixin from the incident: it silently gives its models a UUID key.
const Mixin kUuidKey{"UUIDPrimaryKeyMixin", {field::uuid("id").primary_key()}};

ModelDeclaration course() {
  return {.app = "courses",
          .name = "Course",
          .mixins = {&kTimeStamped},
          .fields = {field::varchar("title", 200)}};
}

TEST(DeclarationTest, PolicyKeyIsAddedFirstAndMixinFieldsComposed) {
  ModelRegistry registry;
  registry.add(course());
  ProjectState state = registry.state();
  const ModelState* m = state.find("courses", "Course");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->table, "courses_course");
  std::vector<std::string> names;
  for (const auto& f : m->fields) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"id", "created_at", "updated_at", "title"}));
  EXPECT_TRUE(follows_key_policy(*m->primary_key()));
  EXPECT_TRUE(registry.problems().empty());
}

TEST(DeclarationTest, ForeignKeyTakesTheTargetKeyType) {
  ModelRegistry registry;
  registry.add(course());
  registry.add({.app = "courses",
                .name = "Module",
                .fields = {field::foreign_key("course", "courses.Course", OnDelete::kCascade)}});
  ProjectState state = registry.state();
  const FieldSpec* fk = state.find("courses", "Module")->field("course");
  ASSERT_NE(fk, nullptr);
  EXPECT_EQ(fk->column, "course_id");
  EXPECT_EQ(fk->type.type, ColumnType::kBigInt);
  EXPECT_EQ(fk->relation, Relation::kForeignKey);
}

TEST(DeclarationTest, KeyFromMixinBreakingPolicyIsReportedWithItsOrigin) {
  ModelRegistry registry;
  registry.add({.app = "courses", .name = "Assessment", .mixins = {&kUuidKey, &kTimeStamped}});
  registry.add(
      {.app = "courses",
       .name = "Question",
       .fields = {field::foreign_key("assessment", "courses.Assessment", OnDelete::kCascade)}});
  auto problems = registry.problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, DeclarationProblem::Kind::kKeyPolicy);
  EXPECT_EQ(problems[0].message,
            "courses.Assessment gets primary key \"id\" of type uuid from UUIDPrimaryKeyMixin; "
            "the project policy is \"id\" bigint auto-increment");
  // The foreign key follows the key it references, so a check can compare it
  // with what the migrations gave it.
  ProjectState state = registry.state();
  EXPECT_EQ(state.find("courses", "Question")->field("assessment")->type.type, ColumnType::kUuid);
}

TEST(DeclarationTest, ExplicitExceptionSilencesThePolicyProblem) {
  ModelRegistry registry;
  registry.add({.app = "a",
                .name = "External",
                .mixins = {&kUuidKey},
                .key_policy_exception = "mirrors an external system's ids"});
  EXPECT_TRUE(registry.problems().empty());
}

TEST(DeclarationTest, DuplicateFieldNamesBothOrigins) {
  const Mixin audit{"AuditMixin", {field::timestamp("created_at")}};
  ModelRegistry registry;
  ModelDeclaration d = course();
  d.mixins.push_back(&audit);
  d.fields.push_back(field::timestamp("updated_at"));
  registry.add(d);
  auto problems = registry.problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message,
            "field \"created_at\" of courses.Course is declared by both TimeStampedMixin and "
            "AuditMixin");
  EXPECT_EQ(problems[1].message,
            "field \"updated_at\" of courses.Course is declared by both TimeStampedMixin and "
            "courses.Course");
}

TEST(DeclarationTest, RelationToUndeclaredModelIsReported) {
  ModelRegistry registry;
  registry.add({.app = "courses",
                .name = "Module",
                .fields = {field::foreign_key("course", "courses.Nope", OnDelete::kCascade)}});
  auto problems = registry.problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, DeclarationProblem::Kind::kUnknownTarget);
}

TEST(DeclarationTest, OriginsNameTheMixinOrModel) {
  ModelRegistry registry;
  registry.add(course());
  auto origins = registry.origins();
  EXPECT_NE(std::find(origins.begin(), origins.end(),
                      FieldOrigin{"courses.Course", "created_at", "TimeStampedMixin"}),
            origins.end());
  EXPECT_NE(std::find(origins.begin(), origins.end(),
                      FieldOrigin{"courses.Course", "title", "courses.Course"}),
            origins.end());
}

}  // namespace
}  // namespace lectern::schema
