// Every operation except AlterField (see operations_alter_apply_test.cpp),
// applied forwards on a real database of each backend: the schema effect is
// checked through the database (what it accepts and refuses), then the
// operation is unapplied and the schema must be back, rows preserved.
#include <gtest/gtest.h>

#include "apply_fixture.hpp"
#include "golden_cases.hpp"

namespace lectern::migrations::testing {
namespace {

class OperationsApplyTest : public ApplyTest {};

// A model with a foreign key, a one-to-one, a many-to-many, a range, a
// unique pair and a check.
ModelState module_model() {
  ModelState m =
      model("Module",
            {foreign_key("course", "courses.Course", OnDelete::kCascade), varchar("title", 200),
             with(field("position", {ColumnType::kInteger}), [](FieldSpec& f) { f.min_value = 0; }),
             with(foreign_key("lead", "accounts.User", OnDelete::kSetNull, true),
                  [](FieldSpec& f) { f.relation = schema::Relation::kOneToOne; }),
             nullable(field("rating", {ColumnType::kInteger}))});
  m.many_to_many = {{"reviewers", "accounts.User"}};
  m.constraints = {
      unique_together("courses_module_course_position_uniq", {"course", "position"}),
      check("courses_module_rating_valid", {{"rating", ">=", 1}, {"rating", "<=", 5}})};
  return m;
}

TEST_P(OperationsApplyTest, CreateModelEnforcesWhatItDeclares) {
  const auto empty = schema();
  apply(CreateModel{module_model()});
  const auto u = user("ada");
  const auto c = course("c1", u);
  const std::string sql =
      "INSERT INTO courses_module (course_id, title, position, lead_id, rating) VALUES ($1, $2, "
      "$3, $4, $5)";
  const auto m = insert(sql, c, "Intro", 0, u, 5);
  conn().query("INSERT INTO courses_module_reviewers (module_id, user_id) VALUES ($1, $2)", m, u);

  expect_rejected<db::NotNullViolation>(
      [&] { conn().query(sql, c, nullptr, 1, nullptr, nullptr); });
  expect_rejected<db::CheckViolation>([&] { conn().query(sql, c, "x", -1, nullptr, nullptr); });
  expect_rejected<db::CheckViolation>([&] { conn().query(sql, c, "x", 1, nullptr, 6); });
  expect_rejected<db::UniqueViolation>([&] { conn().query(sql, c, "x", 0, nullptr, nullptr); });
  expect_rejected<db::UniqueViolation>([&] { conn().query(sql, c, "x", 1, u, nullptr); });
  expect_rejected<db::ForeignKeyViolation>(
      [&] { conn().query(sql, 999, "x", 1, nullptr, nullptr); });
  expect_rejected<db::UniqueViolation>([&] {
    conn().query("INSERT INTO courses_module_reviewers (module_id, user_id) VALUES ($1, $2)", m, u);
  });
  // PROTECT holds in the database too (SQLite reports RESTRICT as a
  // constraint-trigger failure, which src/db classifies as IntegrityError);
  // CASCADE follows the course.
  expect_rejected<db::IntegrityError>(
      [&] { conn().query("DELETE FROM accounts_user WHERE id = $1", u); });
  conn().query("DELETE FROM courses_course WHERE id = $1", c);
  EXPECT_TRUE(conn().query("SELECT id FROM courses_module").empty());
  EXPECT_TRUE(conn().query("SELECT id FROM courses_module_reviewers").empty());

  unapply();
  EXPECT_THROW(conn().query("SELECT id FROM courses_module"), db::StatementError);
  EXPECT_EQ(schema(), empty);
}

TEST_P(OperationsApplyTest, EveryColumnTypeTakesItsDefault) {
  apply(CreateModel{lesson()});
  const auto u = user("ada");
  const auto c = course("c1", u);
  const auto id = insert(
      "INSERT INTO courses_lesson (title, position, price, public_id, course_id, author_id) VALUES "
      "($1, $2, $3, $4, $5, $6)",
      "Intro", 1, 12.5, "1b4e28ba-2fa1-11d2-883f-0016d3cca427", c, u);
  auto row = conn()
                 .query(
                     "SELECT body, views, is_free, weight, created_at, metadata FROM "
                     "courses_lesson WHERE id = $1",
                     id)
                 .front();
  EXPECT_EQ(row.get<std::string>("body"), "");
  EXPECT_EQ(row.get<std::int64_t>("views"), 0);
  EXPECT_FALSE(row.get<bool>("is_free"));
  EXPECT_EQ(row.get<double>("weight"), 0.5);
  EXPECT_GT(row.get<Timestamp>("created_at"), Timestamp{});
  EXPECT_EQ(row.get<std::string>("metadata"), "{}");
  // Not JSON: SQLite's json_valid check, PostgreSQL's jsonb input.
  EXPECT_THROW(conn().query("UPDATE courses_lesson SET metadata = $1", "{nope"), db::DatabaseError);
  unapply();
}

TEST_P(OperationsApplyTest, DeleteModelDropsItsLinkTablesAndComesBack) {
  const auto before = schema();
  course("c1", user("ada"));
  apply(DeleteModel{"Course"});
  EXPECT_THROW(conn().query("SELECT id FROM courses_course"), db::StatementError);
  EXPECT_THROW(conn().query("SELECT id FROM courses_course_tags"), db::StatementError);
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_NO_THROW(course("c2", user("bob")));
}

TEST_P(OperationsApplyTest, RenameModelKeepsRowsAndReferences) {
  apply(
      CreateModel{model("Module", {foreign_key("course", "courses.Course", OnDelete::kCascade)})});
  const auto before = schema();
  const auto u = user("ada");
  const auto c = course("c1", u);
  const auto tag = insert("INSERT INTO courses_tag (name) VALUES ($1)", "cpp");
  conn().query("INSERT INTO courses_course_tags (course_id, tag_id) VALUES ($1, $2)", c, tag);

  apply(RenameModel{"Course", "Class"});
  EXPECT_EQ(conn().query("SELECT slug FROM courses_class").front().get<std::string>(0), "c1");
  EXPECT_EQ(conn().query("SELECT class_id FROM courses_class_tags").front().get<std::int64_t>(0),
            c);
  insert("INSERT INTO courses_module (course_id) VALUES ($1)", c);
  expect_rejected<db::ForeignKeyViolation>(
      [&] { conn().query("INSERT INTO courses_module (course_id) VALUES ($1)", 999); });

  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT course_id FROM courses_course_tags").front().get<std::int64_t>(0),
            c);
  conn().query("DELETE FROM courses_course WHERE id = $1", c);
  EXPECT_TRUE(conn().query("SELECT id FROM courses_module").empty()) << "CASCADE still holds";
}

TEST_P(OperationsApplyTest, AddFieldNullable) {
  const auto before = schema();
  const auto c = course("c1", user("ada"));
  apply(AddField{"Course", nullable(field("summary", {ColumnType::kText}))});
  EXPECT_TRUE(conn().query("SELECT summary FROM courses_course").front().is_null("summary"));
  conn().query("UPDATE courses_course SET summary = $1 WHERE id = $2", "short", c);
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT slug FROM courses_course").front().get<std::string>(0), "c1");
}

TEST_P(OperationsApplyTest, AddFieldNotNullFillsRowsFromTheDefault) {
  const auto before = schema();
  course("c1", user("ada"));
  apply(AddField{"Course", with(field("created_at", {ColumnType::kTimestamp}), [](FieldSpec& f) {
                   f.default_value.kind = schema::DefaultValue::Kind::kNow;
                 })});
  apply(AddField{"Course", defaulting(varchar("level", 20), std::string("beginner"))});
  auto row = conn().query("SELECT created_at, level FROM courses_course").front();
  EXPECT_GT(row.get<Timestamp>("created_at"), Timestamp{});
  EXPECT_EQ(row.get<std::string>("level"), "beginner");
  expect_rejected<db::NotNullViolation>(
      [&] { conn().query("UPDATE courses_course SET level = NULL"); });
  unapply();
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT slug FROM courses_course").size(), 1u);
}

TEST_P(OperationsApplyTest, AddFieldForeignKeySetsNullOnDelete) {
  const auto before = schema();
  const auto c = course("c1", user("ada"));
  apply(AddField{"Course", foreign_key("owner", "accounts.User", OnDelete::kSetNull, true)});
  const auto owner = user("bob");
  conn().query("UPDATE courses_course SET owner_id = $1 WHERE id = $2", owner, c);
  conn().query("DELETE FROM accounts_user WHERE id = $1", owner);
  EXPECT_TRUE(conn().query("SELECT owner_id FROM courses_course").front().is_null("owner_id"));
  unapply();
  EXPECT_EQ(schema(), before);
}

TEST_P(OperationsApplyTest, AddFieldOneToOneIsUnique) {
  const auto before = schema();
  const auto u = user("ada");
  course("c1", u);
  course("c2", u);
  apply(AddField{"Course", with(foreign_key("owner", "accounts.User", OnDelete::kCascade, true),
                                [](FieldSpec& f) { f.relation = schema::Relation::kOneToOne; })});
  conn().query("UPDATE courses_course SET owner_id = $1 WHERE slug = 'c1'", u);
  expect_rejected<db::UniqueViolation>(
      [&] { conn().query("UPDATE courses_course SET owner_id = $1 WHERE slug = 'c2'", u); });
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT id FROM courses_course").size(), 2u);
}

TEST_P(OperationsApplyTest, RemoveFieldAndBackRestoresItsConstraints) {
  const auto before = schema();
  course("c1", user("ada"));
  apply(RemoveField{"Course", "price_cents"});
  EXPECT_THROW(conn().query("SELECT price_cents FROM courses_course"), db::StatementError);
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT price_cents FROM courses_course").front().get<std::int64_t>(0), 0);
  expect_rejected<db::CheckViolation>(
      [&] { conn().query("UPDATE courses_course SET price_cents = -1"); });
}

TEST_P(OperationsApplyTest, RemoveForeignKeyAndBack) {
  const auto before = schema();
  const auto c = course("c1", user("ada"));
  apply(RemoveField{"Course", "category"});
  EXPECT_EQ(conn().query("SELECT id FROM courses_course").front().get<std::int64_t>(0), c);
  unapply();
  EXPECT_EQ(schema(), before);
  expect_rejected<db::ForeignKeyViolation>(
      [&] { conn().query("UPDATE courses_course SET category_id = 999"); });
}

TEST_P(OperationsApplyTest, RenameFieldKeepsValuesAndConstraints) {
  const auto before = schema();
  const auto u = user("ada");
  course("c1", u);
  apply(RenameField{"Course", "title", "name"});
  apply(RenameField{"Course", "instructor", "teacher"});
  auto row = conn().query("SELECT name, teacher_id FROM courses_course").front();
  EXPECT_EQ(row.get<std::string>("name"), "Title c1");
  EXPECT_EQ(row.get<std::int64_t>("teacher_id"), u);
  expect_rejected<db::ForeignKeyViolation>(
      [&] { conn().query("UPDATE courses_course SET teacher_id = 999"); });
  unapply();
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT title FROM courses_course").front().get<std::string>(0),
            "Title c1");
}

