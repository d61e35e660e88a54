// The cache of what pages show every reader alike: an entry is served until
// this process writes to a database (on either backend) or it is older than
// its TTL, and the cache holds at most its capacity.
#include "web/shared_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "support/backends.hpp"

namespace lectern::web {
namespace {

using namespace std::chrono_literals;

class SharedCacheTest : public lectern::testing::BackendTest {};

TEST_P(SharedCacheTest, AnEntryLastsUntilAWriteOfThisProcess) {
  conn().execute_script("CREATE TABLE shown (n integer)");
  SharedCache<std::int64_t> cache(1h);
  int loads = 0;
  auto read = [&] {
    ++loads;
    return conn().count("SELECT count(*) FROM shown");
  };
  EXPECT_EQ(*cache.get("k", read), 0);
  EXPECT_EQ(*cache.get("k", read), 0);
  EXPECT_EQ(loads, 1);  // the reads in between wrote nothing

  conn().query("INSERT INTO shown (n) VALUES (1)");
  EXPECT_EQ(*cache.get("k", read), 1);
  EXPECT_EQ(loads, 2);
  EXPECT_EQ(*cache.get("other", read), 1);  // keys are apart
  EXPECT_EQ(loads, 3);
}

LECTERN_INSTANTIATE_BACKENDS(SharedCacheTest);

TEST(SharedCache, AnEntryLastsNoLongerThanItsTtl) {
  SharedCache<int> cache(20ms);
  int loads = 0;
  auto load = [&] { return ++loads; };
  EXPECT_EQ(*cache.get("k", load), 1);
  EXPECT_EQ(*cache.get("k", load), 1);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(*cache.get("k", load), 2);
}

TEST(SharedCache, ReachingItsCapacityDropsEveryEntry) {
  SharedCache<int> cache(1h, 2);
  int loads = 0;
  auto load = [&] { return ++loads; };
  cache.get("a", load);
  cache.get("b", load);
  EXPECT_EQ(loads, 2);
  cache.get("c", load);  // full: a and b go
  cache.get("a", load);
  EXPECT_EQ(loads, 4);
}

}  // namespace
}  // namespace lectern::web
