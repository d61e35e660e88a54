// The checks that read a database: applied history against the graph
// (E004), files edited after they were applied (E006), warnings only for
// what is still to apply, and on PostgreSQL the rows a narrowing change
// would fail on (E009). Both backends, each test on a fresh database.
#include <gtest/gtest.h>

#include "checks_fixture.hpp"
#include "migrations/executor.hpp"
#include "migrations/recorder.hpp"
#include "support/backends.hpp"

namespace lectern::migrations::testing {
namespace {

class ChecksLiveTest : public lectern::testing::BackendTest {
 protected:
  std::vector<CheckMessage> live(const std::vector<Migration>& files) {
    const LoadedMigrations loaded(files);
    MigrationHistory history = replay_migrations(loaded);
    return live_checks(conn(), loaded, history, MigrationRecorder(conn()).applied());
  }
  void apply(const std::vector<Migration>& files, const MigrationKey& target) {
    MigrationExecutor(conn(), files).migrate({target});
  }
};

TEST_P(ChecksLiveTest, AnAppliedFileEditedSinceIsReported) {
  std::vector<Migration> files = {shop_initial()};
  apply(files, {"shop", "0001_initial"});
  EXPECT_TRUE(live(files).empty()) << printed(live(files));

  files[0] =
      migration("shop", "0001_initial", {}, "# a comment changes the bytes\n" + kShopInitial);
  auto messages = live(files);
  ASSERT_EQ(codes(messages), std::vector<std::string>{"migrations.E006"}) << printed(messages);
  EXPECT_NE(messages[0].message.find("migrations/shop/0001_initial.lmig: shop.0001_initial was "
                                     "applied with checksum " +
                                     shop_initial().checksum.substr(0, 12)),
            std::string::npos)
      << messages[0].message;
  EXPECT_NE(messages[0].hint.find("put the change in a new migration"), std::string::npos);
}

TEST_P(ChecksLiveTest, HistoryAppliedBeforeItsDependencyIsReported) {
  // shop.0003_c -> shop.0002_b -> shop.0001_initial; 0003 recorded, 0002 not.
  std::vector<Migration> files = {shop_initial(),
                                  migration("shop", "0002_b", {"shop 0001_initial"}, ""),
                                  migration("shop", "0003_c", {"shop 0002_b"}, "")};
  apply(files, {"shop", "0001_initial"});
  MigrationRecorder(conn()).record_applied({"shop", "0003_c"}, files[2].checksum);
  auto messages = live(files);
  ASSERT_EQ(codes(messages), std::vector<std::string>{"migrations.E004"}) << printed(messages);
  EXPECT_EQ(messages[0].message, "shop.0003_c is applied before its dependency shop.0002_b");
  EXPECT_NE(messages[0].hint.find("--fake"), std::string::npos);
}

TEST_P(ChecksLiveTest, WarningsCoverOnlyWhatIsStillToApply) {
  std::vector<Migration> files = {
      shop_initial(),
      migration("shop", "0002_drop", {"shop 0001_initial"}, "remove_field Item name=name\n")};
  CheckOptions options{.backend = GetParam(), .connection = &conn()};
  apply(files, {"shop", "0001_initial"});
  EXPECT_NE(find(run_checks(shop_registry(), files, options), "migrations.W003"), nullptr);
  apply(files, {"shop", "0002_drop"});
  auto messages = run_checks(shop_registry(), files, options);
  EXPECT_EQ(find(messages, "migrations.W003"), nullptr) << printed(messages);
}

TEST_P(ChecksLiveTest, NarrowingChangesCountTheRowsThatWouldFail) {
  const std::string initial = R"(create_model Metric table=shop_metric
  field id type=bigauto primary_key
  field value type=bigint
  field amount type=decimal(10,2)
  field label type=text
end
)";
  struct Case {
    std::string name;
    std::string field;  // the alter_field's field line
    std::string message;
  };
  const std::vector<Case> cases = {
      {"bigint to integer", "field value type=integer",
       "shop.Metric.value changes type from bigint to integer, and 1 row(s) of "
       "shop_metric.value do not fit"},
      {"decimal precision down", "field amount type=decimal(5,2)",
       "changes type from numeric(10, 2) to numeric(5, 2), and 2 row(s) of shop_metric.amount"},
      {"text to varchar", "field label type=varchar(3)",
       "changes type from text to varchar(3), and 1 row(s) of shop_metric.label"},
      {"a wide enough varchar", "field label type=varchar(10)", ""},
  };
  std::vector<Migration> files = {migration("shop", "0001_initial", {}, initial)};
  apply(files, {"shop", "0001_initial"});
  const char* insert = "INSERT INTO shop_metric (value, amount, label) VALUES ($1, $2, $3)";
  conn().query(insert, std::int64_t{3000000000}, 12345.67, "abcd");
  conn().query(insert, std::int64_t{7}, 999.995, "abc");
  conn().query(insert, std::int64_t{-7}, -1.5, "");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    files.resize(1);
    files.push_back(migration("shop", "0002_narrow", {"shop 0001_initial"},
                              "alter_field Metric\n  " + c.field + "\nend\n"));
    auto messages = live(files);
    if (c.message.empty()) {
      // Counted on both backends: SQLite's rebuild refuses the same rows.
      EXPECT_TRUE(messages.empty()) << printed(messages);
      continue;
    }
    ASSERT_EQ(codes(messages), std::vector<std::string>{"migrations.E009"}) << printed(messages);
    EXPECT_NE(messages[0].message.find("shop.0002_narrow (migrations/shop/0002_narrow.lmig:5): "),
              std::string::npos)
        << messages[0].message;
    EXPECT_NE(messages[0].message.find(c.message), std::string::npos) << messages[0].message;
    EXPECT_NE(messages[0].hint.find("fix those rows first"), std::string::npos);
  }
}

LECTERN_INSTANTIATE_BACKENDS(ChecksLiveTest);

}  // namespace
}  // namespace lectern::migrations::testing
