// Times in the reader's zone (system tz database) and language (ICU).
#include "web/format.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace lectern::web {
namespace {

const Timestamp kNoonUtc = *parse_timestamp("2026-07-05T12:30:00Z");

TEST(Format, DatesInTheReadersZoneAndLanguage) {
  EXPECT_EQ(format_date(kNoonUtc, {"en", "UTC"}), "Jul 5, 2026");
  EXPECT_NE(format_datetime(kNoonUtc, {"en", "UTC"}).find("12:30"), std::string::npos);
  // Summer time in Berlin: UTC+2.
  EXPECT_NE(format_datetime(kNoonUtc, {"de", "Europe/Berlin"}).find("14:30"), std::string::npos);
  EXPECT_NE(format_datetime(kNoonUtc, {"de", "Europe/Berlin"}).find("Juli"), std::string::npos);
  // Across the date line.
  EXPECT_EQ(format_date(*parse_timestamp("2026-07-05T23:30:00Z"), {"en", "Pacific/Auckland"}),
            "Jul 6, 2026");
  // An unknown zone reads as UTC rather than failing the page.
  EXPECT_NE(format_datetime(kNoonUtc, {"en", "Mars/Olympus"}).find("12:30"), std::string::npos);
}

TEST(Format, CountsAndPricesForTheLanguage) {
  EXPECT_EQ(format_count(1234567, {"en", "UTC"}), "1,234,567");
  EXPECT_EQ(format_count(1234567, {"de", "UTC"}), "1.234.567");
  EXPECT_EQ(format_price(1999, {"en", "UTC"}), "$19.99");
  EXPECT_NE(format_price(1999, {"de", "UTC"}).find("19,99"), std::string::npos);
}

// Each thread keeps its formatters per language: readers of many languages
// on many threads each get their own language, and past the per-thread
// bound the set starts over without changing any answer.
TEST(Format, FormattersKeptPerThreadAnswerEachReaderInTheirLanguage) {
  const char* languages[] = {"en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "fi",
                             "nb", "pl", "cs", "hu", "ro", "tr", "el", "ru", "ja", "ko"};
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 3; ++round) {
        for (const char* language : languages) {
          const Reader reader{language, "UTC"};
          const Reader english{"en", "UTC"};
          if (format_count(1234567, english) != "1,234,567") ++wrong;
          if (format_price(1999, english) != "$19.99") ++wrong;
          if (format_date(kNoonUtc, english) != "Jul 5, 2026") ++wrong;
          if (format_count(1234567, reader).find("234") == std::string::npos) ++wrong;
        }
        if (format_count(1234567, {"de", "UTC"}) != "1.234.567") ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Format, TimeZoneNamesAreTheSystemDatabasesZones) {
  const auto& names = time_zone_names();
  ASSERT_FALSE(names.empty());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  for (const char* zone : {"UTC", "Europe/Paris", "Asia/Tokyo", "America/Argentina/Buenos_Aires"}) {
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), zone)) << zone;
  }
  // Not the database's copies, nor this machine's own zone.
  for (const auto& name : names) {
    EXPECT_FALSE(name.starts_with("posix") || name.starts_with("right/") || name == "localtime")
        << name;
  }
}

}  // namespace
}  // namespace lectern::web
