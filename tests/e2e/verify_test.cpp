// `lectern verify` (and its alias `inspect`) as a process on both backends:
// exit 0 and one summary line on a freshly migrated database, exit 1 with
// one line per difference, naming table and column, after drift.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::lectern_binary;
using testing::run_process;

class VerifyProcessTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-verify-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_ / "shop");
    std::ofstream(dir_ / "shop" / "0001_initial.lmig") << R"(# Lectern migration
migration shop 0001_initial

create_model Item table=shop_item
  field id type=bigauto primary_key
  field name type=varchar(100)
  field price_cents type=bigint default=0
  index shop_item_name_idx fields=name
end
create_model Order table=shop_order
  field id type=bigauto primary_key
  field item type=bigint relation=foreign_key target=shop.Item on_delete=cascade
end
)";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    BackendTest::TearDown();
  }
  testing::ProcessResult lectern(const std::string& command) {
    return run_process({lectern_binary(), "--database", scratch().url(), "--migrations-dir",
                        dir_.string(), command});
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_P(VerifyProcessTest, CleanDatabaseExitsZero) {
  auto migrate = lectern("migrate");
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  for (const char* command : {"verify", "inspect"}) {
    SCOPED_TRACE(command);
    auto r = lectern(command);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "No differences: the live schema matches the 1 applied migrations.\n");
  }
}

TEST_P(VerifyProcessTest, DriftExitsOneWithALinePerDifference) {
  ASSERT_EQ(lectern("migrate").exit_code, 0);
  conn().execute_script(R"(ALTER TABLE "shop_item" ADD COLUMN "legacy" text)");
  conn().execute_script(R"(DROP INDEX "shop_item_name_idx")");
  auto r = lectern("verify");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out,
            "verify.E007 table shop_item column legacy: extra column (text) not in the "
            "migrations\n"
            "verify.E009 table shop_item column name: index shop_item_name_idx is missing\n");
  EXPECT_EQ(r.err,
            "lectern: error: the live schema differs from the 1 applied migrations in 2 places\n");
}

// Nothing applied: every table of the files is promised by none of them.
TEST_P(VerifyProcessTest, UnappliedMigrationsPromiseNothing) {
  conn().execute_script(R"(CREATE TABLE "stray" ("id" integer))");
  auto r = lectern("verify");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "verify.E002 table stray: extra table not in the migrations\n");
}

LECTERN_INSTANTIATE_BACKENDS(VerifyProcessTest);

}  // namespace
}  // namespace lectern
