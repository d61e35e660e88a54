// Test support for storage tests: every such test runs its one body on both
// backends (TEST_P over BackendTest). Each test gets a fresh, empty database:
// a temporary SQLite file, or a fresh schema on the PostgreSQL server named by
// LECTERN_TEST_POSTGRES_URL (dropped afterwards). When that variable is unset
// the PostgreSQL cases skip, unless LECTERN_TEST_REQUIRE_POSTGRES=1 (set by
// `make test`), in which case they fail loudly.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "db/connection.hpp"
#include "db/database.hpp"

namespace lectern::db {
// Test names and failure messages say "sqlite" / "postgres".
inline void PrintTo(Backend backend, std::ostream* os) {
  *os << to_string(backend);
}
}  // namespace lectern::db

namespace lectern::testing {

// The URL of a fresh, empty database for one test, and its cleanup.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(db::Backend backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  db::Backend backend() const { return backend_; }
  // A URL that `lectern --database` and db::Database::open accept.
  const std::string& url() const { return url_; }
  // A new connection to the scratch database.
  std::unique_ptr<db::Connection> connect() const;

 private:
  db::Backend backend_;
  std::string url_;
  std::string sqlite_dir_;
  std::string pg_database_;
  std::string pg_admin_url_;
};

// The PostgreSQL server for tests, or empty when none is configured.
std::string postgres_test_url();

class BackendTest : public ::testing::TestWithParam<db::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  db::Connection& conn() { return *connection_; }
  ScratchDatabase& scratch() { return *scratch_; }

  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<db::Connection> connection_;
};

// "sqlite" / "postgres" as the test name suffix.
std::string backend_name(const ::testing::TestParamInfo<db::Backend>& info);

}  // namespace lectern::testing

#define LECTERN_INSTANTIATE_BACKENDS(Suite)                                                  \
  INSTANTIATE_TEST_SUITE_P(                                                                  \
      Backends, Suite,                                                                       \
      ::testing::Values(::lectern::db::Backend::kSqlite, ::lectern::db::Backend::kPostgres), \
      ::lectern::testing::backend_name)
