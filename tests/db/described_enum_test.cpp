// Described enums at the storage edge, on both backends: bound as their
// enumerator's name, stored as that text, read back by name (also through
// records), NULL as nullopt, and text naming no enumerator a TypeMismatch.
#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "db/record.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;

enum class Level { beginner, intermediate, advanced };
BOOST_DESCRIBE_ENUM(Level, beginner, intermediate, advanced)

struct Lesson {
  static constexpr std::string_view kTable = "lessons";
  std::int64_t id = 0;
  std::string title;
  Level level = Level::beginner;
  std::optional<Level> next_level;
};
BOOST_DESCRIBE_STRUCT(Lesson, (), (id, title, level, next_level))

class DescribedEnumTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!connection_) return;
    const Dialect& d = conn().dialect();
    conn().execute_script("CREATE TABLE lessons (id " + d.type_name({ColumnType::kBigAutoId}) +
                          ", title text NOT NULL, level varchar(20) NOT NULL, next_level "
                          "varchar(20))");
  }
};

TEST_P(DescribedEnumTest, StoredAsTheEnumeratorsName) {
  const auto id = insert_record(conn(), Lesson{.title = "a", .level = Level::intermediate});
  auto row = conn().query("SELECT level, next_level FROM lessons WHERE id = $1", id).front();
  EXPECT_EQ(row.get<std::string>(0), "intermediate");
  EXPECT_TRUE(row.is_null("next_level"));
  // As a parameter too: the text compares with the column.
  EXPECT_EQ(conn()
                .query("SELECT COUNT(*) FROM lessons WHERE level = $1", Level::intermediate)
                .front()
                .get<std::int64_t>(0),
            1);
}

TEST_P(DescribedEnumTest, RecordsRoundTrip) {
  const Lesson written{.title = "b", .level = Level::advanced, .next_level = Level::beginner};
  Lesson stored = written;
  stored.id = insert_record(conn(), written);
  auto read = find_record<Lesson>(conn(), stored.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->level, Level::advanced);
  EXPECT_EQ(read->next_level, Level::beginner);
  stored.next_level.reset();
  ASSERT_TRUE(update_record(conn(), stored));
  EXPECT_EQ(find_record<Lesson>(conn(), stored.id)->next_level, std::nullopt);
}

TEST_P(DescribedEnumTest, TextNamingNoEnumeratorIsATypeMismatch) {
  conn().query("INSERT INTO lessons (title, level) VALUES ($1, $2)", "c", "expert");
  auto rows = conn().query("SELECT " + select_list<Lesson>() + " FROM lessons");
  try {
    read_record<Lesson>(rows.front());
    FAIL() << "read an unknown level";
  } catch (const TypeMismatch& e) {
    EXPECT_STREQ(e.what(),
                 "column \"level\" holds \"expert\", which is not one of beginner, intermediate, "
                 "advanced");
  }
  EXPECT_THROW(rows.front().get<Level>("title"), TypeMismatch);  // "c"
  // A number is no enumerator's name either.
  EXPECT_THROW(conn().query("SELECT 1 AS n").front().get<Level>(0), TypeMismatch);
}

LECTERN_INSTANTIATE_BACKENDS(DescribedEnumTest);

}  // namespace
}  // namespace lectern::db
