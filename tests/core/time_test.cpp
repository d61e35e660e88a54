#include "core/time.hpp"

#include <gtest/gtest.h>

namespace lectern {
namespace {

using namespace std::chrono;

TEST(TimeTest, FormatsRfc3339WithFractionOnlyWhenPresent) {
  Timestamp whole = sys_days{2026y / 11 / 24} + 9h + 30min;
  EXPECT_EQ(format_rfc3339(whole), "2026-11-24T09:30:00Z");
  EXPECT_EQ(format_rfc3339(whole + 1500us), "2026-11-24T09:30:00.001500Z");
  EXPECT_EQ(format_storage(whole), "2026-11-24T09:30:00.000000Z");
}

struct ParseCase {
  const char* text;
  const char* expected;  // RFC 3339 of the parsed value, or nullptr for "rejected"
};

TEST(TimeTest, ParsesTheFormsBothBackendsAndClientsSend) {
  const ParseCase cases[] = {
      {"2026-11-24T09:30:00Z", "2026-11-24T09:30:00Z"},
      {"2026-11-24 09:30:00+00", "2026-11-24T09:30:00Z"},
      {"2026-11-24 09:30:00.5+00", "2026-11-24T09:30:00.500000Z"},
      {"2026-11-24T11:30:00+02:00", "2026-11-24T09:30:00Z"},
      {"2026-11-24T04:30:00-0500", "2026-11-24T09:30:00Z"},
      {"2026-11-24T09:30:00.123456789Z", "2026-11-24T09:30:00.123456Z"},
      {"2026-11-24T09:30:00", nullptr},   // no zone: ambiguous
      {"2026-02-30T09:30:00Z", nullptr},  // no such day
      {"2026-11-24T25:30:00Z", nullptr},
      {"not a time", nullptr},
      {"2026-11-24T09:30:00Zjunk", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = parse_timestamp(c.text);
    if (c.expected == nullptr) {
      EXPECT_FALSE(parsed.has_value());
    } else {
      ASSERT_TRUE(parsed.has_value());
      EXPECT_EQ(format_rfc3339(*parsed), c.expected);
    }
  }
}

TEST(TimeTest, StorageFormatSortsInTimeOrder) {
  Timestamp a = sys_days{2026y / 1 / 2} + 3h;
  Timestamp b = a + 1us;
  Timestamp c = a + 10h;
  EXPECT_LT(format_storage(a), format_storage(b));
  EXPECT_LT(format_storage(b), format_storage(c));
  EXPECT_EQ(parse_timestamp(format_storage(b)), b);
}

}  // namespace
}  // namespace lectern
