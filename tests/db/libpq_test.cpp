// libpq is loaded on demand (db/postgres/libpq.hpp): a process that only
// uses SQLite never maps it; the first PostgreSQL connection loads it.
// (CTest runs each case in its own process; by hand, the SQLite case runs
// first.)
#include <dlfcn.h>
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "db/errors.hpp"
#include "support/backends.hpp"

namespace lectern::db {
namespace {

using lectern::testing::BackendTest;

bool libpq_loaded() {
  void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_NOLOAD);
  if (handle) dlclose(handle);  // drops only the reference NOLOAD took
  return handle != nullptr;
}

class LibpqTest : public BackendTest {};

TEST_P(LibpqTest, LoadedOnlyOncePostgresIsUsed) {
  EXPECT_EQ(conn().query("SELECT 1 AS one").front().get<std::int64_t>("one"), 1);
  EXPECT_EQ(libpq_loaded(), GetParam() == Backend::kPostgres);
}

LECTERN_INSTANTIATE_BACKENDS(LibpqTest);

TEST(LibpqLoadTest, AnUnreachableServerIsStillAConnectionError) {
  EXPECT_THROW(Database::open("postgresql://nobody@127.0.0.1:1/none"), ConnectionError);
}

}  // namespace
}  // namespace lectern::db
