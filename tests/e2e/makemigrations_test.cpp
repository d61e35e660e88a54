// makemigrations through a real binary (the "shop" fixture), following a
// model's history: initial, a new field and index, a declared rename; each
// written file applies, and --check/--dry-run write nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::fixture_binary;
using testing::run_process;

class MakemigrationsTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-mk-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    BackendTest::TearDown();
  }
  testing::ProcessResult lectern(int stage, std::vector<std::string> args) {
    ::setenv("LECTERN_FIXTURE_STAGE", std::to_string(stage).c_str(), 1);
    std::vector<std::string> argv = {fixture_binary("shop"), "--database", scratch().url(),
                                     "--migrations-dir", dir_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_process(argv);
    ::unsetenv("LECTERN_FIXTURE_STAGE");
    return r;
  }
  std::vector<std::string> files() {
    std::vector<std::string> out;
    if (!fs::exists(dir_ / "shop")) return out;
    for (const auto& e : fs::directory_iterator(dir_ / "shop")) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string read(const std::string& name) {
    std::ifstream in(dir_ / "shop" / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_P(MakemigrationsTest, FollowsTheModelHistoryAndEachStepApplies) {
  auto first = lectern(1, {"makemigrations"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("shop/0001_initial.lmig"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("- Create model Item"), std::string::npos) << first.out;
  EXPECT_EQ(files(), std::vector<std::string>{"0001_initial.lmig"});
  ASSERT_EQ(lectern(1, {"migrate"}).exit_code, 0);

  auto clean = lectern(1, {"makemigrations", "--check"});
  EXPECT_EQ(clean.exit_code, 0);
  EXPECT_EQ(clean.out, "No changes detected\n");

  // Stage 2: pending changes are reported by --check and --dry-run, unwritten.
  EXPECT_EQ(lectern(2, {"makemigrations", "--check"}).exit_code, 1);
  auto dry = lectern(2, {"makemigrations", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0);
  EXPECT_NE(dry.out.find("- Add field price_cents to Item"), std::string::npos) << dry.out;
  EXPECT_EQ(files().size(), 1u);

  auto second = lectern(2, {"makemigrations", "--name", "add_price"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(files(), (std::vector<std::string>{"0001_initial.lmig", "0002_add_price.lmig"}));
  EXPECT_NE(read("0002_add_price.lmig").find("depends shop 0001_initial"), std::string::npos);
  auto applied = lectern(2, {"migrate"});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(applied.out.find("Applying shop.0002_add_price... OK"), std::string::npos);

  // Stage 3: the declared rename is a rename, not a drop and an add.
  auto third = lectern(3, {"makemigrations"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("0003_rename_name_item_title_order_note.lmig"), std::string::npos)
      << third.out;
  EXPECT_EQ(third.out.find("Remove field"), std::string::npos) << third.out;
  conn().query("INSERT INTO shop_item (name, price_cents) VALUES ($1, $2)", "kept", 7);
  ASSERT_EQ(lectern(3, {"migrate"}).exit_code, 0);
  auto row = conn().query("SELECT title, price_cents FROM shop_item").front();
  EXPECT_EQ(row.get<std::string>("title"), "kept");
  EXPECT_EQ(lectern(3, {"makemigrations", "--check"}).exit_code, 0);

  // And the whole history round-trips.
  auto sql = lectern(3, {"sqlmigrate", "shop", "0003", "--backwards"});
  EXPECT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("RENAME COLUMN \"title\" TO \"name\""), std::string::npos) << sql.out;
}

TEST_P(MakemigrationsTest, TestmigrationsRoundTripsTheHistory) {
  for (int stage = 1; stage <= 3; ++stage) {
    ASSERT_EQ(lectern(stage, {"makemigrations"}).exit_code, 0);
  }
  auto r = lectern(3, {"testmigrations"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("All 3 migrations round-trip"), std::string::npos) << r.out;
}

LECTERN_INSTANTIATE_BACKENDS(MakemigrationsTest);

}  // namespace
}  // namespace lectern
