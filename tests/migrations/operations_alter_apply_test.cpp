// AlterField on a real database of each backend, with rows present:
// PostgreSQL alters in place (TYPE ... USING, NOT NULL, DEFAULT,
// constraints, foreign keys), SQLite rebuilds the table. Each change is
// checked through the database, then unapplied: the schema must be back and
// the rows kept.
#include <gtest/gtest.h>

#include "apply_fixture.hpp"

namespace lectern::migrations::testing {
namespace {

class AlterFieldApplyTest : public ApplyTest {
 protected:
  FieldSpec price(std::int64_t default_value, std::optional<std::int64_t> max = std::nullopt) {
    return with(defaulting(field("price_cents", {ColumnType::kInteger}), default_value),
                [&](FieldSpec& f) {
                  f.min_value = 0;
                  f.max_value = max;
                });
  }
};

TEST_P(AlterFieldApplyTest, TypeChangeConvertsTheRows) {
  apply(AddField{"Course", defaulting(varchar("level", 20), std::string("1"))});
  const auto before = schema();
  const auto u = user("ada");
  const auto c = course("c1", u);
  conn().query("UPDATE courses_course SET level = $1 WHERE id = $2", "42", c);

  apply(AlterField{"Course", defaulting(field("level", {ColumnType::kInteger}), std::int64_t{1}),
                   "\"level\"::integer", "CAST(\"level\" AS integer)"});
  // Each query text is new: PostgreSQL refuses a statement prepared (and
  // cached by the connection) before the column's type changed.
  auto row = conn().query("SELECT level AS altered FROM courses_course WHERE id = $1", c).front();
  EXPECT_TRUE(std::holds_alternative<std::int64_t>(row.at(0)));
  EXPECT_EQ(row.get<std::int64_t>(0), 42);
  const auto c2 = course("c2", u);
  EXPECT_EQ(conn().query("SELECT level FROM courses_course WHERE id = $1", c2).front().get<int>(0),
            1);

  unapply();
  EXPECT_EQ(schema(), before);
  row = conn().query("SELECT level AS restored FROM courses_course WHERE id = $1", c).front();
  EXPECT_TRUE(std::holds_alternative<std::string>(row.at(0)));
  EXPECT_EQ(row.get<std::string>(0), "42");
}

TEST_P(AlterFieldApplyTest, NotNullFillsNullsFromTheDefault) {
  apply(AddField{"Course", nullable(field("summary", {ColumnType::kText}))});
  const auto before = schema();
  const auto u = user("ada");
  const auto empty = course("c1", u);
  const auto full = course("c2", u);
  conn().query("UPDATE courses_course SET summary = $1 WHERE id = $2", "kept", full);

  apply(
      AlterField{"Course", defaulting(field("summary", {ColumnType::kText}), std::string("")), ""});
  auto summary = [&](std::int64_t id) {
    return conn().query("SELECT summary FROM courses_course WHERE id = $1", id).front();
  };
  EXPECT_EQ(summary(empty).get<std::string>(0), "");
  EXPECT_EQ(summary(full).get<std::string>(0), "kept");
  expect_rejected<db::NotNullViolation>(
      [&] { conn().query("UPDATE courses_course SET summary = NULL"); });

  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(summary(full).get<std::string>(0), "kept");
  conn().query("UPDATE courses_course SET summary = NULL WHERE id = $1", empty);
}

TEST_P(AlterFieldApplyTest, NullableAndBack) {
  const auto before = schema();
  course("c1", user("ada"));
  apply(AlterField{"Course", nullable(varchar("title", 200)), ""});
  conn().query("UPDATE courses_course SET title = NULL");
  conn().query("UPDATE courses_course SET title = 'back'");
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT title FROM courses_course").front().get<std::string>(0), "back");
}

TEST_P(AlterFieldApplyTest, UniqueRangeAndDefault) {
  const auto before = schema();
  const auto u = user("ada");
  course("c1", u);
  apply(AlterField{"Course", unique(varchar("title", 200)), ""});
  apply(AlterField{"Course", price(100, 100000), ""});
  const auto c2 = insert(
      "INSERT INTO courses_course (title, slug, instructor_id) VALUES ('Other', 'c2', $1)", u);
  EXPECT_EQ(
      conn().query("SELECT price_cents FROM courses_course WHERE id = $1", c2).front().get<int>(0),
      100);
  expect_rejected<db::UniqueViolation>([&] {
    conn().query("INSERT INTO courses_course (title, slug, instructor_id) VALUES ($1, 'c3', $2)",
                 "Title c1", u);
  });
  expect_rejected<db::CheckViolation>(
      [&] { conn().query("UPDATE courses_course SET price_cents = 100001"); });

  unapply();
  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT id FROM courses_course").size(), 2u);
  conn().query("UPDATE courses_course SET price_cents = 100001");
  conn().query("UPDATE courses_course SET title = 'same'");
}

TEST_P(AlterFieldApplyTest, OnDeleteChange) {
  const auto before = schema();
  const auto c = course("c1", user("ada"));
  const auto category = insert("INSERT INTO courses_category (name) VALUES ('x')");
  conn().query("UPDATE courses_course SET category_id = $1 WHERE id = $2", category, c);

  apply(AlterField{"Course", foreign_key("category", "courses.Category", OnDelete::kProtect, true),
                   ""});
  expect_rejected<db::IntegrityError>(
      [&] { conn().query("DELETE FROM courses_category WHERE id = $1", category); });
  EXPECT_EQ(conn().query("SELECT category_id FROM courses_course").front().get<std::int64_t>(0),
            category);

  unapply();
  EXPECT_EQ(schema(), before);
  conn().query("DELETE FROM courses_category WHERE id = $1", category);
  EXPECT_TRUE(
      conn().query("SELECT category_id FROM courses_course").front().is_null("category_id"));
}

TEST_P(AlterFieldApplyTest, ValidationOnlyChangeRendersNothing) {
  FieldSpec title = with(varchar("title", 200), [](FieldSpec& f) {
    f.choices = {"a", "b"};
    f.min_length = 1;
  });
  ProjectState next = state_;
  state_forwards(AlterField{"Course", title, ""}, "courses", next);
  EXPECT_TRUE(database_forwards(AlterField{"Course", title, ""}, "courses", state_, next, dialect())
                  .empty());
}

TEST_P(AlterFieldApplyTest, KeyTypeChangeFollowsIntoForeignKeys) {
  const auto before = schema();
  const auto c = course("c1", user("ada"));
  const auto category = insert("INSERT INTO courses_category (name) VALUES ('x')");
  conn().query("UPDATE courses_course SET category_id = $1 WHERE id = $2", category, c);

  FieldSpec key = field("id", {ColumnType::kInteger});
  key.primary_key = true;
  apply(AlterField{"Category", key, ""});
  auto type_of = [&](const std::string& table, const std::string& column) {
    for (auto line : schema()) {
      for (auto& ch : line) ch = char(std::tolower(static_cast<unsigned char>(ch)));
      if (line.find(table) != std::string::npos &&
          line.find("| " + column + " |") != std::string::npos)
        return line;
    }
    return std::string();
  };
  EXPECT_NE(type_of("courses_course", "category_id").find("integer"), std::string::npos)
      << type_of("courses_course", "category_id");
  EXPECT_EQ(type_of("courses_course", "category_id").find("bigint"), std::string::npos);
  expect_rejected<db::ForeignKeyViolation>(
      [&] { conn().query("UPDATE courses_course SET category_id = 999"); });

  unapply();
  EXPECT_EQ(schema(), before);
  EXPECT_EQ(conn().query("SELECT category_id FROM courses_course").front().get<std::int64_t>(0),
            category);
  EXPECT_GT(insert("INSERT INTO courses_category (name) VALUES ('y')"), category)
      << "the key is generated again, past the existing rows";
}

LECTERN_INSTANTIATE_BACKENDS(AlterFieldApplyTest);

}  // namespace
}  // namespace lectern::migrations::testing
