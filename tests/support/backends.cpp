#include "support/backends.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "db/transaction.hpp"

namespace lectern::testing {

namespace {

std::string random_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 100000);
}

// Replaces the database name (the last path segment) of a PostgreSQL URL.
std::string with_database(const std::string& url, const std::string& name) {
  auto query = url.find('?');
  std::string base = url.substr(0, query);
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  auto slash = base.rfind('/');
  if (slash == std::string::npos || slash < base.find("//") + 2) return base + "/" + name + rest;
  return base.substr(0, slash + 1) + name + rest;
}

}  // namespace

std::string postgres_test_url() {
  const char* url = std::getenv("LECTERN_TEST_POSTGRES_URL");
  return url ? url : "";
}

ScratchDatabase::ScratchDatabase(db::Backend backend) : backend_(backend) {
  if (backend == db::Backend::kSqlite) {
    auto dir = std::filesystem::temp_directory_path() / ("lectern-test-" + random_suffix());
    std::filesystem::create_directories(dir);
    sqlite_dir_ = dir.string();
    // Four slashes: an absolute path.
    url_ = "sqlite:///" + (dir / "test.db").string();
    return;
  }
  pg_admin_url_ = postgres_test_url();
  pg_database_ = "lectern_test_" + random_suffix();
  auto admin = db::connect(db::parse_database_url(pg_admin_url_));
  admin->execute_script("CREATE DATABASE " + pg_database_);
  url_ = with_database(pg_admin_url_, pg_database_);
}

ScratchDatabase::~ScratchDatabase() {
  try {
    if (!sqlite_dir_.empty()) std::filesystem::remove_all(sqlite_dir_);
    if (!pg_database_.empty()) {
      auto admin = db::connect(db::parse_database_url(pg_admin_url_));
      admin->execute_script("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cleaning up the scratch database failed: " << e.what();
  }
}

std::unique_ptr<db::Connection> ScratchDatabase::connect() const {
  return db::connect(db::parse_database_url(url_));
}

void BackendTest::SetUp() {
  if (GetParam() == db::Backend::kPostgres && postgres_test_url().empty()) {
    const char* require = std::getenv("LECTERN_TEST_REQUIRE_POSTGRES");
    if (require && std::string(require) == "1") {
      FAIL() << "LECTERN_TEST_POSTGRES_URL is not set but PostgreSQL is required (make test)";
    }
    GTEST_SKIP() << "no PostgreSQL configured (set LECTERN_TEST_POSTGRES_URL)";
  }
  scratch_ = std::make_unique<ScratchDatabase>(GetParam());
  connection_ = scratch_->connect();
}

void BackendTest::TearDown() {
  connection_.reset();
  scratch_.reset();
}

std::string backend_name(const ::testing::TestParamInfo<db::Backend>& info) {
  return std::string(db::to_string(info.param));
}

}  // namespace lectern::testing
