// `lectern check` as a process: quiet on the shipped models and on the
// "shop" fixture through its history, exit 1 on errors and 0 on warnings
// alone, and the database checks only when a database is named. Both
// backends.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::fixture_binary;
using testing::lectern_binary;
using testing::run_process;

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

class CheckCommandTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-check-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    BackendTest::TearDown();
  }
  // The shop fixture at `stage`, on this test's migrations directory, with
  // or without --database.
  testing::ProcessResult shop(int stage, std::vector<std::string> args, bool database = true) {
    ::setenv("LECTERN_FIXTURE_STAGE", std::to_string(stage).c_str(), 1);
    std::vector<std::string> argv = {fixture_binary("shop"), "--migrations-dir", dir_.string()};
    if (database) argv.insert(argv.end(), {"--database", scratch().url()});
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_process(argv);
    ::unsetenv("LECTERN_FIXTURE_STAGE");
    return r;
  }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories(dir_ / "shop");
    std::ofstream(dir_ / "shop" / name) << text;
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_P(CheckCommandTest, TheShippedModelsAreQuiet) {
  for (bool database : {false, true}) {
    SCOPED_TRACE(database ? "with --database" : "without a database");
    std::vector<std::string> argv = {lectern_binary()};
    if (database) argv.insert(argv.end(), {"--database", scratch().url()});
    argv.push_back("check");
    auto r = run_process(argv);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "System check identified no issues.\n")) << r.out;
    EXPECT_TRUE(has(r.out, database ? "Database checks ran against "
                                    : "Database checks skipped (name a database"))
        << r.out;
  }
}

TEST_P(CheckCommandTest, TheShopFixtureStaysQuietThroughItsHistory) {
  for (int stage = 1; stage <= 3; ++stage) {
    SCOPED_TRACE("stage " + std::to_string(stage));
    ASSERT_EQ(shop(stage, {"makemigrations"}).exit_code, 0);
    auto before = shop(stage, {"check"});
    // The pending migration's index is built without CONCURRENTLY: a
    // warning until it is applied, and warnings alone exit 0.
    EXPECT_EQ(before.exit_code, 0) << before.out << before.err;
    ASSERT_EQ(shop(stage, {"migrate"}).exit_code, 0);
    auto after = shop(stage, {"check"});
    EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
    EXPECT_EQ(after.out, "System check identified no issues.\nDatabase checks ran against " +
                             std::string(db::to_string(GetParam())) + ".\n");
  }
  // Offline, every migration is checked: the index of 0002 is the one warning.
  auto offline = shop(3, {"check"}, false);
  EXPECT_EQ(offline.exit_code, 0) << offline.out << offline.err;
  EXPECT_TRUE(has(
      offline.out,
      "migrations.W004 warning: shop.0002_item_price_cents_order_shop_order_item_created_idx ("))
      << offline.out;
  EXPECT_TRUE(has(offline.out, "System check identified 0 errors and 1 warning.")) << offline.out;
}

TEST_P(CheckCommandTest, ErrorsExitOneWithTheirCodeAndHint) {
  ASSERT_EQ(shop(1, {"makemigrations"}).exit_code, 0);
  for (const char* name : {"0002_a.lmig", "0002_b.lmig"}) {
    write(name, "# Lectern migration\nmigration shop " + std::string(name).substr(0, 6) +
                    "\ndepends shop 0001_initial\n");
  }
  auto r = shop(1, {"check"}, false);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "migrations.E003 error: app shop has 2 leaf migrations (0002_a, 0002_b)"))
      << r.out;
  EXPECT_TRUE(has(r.out, "  hint: two branches were made in parallel")) << r.out;
  EXPECT_TRUE(has(r.out, "System check identified 1 error and 0 warnings.")) << r.out;

  // A malformed file is an error too, not a crash.
  write("0003_bad.lmig", "# Lectern migration\nmigration shop 0003_bad\nfrobnicate\n");
  auto bad = shop(1, {"check"}, false);
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_TRUE(has(bad.out, "migrations.E008 error: ")) << bad.out;
  EXPECT_TRUE(has(bad.out, "0003_bad.lmig:3: expected")) << bad.out;
}

TEST_P(CheckCommandTest, AnAppliedFileEditedSinceNeedsTheDatabaseToSee) {
  ASSERT_EQ(shop(1, {"makemigrations"}).exit_code, 0);
  ASSERT_EQ(shop(1, {"migrate"}).exit_code, 0);
  std::ofstream(dir_ / "shop" / "0001_initial.lmig", std::ios::app) << "# edited after\n";
  auto live = shop(1, {"check"});
  EXPECT_EQ(live.exit_code, 1) << live.out << live.err;
  EXPECT_TRUE(
      has(live.out, "migrations.E006 error: " + (dir_ / "shop" / "0001_initial.lmig").string() +
                        ": shop.0001_initial was applied with checksum "))
      << live.out;
  auto offline = shop(1, {"check", "--offline"});
  EXPECT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_TRUE(has(offline.out, "Database checks skipped (--offline).")) << offline.out;
  // LECTERN_DATABASE_URL names a database as well as --database does.
  ::setenv("LECTERN_DATABASE_URL", scratch().url().c_str(), 1);
  auto from_env = shop(1, {"check"}, false);
  ::unsetenv("LECTERN_DATABASE_URL");
  EXPECT_EQ(from_env.exit_code, 1) << from_env.out;
  EXPECT_TRUE(has(from_env.out, "migrations.E006")) << from_env.out;
}

LECTERN_INSTANTIATE_BACKENDS(CheckCommandTest);

}  // namespace
}  // namespace lectern
