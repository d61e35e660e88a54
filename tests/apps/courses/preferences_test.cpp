// Preferences on both backends: the defaults until the first PUT, then the
// stored row, replaced whole by each PUT; language tags, IANA time zones,
// themes and the extra object are checked field by field.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "apps/courses/preferences.hpp"
#include "db/record.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using testing::error_of;
using testing::is_field_error;

class PreferencesTest : public testing::DomainTest {};

boost::json::value json(const db::Json& stored) {
  return boost::json::parse(stored.text);
}

TEST_P(PreferencesTest, DefaultsUntilTheFirstPutThenTheStoredRow) {
  auto ada = make_actor("ada");
  UserPreference defaults = get_preferences(conn(), ada);
  EXPECT_EQ(defaults.id, 0);
  EXPECT_EQ(defaults.user_id, ada.user_id);
  EXPECT_EQ(defaults.language, "en");
  EXPECT_EQ(defaults.timezone, "UTC");
  EXPECT_TRUE(defaults.email_notifications);
  EXPECT_EQ(defaults.theme, Theme::system);
  EXPECT_EQ(json(defaults.extra), boost::json::parse("{}"));

  UserPreference put = put_preferences(conn(), ada,
                                       {.language = "pt-BR",
                                        .timezone = "America/Sao_Paulo",
                                        .email_notifications = false,
                                        .theme = "dark",
                                        .extra_json = R"({"font": {"size": 14}, "beta": true})"},
                                       now());
  EXPECT_GT(put.id, 0);
  UserPreference got = get_preferences(conn(), ada);
  EXPECT_EQ(got.id, put.id);
  EXPECT_EQ(got.language, "pt-BR");
  EXPECT_EQ(got.timezone, "America/Sao_Paulo");
  EXPECT_FALSE(got.email_notifications);
  EXPECT_EQ(got.theme, Theme::dark);
  EXPECT_EQ(json(got.extra), boost::json::parse(R"({"beta": true, "font": {"size": 14}})"));
  EXPECT_EQ(got.extra, put.extra);
  EXPECT_EQ(got.created_at, now());

  // Another user still has the defaults.
  EXPECT_EQ(get_preferences(conn(), make_actor("bob")).id, 0);
}

TEST_P(PreferencesTest, EachPutReplacesTheWholeObject) {
  auto ada = make_actor("ada");
  const Timestamp created = now();
  put_preferences(conn(), ada, {.language = "fr", .theme = "light", .extra_json = R"({"a": 1})"},
                  now());
  advance(std::chrono::hours(1));
  UserPreference second = put_preferences(conn(), ada, {.timezone = "Europe/Paris"}, now());
  EXPECT_EQ(second.language, "en");
  EXPECT_EQ(second.timezone, "Europe/Paris");
  EXPECT_EQ(second.theme, Theme::system);
  EXPECT_EQ(json(second.extra), boost::json::parse("{}"));
  EXPECT_EQ(second.created_at, created);
  EXPECT_EQ(second.updated_at, now());
  EXPECT_EQ(
      conn().query("SELECT COUNT(*) FROM courses_userpreference").front().get<std::int64_t>(0), 1);
}

TEST_P(PreferencesTest, ChecksEveryFieldAndStoresNothingWhenOneIsWrong) {
  struct Case {
    std::string name;
    PreferencesInput input;
    std::set<std::string> fields;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"plain language", {.language = "en"}, {}},
      {"language and region", {.language = "pt-BR"}, {}},
      {"script and region", {.language = "zh-Hant-TW"}, {}},
      {"numeric region", {.language = "es-419"}, {}},
      {"variant", {.language = "sl-rozaj"}, {}},
      {"three-letter language", {.language = "haw"}, {}},
      {"one letter", {.language = "e"}, {"language"}},
      {"four letters", {.language = "engl"}, {"language"}},
      {"underscore", {.language = "en_US"}, {"language"}},
      {"empty subtag", {.language = "en--US"}, {"language"}},
      {"trailing hyphen", {.language = "en-"}, {"language"}},
      {"digits as language", {.language = "12"}, {"language"}},
      {"garbage", {.language = "<script>"}, {"language"}},
      {"empty language", {.language = ""}, {"language"}},
      {"too long", {.language = "en-" + std::string(40, 'a')}, {"language"}},
      {"zone with region", {.timezone = "Europe/Paris"}, {}},
      {"three-part zone", {.timezone = "America/Argentina/Buenos_Aires"}, {}},
      {"zone with sign", {.timezone = "Etc/GMT+5"}, {}},
      {"unknown zone", {.timezone = "Mars/Olympus_Mons"}, {"timezone"}},
      {"wrong case", {.timezone = "europe/paris"}, {"timezone"}},
      {"parent directory", {.timezone = "../../etc/passwd"}, {"timezone"}},
      {"dot segment", {.timezone = "Europe/../UTC"}, {"timezone"}},
      {"absolute path", {.timezone = "/usr/share/zoneinfo/UTC"}, {"timezone"}},
      {"a folder", {.timezone = "Europe"}, {"timezone"}},
      {"a table, not a zone", {.timezone = "zone.tab"}, {"timezone"}},
      {"a data file, not a zone", {.timezone = "leapseconds"}, {"timezone"}},
      {"the posix copy", {.timezone = "posix/Europe/Paris"}, {"timezone"}},
      {"empty zone", {.timezone = ""}, {"timezone"}},
      {"each theme", {.theme = "light"}, {}},
      {"unknown theme", {.theme = "blue"}, {"theme"}},
      {"empty object", {.extra_json = "{}"}, {}},
      {"array", {.extra_json = "[1, 2]"}, {"extra"}},
      {"string", {.extra_json = R"("x")"}, {"extra"}},
      {"broken json", {.extra_json = R"({"a": )"}, {"extra"}},
      {"trailing text", {.extra_json = "{} {}"}, {"extra"}},
      {"all at once",
       {.language = "x", .timezone = "Nowhere", .theme = "", .extra_json = "null"},
       {"language", "timezone", "theme", "extra"}},
  };
  auto ada = make_actor("ada");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto before = db::record_values(get_preferences(conn(), ada), true);
    advance(std::chrono::seconds(1));
    auto error = error_of([&] { put_preferences(conn(), ada, c.input, now()); });
    if (c.fields.empty()) {
      EXPECT_FALSE(error) << error->what();
    } else {
      EXPECT_TRUE(is_field_error(error, c.fields));
      EXPECT_EQ(db::record_values(get_preferences(conn(), ada), true), before);
    }
  }
}

TEST_P(PreferencesTest, ATimeZoneMustBeATzifFileOfTheGivenDatabase) {
  EXPECT_TRUE(is_timezone_name("UTC"));
  EXPECT_FALSE(is_timezone_name("UTC", "/nonexistent/zoneinfo"));
  EXPECT_FALSE(is_timezone_name("localtime"));
  EXPECT_FALSE(is_timezone_name("Europe/Paris\n"));
  EXPECT_FALSE(is_timezone_name(std::string("UTC\0x", 5)));
}

LECTERN_INSTANTIATE_BACKENDS(PreferencesTest);

}  // namespace
}  // namespace lectern
