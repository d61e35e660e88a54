// Timestamps, counts and prices as a person reads them: in their time zone
// (from the system's tz database, through Howard Hinnant's date/tz) and
// formatted for their language (ICU). Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace lectern::web {

// Who is reading: a BCP 47 language tag and an IANA time zone name.
// Anonymous visitors read English in UTC.
struct Reader {
  std::string language = "en";
  std::string time_zone = "UTC";
};

// "5 December 2026 at 14:03" (en), "5. Dezember 2026 um 14:03" (de), in the
// reader's zone; an unknown zone falls back to UTC.
std::string format_datetime(Timestamp t, const Reader& reader);
// "5 Dec 2026" (en) in the reader's zone.
std::string format_date(Timestamp t, const Reader& reader);
// 1234567 -> "1,234,567" (en), "1.234.567" (de).
std::string format_count(std::int64_t n, const Reader& reader);
// A price in cents, in US dollars ("$19.99"), formatted for the language;
// the catalogue shows "Free" for 0 itself.
std::string format_price(std::int64_t cents, const Reader& reader);

// Every zone name of the system's tz database ("Africa/Abidjan" ... "Zulu"),
// links included, sorted: the choices a reader picks their zone from.
const std::vector<std::string>& time_zone_names();

}  // namespace lectern::web
