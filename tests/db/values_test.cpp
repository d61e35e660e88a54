// Typed binding and reading, by column name and index, on both backends.
#include <gtest/gtest.h>

#include <limits>

#include "db/db_test_util.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;
using namespace std::chrono;

class ValuesTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (connection_) lectern::testing::create_items_table(conn());
  }
};

TEST_P(ValuesTest, EveryTypeRoundTrips) {
  Timestamp at = sys_days{2026y / 11 / 24} + 9h + 30min + 15s + 123456us;
  std::string raw("\x00\x01\xff\x80 bytes", 10);
  auto inserted = conn().query(
      "INSERT INTO items (name, qty, price, active, at, doc, raw) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      "all", std::numeric_limits<std::int64_t>::max(), 19.99, true, at, Json{R"({"a":[1,2]})"},
      Bytes{raw});
  ASSERT_EQ(inserted.size(), 1u);
  std::int64_t id = inserted.front().get<std::int64_t>("id");
  EXPECT_GT(id, 0);

  auto row = conn().query("SELECT * FROM items WHERE id = $1", id).front();
  EXPECT_EQ(row.get<std::string>("name"), "all");
  EXPECT_EQ(row.get<std::int64_t>("qty"), std::numeric_limits<std::int64_t>::max());
  EXPECT_DOUBLE_EQ(row.get<double>("price"), 19.99);
  EXPECT_TRUE(row.get<bool>("active"));
  EXPECT_EQ(row.get<Timestamp>("at"), at);
  EXPECT_EQ(row.get<Bytes>("raw").data, raw);
  // jsonb normalizes spacing; compare the document, not the bytes.
  std::string doc = row.get<Json>("doc").text;
  doc.erase(std::remove(doc.begin(), doc.end(), ' '), doc.end());
  EXPECT_EQ(doc, R"({"a":[1,2]})");
  // By index too: column 1 is name.
  EXPECT_EQ(row.get<std::string>(1), "all");
}

TEST_P(ValuesTest, UnicodeTextRoundTripsByteForByte) {
  const std::string texts[] = {"héllo wörld", "数据库 🎓 курс", "quote ' and \" and \\", "",
                               std::string("tab\tnew\nline")};
  for (const auto& text : texts) {
    SCOPED_TRACE(text);
    auto id = conn()
                  .query("INSERT INTO items (name, qty) VALUES ($1, 0) RETURNING id", text)
                  .front()
                  .get<std::int64_t>(0);
    EXPECT_EQ(conn().query("SELECT name FROM items WHERE id = $1", id).front().get<std::string>(0),
              text);
    // Found by equality too: the parameter is compared, never spliced.
    EXPECT_EQ(conn().query("SELECT COUNT(*) FROM items WHERE name = $1", text).front().get<int>(0),
              1);
  }
}

TEST_P(ValuesTest, NullsRoundTripAndReadAsNullopt) {
  conn().query(
      "INSERT INTO items (name, qty, price, active, at, doc, raw) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      "nulls", std::optional<int>{}, nullptr, std::optional<bool>{}, std::optional<Timestamp>{},
      std::optional<std::string>{}, nullptr);
  auto row = conn().query("SELECT * FROM items WHERE name = $1", "nulls").front();
  for (const char* column : {"qty", "price", "active", "at", "doc", "raw"}) {
    SCOPED_TRACE(column);
    EXPECT_TRUE(row.is_null(column));
  }
  EXPECT_EQ(row.get<std::optional<std::int64_t>>("qty"), std::nullopt);
  EXPECT_EQ(row.get<std::optional<Timestamp>>("at"), std::nullopt);
  EXPECT_THROW(row.get<std::int64_t>("qty"), TypeMismatch);
}

TEST_P(ValuesTest, TimestampsAreStoredAndComparedInUtc) {
  Timestamp early = sys_days{2025y / 1 / 2} + 11h;
  Timestamp late = early + 1us;
  conn().query("INSERT INTO items (name, qty, at) VALUES ($1, 0, $2)", "late", late);
  conn().query("INSERT INTO items (name, qty, at) VALUES ($1, 0, $2)", "early", early);
  auto rows = conn().query("SELECT name, at FROM items ORDER BY at");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].get<std::string>("name"), "early");
  EXPECT_EQ(rows[0].get<Timestamp>("at"), early);
  EXPECT_EQ(rows[1].get<Timestamp>("at"), late);
  EXPECT_EQ(format_rfc3339(rows[1].get<Timestamp>("at")), "2025-01-02T11:00:00.000001Z");
  // Range comparison with a bound timestamp parameter works on both.
  EXPECT_EQ(conn().query("SELECT COUNT(*) FROM items WHERE at > $1", early).front().get<int>(0), 1);
}

TEST_P(ValuesTest, PreparedStatementsAreCachedBySqlText) {
  const std::string sql = "SELECT COUNT(*) FROM items WHERE qty >= $1";
  auto before = conn().statement_cache_stats();
  conn().query(sql, 0);
  auto after_first = conn().statement_cache_stats();
  EXPECT_EQ(after_first.misses, before.misses + 1);
  conn().query(sql, 5);
  auto after_second = conn().statement_cache_stats();
  EXPECT_EQ(after_second.hits, after_first.hits + 1);
  EXPECT_EQ(after_second.misses, after_first.misses);
}

TEST_P(ValuesTest, AffectedRowsCountsWrites) {
  for (const char* name : {"a", "b", "c"})
    conn().query("INSERT INTO items (name, qty) VALUES ($1, 1)", name);
  EXPECT_EQ(conn().query("UPDATE items SET qty = 2 WHERE qty = 1").affected_rows(), 3);
  EXPECT_EQ(conn().query("DELETE FROM items WHERE name = $1", "a").affected_rows(), 1);
  EXPECT_EQ(conn().query("SELECT * FROM items").affected_rows(), 0);
}

TEST_P(ValuesTest, PlaceholderInsideStringLiteralIsNotAParameter) {
  auto row = conn().query("SELECT '$1' AS literal, $1 AS param", "x").front();
  EXPECT_EQ(row.get<std::string>("literal"), "$1");
  EXPECT_EQ(row.get<std::string>("param"), "x");
}

LECTERN_INSTANTIATE_BACKENDS(ValuesTest);

}  // namespace
}  // namespace lectern::db
