// A user's preferences: language (a BCP 47 tag), time zone (a name of the
// system's IANA tz database), e-mail notifications, theme and a free-form
// JSON object. Read and replaced by their owner only; a user without a row
// has the defaults (en, UTC, true, system, {}). Each call is one transaction.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "api/actor.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// The whole object of PUT: an absent member takes the model default.
struct PreferencesInput {
  std::optional<std::string> language;
  std::optional<std::string> timezone;
  std::optional<bool> email_notifications;
  std::optional<std::string> theme;
  std::optional<std::string> extra_json;  // the text of a JSON object
};

// The stored row, or the defaults (id 0) when the actor has none.
UserPreference get_preferences(db::Connection& db, const api::Actor& actor);

// What a page's banner shows of its reader, in one statement (every page
// asks): the name (display name, else username), the preferences and the
// unread notifications. nullopt when the user does not exist.
struct ReaderSummary {
  std::string name;
  UserPreference preferences;
  std::int64_t unread_notifications = 0;
};
std::optional<ReaderSummary> reader_summary(db::Connection& db, Id user_id);
// Creates or replaces the actor's row. Every broken member is a field error
// of one ValidationError.
UserPreference put_preferences(db::Connection& db, const api::Actor& actor,
                               const PreferencesInput& input, Timestamp now);

inline const std::filesystem::path kZoneInfoDir = "/usr/share/zoneinfo";

// BCP 47 syntax: a 2-3 letter language, then optionally a 4-letter script, a
// region (2 letters or 3 digits) and variants ("en", "pt-BR", "zh-Hant-TW",
// "sl-rozaj"), any case.
bool is_language_tag(std::string_view tag);
// A zone of the tz database under `zoneinfo` ("Europe/Paris", "UTC"): a name
// made of plain path components that names a TZif file there.
bool is_timezone_name(std::string_view name, const std::filesystem::path& zoneinfo = kZoneInfoDir);

}  // namespace lectern::apps::courses
