// round_trip: what `lectern testmigrations` checks, without the binary, on
// both backends. Migrations that undo themselves pass, in plan order; a
// backward that leaves the schema or the data changed is reported with the
// migration and what differs.
#include "migrations/round_trip.hpp"

#include <gtest/gtest.h>

#include "checks_fixture.hpp"
#include "support/backends.hpp"

namespace lectern::migrations::testing {
namespace {

// shop.0002_<name>: `forward` on both backends, undone by a backward that
// does nothing.
Migration forgetful(const std::string& name, const std::string& forward) {
  std::string body = "run_sql\n";
  for (const char* backend : {"sqlite", "postgres"}) {
    body += "  " + std::string(backend) + "_forward <<SQL\n    " + forward + "\n    SQL\n";
    body += "  " + std::string(backend) + "_backward <<SQL\n    SELECT 1;\n    SQL\n";
  }
  return migration("shop", "0002_" + name, {"shop 0001_initial"}, body + "end\n");
}

class RoundTripTest : public lectern::testing::BackendTest {};

TEST_P(RoundTripTest, MigrationsThatUndoThemselvesPassInPlanOrder) {
  const Migration quantity = migration("shop", "0002_order_quantity", {"shop 0001_initial"},
                                       "add_field Order\n"
                                       "  field quantity type=integer default=1\n"
                                       "end\n");
  MigrationExecutor executor(conn(), std::vector<Migration>{quantity, shop_initial()});
  std::vector<std::string> seen;
  auto failure = round_trip(executor, conn(), [&](const MigrationKey& key, bool passed) {
    seen.push_back(key.str() + (passed ? " passed" : " started"));
  });
  EXPECT_FALSE(failure) << failure->message;
  EXPECT_EQ(seen, (std::vector<std::string>{"shop.0001_initial started", "shop.0001_initial passed",
                                            "shop.0002_order_quantity started",
                                            "shop.0002_order_quantity passed"}));
  // Each is applied again at the end.
  EXPECT_EQ(executor.applied().size(), 2u);
}

TEST_P(RoundTripTest, ASchemaLeftBehindIsReported) {
  MigrationExecutor executor(
      conn(), std::vector<Migration>{shop_initial(),
                                     forgetful("leak", "CREATE TABLE shop_leak (id integer);")});
  auto failure = round_trip(executor, conn());
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->key, (MigrationKey{"shop", "0002_leak"}));
  EXPECT_TRUE(failure->message.starts_with("does not round-trip: unapplying it leaves\n"))
      << failure->message;
  EXPECT_NE(failure->message.find("shop_leak"), std::string::npos) << failure->message;
}

TEST_P(RoundTripTest, DataLeftBehindIsReported) {
  MigrationExecutor executor(
      conn(), std::vector<Migration>{
                  shop_initial(), forgetful("seed", "INSERT INTO shop_item (name) VALUES ('a');")});
  auto failure = round_trip(executor, conn());
  ASSERT_TRUE(failure);
  EXPECT_EQ(failure->key, (MigrationKey{"shop", "0002_seed"}));
  EXPECT_TRUE(failure->message.starts_with(
      "does not round-trip its data: unapplying it leaves rows that differ\n"))
      << failure->message;
}

LECTERN_INSTANTIATE_BACKENDS(RoundTripTest);

}  // namespace
}  // namespace lectern::migrations::testing