TEST_P(OperationsApplyTest, AddUniqueIndexAndRemoveIt) {
  const auto before = schema();
  const auto u = user("ada");
  course("c1", u);
  const IndexSpec index{"courses_course_title_uniq", {"title"}, true};
  apply(AddIndex{"Course", index, false});
  const auto after_add = schema();
  expect_rejected<db::UniqueViolation>([&] {
    conn().query("INSERT INTO courses_course (title, slug, instructor_id) VALUES ($1, $2, $3)",
                 "Title c1", "other", u);
  });
  apply(RemoveIndex{"Course", index.name});
  EXPECT_EQ(schema(), before);
  unapply();
  EXPECT_EQ(schema(), after_add);
  unapply();
  EXPECT_EQ(schema(), before);
}

TEST_P(OperationsApplyTest, AddIndexConcurrently) {
  const auto before = schema();
  course("c1", user("ada"));
  apply(AddIndex{"Course", {"courses_course_title_idx", {"title"}, false}, true});
  EXPECT_NE(schema(), before);
  unapply();
  EXPECT_EQ(schema(), before);
}

TEST_P(OperationsApplyTest, AddConstraintsAndRemoveThem) {
  const auto before = schema();
  const auto u = user("ada");
  course("c1", u);
  apply(AddConstraint{"Course", check("courses_course_price_sane", {{"price_cents", "<=", 1000}})});
  apply(AddConstraint{
      "Course", unique_together("courses_course_title_instructor_uniq", {"title", "instructor"})});
  const auto with_both = schema();
  EXPECT_EQ(conn().query("SELECT slug FROM courses_course").size(), 1u) << "rows survive";
  expect_rejected<db::CheckViolation>(
      [&] { conn().query("UPDATE courses_course SET price_cents = 1001"); });
  expect_rejected<db::UniqueViolation>([&] {
    conn().query("INSERT INTO courses_course (title, slug, instructor_id) VALUES ($1, $2, $3)",
                 "Title c1", "other", u);
  });
  apply(RemoveConstraint{"Course", "courses_course_price_sane"});
  conn().query("UPDATE courses_course SET price_cents = 1001");
  conn().query("UPDATE courses_course SET price_cents = 1000");
  unapply();
  EXPECT_EQ(schema(), with_both);
  unapply();
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT price_cents FROM courses_course").front().get<std::int64_t>(0),
            1000);
}

TEST_P(OperationsApplyTest, RunSqlForwardsAndBackwards) {
  const std::string insert_tag =
      "INSERT INTO courses_tag (name) VALUES ('a'); INSERT INTO courses_tag (name) VALUES ('b');";
  const std::string delete_tags = "DELETE FROM courses_tag";
  apply(RunSQL{insert_tag, delete_tags, insert_tag, delete_tags});
  EXPECT_EQ(conn().query("SELECT id FROM courses_tag").size(), 2u);
  unapply();
  EXPECT_TRUE(conn().query("SELECT id FROM courses_tag").empty());

  apply(RunSQL{insert_tag, "", insert_tag, ""});
  EXPECT_FALSE(reversible(RunSQL{insert_tag, "", insert_tag, ""}, GetParam()));
  EXPECT_THROW(unapply(), IrreversibleError);
}

LECTERN_INSTANTIATE_BACKENDS(OperationsApplyTest);

}  // namespace
}  // namespace lectern::migrations::testing
