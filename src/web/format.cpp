#include "web/format.hpp"

#include <date/tz.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

namespace lectern::web {

namespace {

// The reader's wall-clock time, as milliseconds of a UTC calendar: ICU then
// formats the fields without applying a zone of its own (its zone data is
// not the system's).
UDate local_millis(Timestamp t, std::string_view time_zone) {
  const auto utc = std::chrono::floor<std::chrono::milliseconds>(t);
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
  }
  const auto local = zone->to_local(utc);
  return static_cast<UDate>(local.time_since_epoch().count());
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string format_with(icu::DateFormat* format, Timestamp t, const Reader& reader) {
  if (!format) return format_rfc3339(t);
  std::unique_ptr<icu::DateFormat> owned(format);
  owned->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  icu::UnicodeString text;
  owned->format(local_millis(t, reader.time_zone), text);
  return to_utf8(text);
}

}  // namespace

std::string format_datetime(Timestamp t, const Reader& reader) {
  const icu::Locale locale(reader.language.c_str());
  return format_with(icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong,
                                                             icu::DateFormat::kShort, locale),
                     t, reader);
}

std::string format_date(Timestamp t, const Reader& reader) {
  const icu::Locale locale(reader.language.c_str());
  return format_with(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale), t,
                     reader);
}

std::string format_count(std::int64_t n, const Reader& reader) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createInstance(icu::Locale(reader.language.c_str()), status));
  if (U_FAILURE(status)) return std::to_string(n);
  icu::UnicodeString text;
  format->format(static_cast<int64_t>(n), text);
  return to_utf8(text);
}

std::string format_price(std::int64_t cents, const Reader& reader) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createCurrencyInstance(icu::Locale(reader.language.c_str()), status));
  if (U_FAILURE(status)) return std::to_string(cents / 100) + "." + std::to_string(cents % 100);
  format->setCurrency(u"USD", status);
  icu::UnicodeString text;
  format->format(static_cast<double>(cents) / 100.0, text);
  return to_utf8(text);
}

const std::vector<std::string>& time_zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    const auto& db = date::get_tzdb();
    // Read from the system's files (USE_OS_TZDB): every name, links
    // included, is a zone of its own there.
    for (const auto& zone : db.zones) out.emplace_back(zone.name());
    // The copies of the database under posix/ and right/ (leap seconds)
    // and the files that are no place are not zones a person lives in.
    std::erase_if(out, [](const std::string& name) {
      return name.starts_with("posix") || name.starts_with("right/") || name == "localtime" ||
             name == "Factory";
    });
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }();
  return names;
}

}  // namespace lectern::web
