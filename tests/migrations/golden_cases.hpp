// The cases of the golden SQL files (tests/golden/<name>/): one migration
// each over the base project of operations_fixture.hpp. Shared by the golden
// test, which compares the rendered text, and golden_sql_apply_test, which
// runs the same SQL on real databases.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "operations_fixture.hpp"

namespace lectern::migrations::testing {

struct GoldenCase {
  std::string name;              // the directory under tests/golden
  std::vector<Operation> setup;  // applied to the base project's state first
  std::vector<Operation> migration;
};

// Names the case in test listings instead of dumping its bytes.
inline void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.name;
}

inline FieldSpec typed(std::string name, ColumnType type) {
  return field(std::move(name), {type});
}

// A model with every column type, relations of each kind, indexes and
// constraints of each kind.
inline ModelState lesson() {
  using Kind = schema::DefaultValue::Kind;
  ModelState m = model(
      "Lesson",
      {
          varchar("title", 200),
          defaulting(typed("body", ColumnType::kText), std::string("")),
          with(typed("position", ColumnType::kInteger), [](FieldSpec& f) { f.min_value = 0; }),
          with(nullable(typed("rating", ColumnType::kSmallInt)),
               [](FieldSpec& f) {
                 f.min_value = 1;
                 f.max_value = 5;
               }),
          defaulting(typed("views", ColumnType::kBigInt), std::int64_t{0}),
          defaulting(typed("is_free", ColumnType::kBoolean), false),
          with(typed("weight", ColumnType::kDouble),
               [](FieldSpec& f) {
                 f.default_value.kind = Kind::kDouble;
                 f.default_value.number = 0.5;
               }),
          field("price", {ColumnType::kDecimal, 0, 8, 2}),
          nullable(typed("published_at", ColumnType::kTimestamp)),
          with(typed("created_at", ColumnType::kTimestamp),
               [](FieldSpec& f) { f.default_value.kind = Kind::kNow; }),
          nullable(typed("day", ColumnType::kDate)),
          unique(typed("public_id", ColumnType::kUuid)),
          with(typed("metadata", ColumnType::kJson),
               [](FieldSpec& f) {
                 f.default_value.kind = Kind::kJson;
                 f.default_value.text = "{}";
               }),
          nullable(typed("attachment", ColumnType::kBytes)),
          foreign_key("course", "courses.Course", OnDelete::kCascade),
          foreign_key("author", "accounts.User", OnDelete::kProtect),
          foreign_key("category", "courses.Category", OnDelete::kSetNull, true),
          with(foreign_key("previous", "courses.Lesson", OnDelete::kSetNull, true),
               [](FieldSpec& f) { f.relation = schema::Relation::kOneToOne; }),
      });
  m.many_to_many = {{"tags", "courses.Tag"}, {"related", "courses.Lesson"}};
  m.indexes = {{"courses_lesson_title_idx", {"title", "created_at"}, false},
               {"courses_lesson_day_uniq", {"course", "day"}, true}};
  m.constraints = {
      unique_together("courses_lesson_course_position_uniq", {"course", "position"}),
      check("courses_lesson_rating_valid", {{"rating", ">=", 1}, {"rating", "<=", 5}})};
  return m;
}

