#include "apps/courses/preferences.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <vector>

#include "api/per_user.hpp"
#include "api/validation.hpp"
#include "core/text.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

constexpr std::size_t kMaxLanguage = 35;  // the column's width
constexpr std::size_t kMaxTimezone = 64;

// ASCII only: tags and zone names are ASCII whatever the locale says.
bool alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool alnum(char c) {
  return alpha(c) || digit(c);
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}

bool is_script(std::string_view s) {
  return s.size() == 4 && all_of(s, alpha);
}
bool is_region(std::string_view s) {
  return (s.size() == 2 && all_of(s, alpha)) || (s.size() == 3 && all_of(s, digit));
}
bool is_variant(std::string_view s) {
  if (!all_of(s, alnum)) return false;
  return (s.size() >= 5 && s.size() <= 8) || (s.size() == 4 && digit(s[0]));
}

// Plain path components only: no "..", no absolute paths, nothing but the
// characters tz database names use.
bool safe_zone_path(std::string_view name) {
  if (name.empty() || name.size() > kMaxTimezone) return false;
  for (std::string_view part : split(name, '/')) {
    if (part.empty() || part.front() == '-') return false;
    for (char c : part) {
      if (!alnum(c) && c != '_' && c != '-' && c != '+') return false;
    }
  }
  return true;
}

// Files of the zoneinfo folder that are not zones of their own name: the
// posix/ and right/ trees restate the zones, localtime is this machine's.
bool reserved_zone_path(std::string_view name) {
  return name.starts_with("posix/") || name.starts_with("right/") || name == "localtime" ||
         name == "posixrules";
}

// Returns the theme, when given and valid.
std::optional<Theme> validate(const PreferencesInput& input, api::Validator& v) {
  if (input.language && !is_language_tag(*input.language)) {
    v.fail("language", "Enter a BCP 47 language tag such as en, pt-BR or zh-Hant-TW.");
  }
  if (input.timezone && !is_timezone_name(*input.timezone)) {
    v.fail("timezone", "\"" + *input.timezone + "\" is not a known IANA time zone.");
  }
  return v.choice<Theme>("theme", input.theme);
}

// The object's text in compact form, or a field error.
std::string object_text(const std::optional<std::string>& json, api::Validator& v) {
  if (!json) return "{}";
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*json, ec);
  if (ec || !value.is_object()) {
    v.fail("extra", "Must be a JSON object.");
    return {};
  }
  return boost::json::serialize(value);
}

}  // namespace

bool is_language_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxLanguage) return false;
  const auto parts = split(tag, '-');
  const std::string_view language = parts.front();
  if (language.size() < 2 || language.size() > 3 || !all_of(language, alpha)) return false;
  std::size_t i = 1;
  if (i < parts.size() && is_script(parts[i])) ++i;
  if (i < parts.size() && is_region(parts[i])) ++i;
  for (; i < parts.size(); ++i) {
    if (!is_variant(parts[i])) return false;
  }
  return true;
}

bool is_timezone_name(std::string_view name, const std::filesystem::path& zoneinfo) {
  if (!safe_zone_path(name) || reserved_zone_path(name)) return false;
  const std::filesystem::path file = zoneinfo / std::string(name);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return false;
  // Tables such as zone.tab live there too; a zone is a TZif file.
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  return in && std::string_view(magic, sizeof magic) == "TZif";
}

UserPreference get_preferences(db::Connection& db, const api::Actor& actor) {
  return api::find_by_user<UserPreference>(db, actor.user_id)
      .value_or(UserPreference{.user_id = actor.user_id});
}

std::optional<ReaderSummary> reader_summary(db::Connection& db, Id user_id) {
  static const std::string sql =
      "SELECT u.username, u.display_name, (SELECT COUNT(*) FROM courses_notification n WHERE "
      "n.user_id = u.id AND NOT n.is_read), " +
      db::select_list<UserPreference>("p") +
      " FROM accounts_user u LEFT JOIN courses_userpreference p ON p.user_id = u.id WHERE u.id = "
      "$1";
  constexpr std::size_t kPreferencesAt = 3;
  auto rows = db.query(sql, user_id);
  if (rows.empty()) return std::nullopt;
  const db::Row& row = rows[0];
  ReaderSummary out;
  out.name = row.get<std::string>(1);
  if (out.name.empty()) out.name = row.get<std::string>(0);
  out.unread_notifications = row.get<std::int64_t>(2);
  out.preferences = db::is_null(row.at(kPreferencesAt))
                        ? UserPreference{.user_id = user_id}
                        : db::read_record<UserPreference>(row, kPreferencesAt);
  return out;
}

UserPreference put_preferences(db::Connection& db, const api::Actor& actor,
                               const PreferencesInput& input, Timestamp now) {
  api::Validator v;
  const auto theme = validate(input, v);
  const std::string extra = object_text(input.extra_json, v);
  v.check();
  return db::in_transaction(db, [&](db::Connection& c) {
    const UserPreference defaults;
    UserPreference row = api::ensure_user_row<UserPreference>(c, actor.user_id, now);
    row.language = input.language.value_or(defaults.language);
    row.timezone = input.timezone.value_or(defaults.timezone);
    row.email_notifications = input.email_notifications.value_or(defaults.email_notifications);
    row.theme = theme.value_or(defaults.theme);
    row.extra = db::Json{extra};
    row.updated_at = now;
    db::update_record(c, row);
    // Read back, so PUT answers with what GET will (PostgreSQL reformats jsonb).
    return *api::find_by_user<UserPreference>(c, actor.user_id);
  });
}

}  // namespace lectern::apps::courses
