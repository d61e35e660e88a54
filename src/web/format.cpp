#include "web/format.hpp"

#include <date/tz.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unordered_map>

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

// ICU's formatters cost tens of microseconds to make (locale data,
// symbols; a course page formats dozens of values) and may not be shared
// while they format: each thread keeps its own, per language, made when
// first asked for.
struct Formatters {
  std::unique_ptr<icu::DateFormat> datetime;
  std::unique_ptr<icu::DateFormat> date;
  std::unique_ptr<icu::NumberFormat> count;
  std::unique_ptr<icu::NumberFormat> price;
};

// Languages come from the readers' preferences: a handful in practice; past
// this many a thread starts its set over rather than grow without bound.
constexpr std::size_t kMaxLanguagesPerThread = 16;

Formatters& formatters_for(const std::string& language) {
  thread_local std::unordered_map<std::string, Formatters> by_language;
  auto it = by_language.find(language);
  if (it != by_language.end()) return it->second;
  if (by_language.size() >= kMaxLanguagesPerThread) by_language.clear();
  return by_language[language];
}

// A date format made for `language`, formatting in UTC (the wall-clock time
// is computed by local_millis); null when ICU cannot make one.
template <typename Make>
icu::DateFormat* date_format(std::unique_ptr<icu::DateFormat>& slot, Make make) {
  if (!slot) {
    slot.reset(make());
    if (slot) slot->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  }
  return slot.get();
}

std::string format_with(icu::DateFormat* format, Timestamp t, const Reader& reader) {
  if (!format) return format_rfc3339(t);
  icu::UnicodeString text;
  format->format(local_millis(t, reader.time_zone), text);
  return to_utf8(text);
}

}  // namespace

std::string format_datetime(Timestamp t, const Reader& reader) {
  auto& slot = formatters_for(reader.language).datetime;
  return format_with(date_format(slot,
                                 [&] {
                                   return icu::DateFormat::createDateTimeInstance(
                                       icu::DateFormat::kLong, icu::DateFormat::kShort,
                                       icu::Locale(reader.language.c_str()));
                                 }),
                     t, reader);
}

std::string format_date(Timestamp t, const Reader& reader) {
  auto& slot = formatters_for(reader.language).date;
  return format_with(date_format(slot,
                                 [&] {
                                   return icu::DateFormat::createDateInstance(
                                       icu::DateFormat::kMedium,
                                       icu::Locale(reader.language.c_str()));
                                 }),
                     t, reader);
}

std::string format_count(std::int64_t n, const Reader& reader) {
  auto& format = formatters_for(reader.language).count;
  if (!format) {
    UErrorCode status = U_ZERO_ERROR;
    format.reset(icu::NumberFormat::createInstance(icu::Locale(reader.language.c_str()), status));
    if (U_FAILURE(status)) format.reset();
  }
  if (!format) return std::to_string(n);
  icu::UnicodeString text;
  format->format(static_cast<int64_t>(n), text);
  return to_utf8(text);
}

std::string format_price(std::int64_t cents, const Reader& reader) {
  auto& format = formatters_for(reader.language).price;
  if (!format) {
    UErrorCode status = U_ZERO_ERROR;
    format.reset(
        icu::NumberFormat::createCurrencyInstance(icu::Locale(reader.language.c_str()), status));
    if (U_SUCCESS(status)) format->setCurrency(u"USD", status);
    if (U_FAILURE(status)) format.reset();
  }
  if (!format) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(cents / 100),
                  static_cast<long long>(cents % 100));
    return text;
  }
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