inline std::vector<GoldenCase> golden_cases() {
  auto text = [](std::string name) { return typed(std::move(name), ColumnType::kText); };
  const IndexSpec title_index{"courses_course_title_idx", {"title"}, false};
  const auto price_check = check("courses_course_price_sane", {{"price_cents", "<=", 1000000}});
  const auto level = defaulting(varchar("level", 20), std::string("1"));
  return {
      {"create_model", {}, {CreateModel{lesson()}}},
      {"delete_model", {}, {DeleteModel{"Course"}}},
      {"rename_model",
       {CreateModel{model("Module", {foreign_key("course", "courses.Course", OnDelete::kCascade)})},
        CreateModel{[] {
          ModelState m = model("Bundle", {varchar("name", 100)});
          m.many_to_many = {{"courses", "courses.Course"}};
          return m;
        }()}},
       {RenameModel{"Course", "Class"}}},
      {"add_field", {}, {AddField{"Course", nullable(text("summary"))}}},
      {"add_field_not_null_default_now",
       {},
       {AddField{"Course", with(typed("created_at", ColumnType::kTimestamp),
                                [](FieldSpec& f) {
                                  f.default_value.kind = schema::DefaultValue::Kind::kNow;
                                })}}},
      {"add_field_foreign_key",
       {},
       {AddField{"Course", foreign_key("owner", "accounts.User", OnDelete::kSetNull, true)}}},
      {"add_field_one_to_one",
       {},
       {AddField{"Course", with(foreign_key("owner", "accounts.User", OnDelete::kCascade, true),
                                [](FieldSpec& f) { f.relation = schema::Relation::kOneToOne; })}}},
      {"remove_field", {}, {RemoveField{"Course", "price_cents"}}},
      {"remove_field_foreign_key", {}, {RemoveField{"Course", "category"}}},
      {"alter_field_type", {}, {AlterField{"Course", text("title"), ""}}},
      {"alter_field_type_using",
       {AddField{"Course", level}},
       {AlterField{"Course", defaulting(typed("level", ColumnType::kInteger), std::int64_t{1}),
                   "\"level\"::integer", "CAST(\"level\" AS integer)"}}},
      {"alter_field_not_null_with_default",
       {AddField{"Course", nullable(text("summary"))}},
       {AlterField{"Course", defaulting(text("summary"), std::string("")), ""}}},
      {"alter_field_unique_and_range",
       {},
       {AlterField{"Course", unique(varchar("title", 200)), ""},
        AlterField{"Course",
                   with(defaulting(typed("price_cents", ColumnType::kInteger), std::int64_t{0}),
                        [](FieldSpec& f) {
                          f.min_value = 0;
                          f.max_value = 100000;
                        }),
                   ""}}},
      {"alter_field_on_delete",
       {},
       {AlterField{"Course", foreign_key("category", "courses.Category", OnDelete::kProtect, true),
                   ""}}},
      {"alter_field_without_index",
       {},
       {AlterField{"Course",
                   with(foreign_key("category", "courses.Category", OnDelete::kSetNull, true),
                        [](FieldSpec& f) { f.db_index = false; }),
                   ""}}},
      {"add_field_foreign_key_without_index",
       {},
       {AddField{"Course", with(foreign_key("owner", "accounts.User", OnDelete::kSetNull, true),
                                [](FieldSpec& f) { f.db_index = false; })}}},
      {"alter_field_without_column_change",
       {},
       {AlterField{"Course",
                   with(varchar("title", 200),
                        [](FieldSpec& f) {
                          f.choices = {"a", "b"};
                        }),
                   ""}}},
      {"rename_field", {}, {RenameField{"Course", "title", "name"}}},
      {"rename_field_foreign_key", {}, {RenameField{"Course", "instructor", "teacher"}}},
      {"add_index", {}, {AddIndex{"Course", title_index, false}}},
      {"add_index_concurrently",
       {},
       {AddIndex{"Course", {"courses_course_slug_title_idx", {"slug", "title"}, true}, true}}},
      {"remove_index",
       {AddIndex{"Course", title_index, false}},
       {RemoveIndex{"Course", title_index.name}}},
      {"add_constraint_check", {}, {AddConstraint{"Course", price_check}}},
      {"add_constraint_unique",
       {},
       {AddConstraint{"Course", unique_together("courses_course_title_instructor_uniq",
                                                {"title", "instructor"})}}},
      {"remove_constraint",
       {AddConstraint{"Course", price_check}},
       {RemoveConstraint{"Course", price_check.name}}},
      {"run_sql",
       {},
       {RunSQL{"UPDATE \"courses_course\" SET \"price_cents\" = 0;", "SELECT 1;",
               "UPDATE \"courses_course\" SET \"price_cents\" = 0;", "SELECT 1"}}},
      {"run_sql_irreversible",
       {},
       {RunSQL{"DELETE FROM \"courses_tag\"", "", "DELETE FROM \"courses_tag\"", ""}}},
  };
}

}  // namespace lectern::migrations::testing
