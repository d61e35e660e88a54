// A signed-in user's own pages: /notes (searchable, grouped by course),
// /bookmarks, /notifications and /settings, each on the services the API's
// /api/notes, /api/bookmarks, /api/me/notifications and
// /api/me/preferences call.
#include <algorithm>
#include <charconv>
#include <map>

#include "apps/courses/bookmarks.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/personal_views.hpp"
#include "apps/courses/preferences.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using namespace apps::courses;

constexpr std::int64_t kNotesPerPage = 50;
constexpr std::int64_t kBookmarksPerPage = 50;
constexpr std::int64_t kNotificationsPerPage = 20;

// The languages the settings offer, each named in itself.
constexpr std::pair<const char*, const char*> kLanguages[] = {{"en", "English"},
                                                              {"de", "Deutsch"},
                                                              {"es", "Español"},
                                                              {"fr", "Français"},
                                                              {"it", "Italiano"},
                                                              {"nl", "Nederlands"},
                                                              {"pt-BR", "Português (Brasil)"},
                                                              {"ja", "日本語"},
                                                              {"zh-Hans", "中文（简体）"}};

// The lesson a note or bookmark is on, when it is on one ({{#lesson}}: an
// empty string would count as there).
void set_lesson(View& item, OptionalId lesson_id, const std::string& title) {
  if (!lesson_id) return;
  item.set("lesson", title);
  item.set("lesson_href", "/lessons/" + std::to_string(*lesson_id));
}

http::Response notes_page(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const std::string search = call.query("search").value_or("");
  const std::int64_t page = page_number(call);
  const auto found = search_notes(call.db, actor, search, {page, kNotesPerPage});

  // Grouped by course, the courses in the order of their newest note.
  std::vector<std::pair<View, View>> by_course;  // the course, its notes
  std::map<Id, std::size_t> index;
  for (const auto& t : found.results) {
    auto [it, added] = index.emplace(t.row.course_id, by_course.size());
    if (added) {
      View course{View::type::object};
      course.set("title", t.course_title);
      course.set("slug", t.course_slug);
      by_course.emplace_back(course, View{View::type::list});
    }
    View note{View::type::object};
    note.set("content", t.row.content);
    set_lesson(note, t.row.lesson_id, t.lesson_title);
    note.set("iso", format_rfc3339(t.row.created_at));
    note.set("date", format_datetime(t.row.created_at, reader));
    by_course[it->second].second.push_back(note);
  }
  View groups{View::type::list};
  for (auto& [course, notes] : by_course) {
    course.set("notes", notes);
    groups.push_back(course);
  }

  View view{View::type::object};
  view.set("search", search);
  view.set("groups", groups);
  view.set("searched", !search.empty());
  view.set("count_text",
           found.count == 1 ? std::string("1 note") : format_count(found.count, reader) + " notes");
  view.set("pagination_html",
           pagination_html(call.site, page, last_page(found.count, kNotesPerPage),
                           [&](std::int64_t n) { return search_href("/notes", search, n); }));
  return call.render(200, "notes", view, "My notes");
}

http::Response bookmarks_page(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const std::int64_t page = page_number(call);
  const auto found = list_titled_bookmarks(call.db, actor, {page, kBookmarksPerPage});
  View items{View::type::list};
  for (const auto& t : found.results) {
    View item{View::type::object};
    item.set("id", std::to_string(t.row.id));
    item.set("course", t.course_title);
    item.set("slug", t.course_slug);
    set_lesson(item, t.row.lesson_id, t.lesson_title);
    if (!t.row.label.empty()) item.set("label", t.row.label);
    item.set("iso", format_rfc3339(t.row.created_at));
    item.set("date", format_date(t.row.created_at, reader));
    items.push_back(item);
  }
  View view{View::type::object};
  view.set("bookmarks", items);
  view.set("pagination_html",
           pagination_html(
               call.site, page, last_page(found.count, kBookmarksPerPage), [](std::int64_t n) {
                 return n > 1 ? "/bookmarks?page=" + std::to_string(n) : std::string("/bookmarks");
               }));
  return call.render(200, "bookmarks", view, "Bookmarks");
}

http::Response remove_bookmark(PageCall& call) {
  delete_bookmark(call.db, signed_in_actor(call), call.id("id"));
  return call.redirect("/bookmarks");
}

std::string notifications_href(std::int64_t page) {
  return page > 1 ? "/notifications?page=" + std::to_string(page) : std::string("/notifications");
}

// The list page the form was sent from (its hidden field "page"), to go
// back to; the first for anything else.
std::int64_t form_page(const PageCall& call) {
  const std::string text = call.form().text("page");
  std::int64_t page = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  return ec == std::errc() && end == text.data() + text.size() && page > 0 ? page : 1;
}

http::Response notifications_page(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const std::int64_t page = page_number(call);
  const auto found =
      list_notifications(call.db, actor, /*unread_only=*/false, {page, kNotificationsPerPage});
  View items{View::type::list};
  for (const auto& n : found.results) {
    View item{View::type::object};
    item.set("id", std::to_string(n.id));
    item.set("title", n.title);
    item.set("message", n.message);
    if (same_site_path(n.link)) item.set("link", n.link);
    item.set("unread", !n.is_read);
    item.set("iso", format_rfc3339(n.created_at));
    item.set("date", format_datetime(n.created_at, reader));
    items.push_back(item);
  }
  View view{View::type::object};
  view.set("notifications", items);
  view.set("page", std::to_string(page));
  view.set("any_unread", call.user() && call.user()->unread_notifications > 0);
  view.set("pagination_html",
           pagination_html(call.site, page, last_page(found.count, kNotificationsPerPage),
                           notifications_href));
  return call.render(200, "notifications", view, "Notifications");
}

http::Response read_notification(PageCall& call) {
  mark_read(call.db, signed_in_actor(call), call.id("id"), call.now);
  return call.redirect(notifications_href(form_page(call)));
}

http::Response read_all_notifications(PageCall& call) {
  mark_all_read(call.db, signed_in_actor(call), call.now);
  return call.redirect(notifications_href(form_page(call)));
}

// The settings form: the stored preferences, or what was sent with the
// errors found in it (422).
http::Response settings_page(PageCall& call, int status, const UserPreference& shown,
                             const FieldErrors& errors) {
  View languages{View::type::list};
  bool known_language = false;
  for (const auto& [tag, name] : kLanguages) {
    View item{View::type::object};
    item.set("value", tag);
    item.set("label", name);
    item.set("selected", shown.language == tag);
    known_language = known_language || shown.language == tag;
    languages.push_back(item);
  }
  if (!known_language && !shown.language.empty()) {
    View item{View::type::object};
    item.set("value", shown.language);
    item.set("label", shown.language);
    item.set("selected", true);
    languages.push_back(item);
  }
  View zones{View::type::list};
  const auto& names = time_zone_names();
  // A stored zone the list leaves out stays chosen rather than changing on
  // the next save.
  if (!std::binary_search(names.begin(), names.end(), shown.timezone)) {
    View item{View::type::object};
    item.set("name", shown.timezone);
    item.set("selected", true);
    zones.push_back(item);
  }
  for (const auto& name : names) {
    View item{View::type::object};
    item.set("name", name);
    item.set("selected", name == shown.timezone);
    zones.push_back(item);
  }
  View themes{View::type::list};
  for (const auto& name : enum_names<Theme>()) {
    View item{View::type::object};
    item.set("value", name);
    item.set("label", level_text(name));
    item.set("checked", name == enum_name(shown.theme));
    themes.push_back(item);
  }
  View view{View::type::object};
  view.set("languages", languages);
  view.set("zones", zones);
  view.set("themes", themes);
  view.set("email_notifications", shown.email_notifications);
  view.set("saved", status == 200 && call.query("saved").has_value());
  view.set("now", format_datetime(call.now, call.reader()));
  view.set("zone", call.reader().time_zone);
  for (const char* field : {"language", "timezone", "theme"}) {
    if (auto e = errors.find(field); e != errors.end())
      view.set(std::string(field) + "_error", e->second);
  }
  return call.render(status, "settings", view, "Settings");
}

http::Response get_settings(PageCall& call) {
  return settings_page(call, 200, get_preferences(call.db, signed_in_actor(call)), {});
}

http::Response post_settings(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const UserPreference current = get_preferences(call.db, actor);
  PreferencesInput input{.language = call.form().text("language"),
                         .timezone = call.form().text("timezone"),
                         .email_notifications = call.form().get("email_notifications").has_value(),
                         .theme = call.form().text("theme"),
                         // The form does not show them: kept as they are.
                         .extra_json = current.extra.text};
  try {
    put_preferences(call.db, actor, input, call.now);
  } catch (const ValidationError& e) {
    UserPreference shown = current;
    shown.language = *input.language;
    shown.timezone = *input.timezone;
    shown.email_notifications = *input.email_notifications;
    if (auto theme = enum_from_name<Theme>(*input.theme)) shown.theme = *theme;
    return settings_page(call, 422, shown, e.fields());
  }
  return call.redirect("/settings?saved=1");
}

}  // namespace

void register_personal_pages(Site& site) {
  site.page("GET", "/notes", notes_page);
  site.page("GET", "/bookmarks", bookmarks_page);
  site.page("POST", "/bookmarks/{id}/remove", remove_bookmark);
  site.page("GET", "/notifications", notifications_page);
  site.page("POST", "/notifications/{id}/read", read_notification);
  site.page("POST", "/notifications/read-all", read_all_notifications);
  site.page("GET", "/settings", get_settings);
  site.page("POST", "/settings", post_settings);
}

}  // namespace lectern::web::pages
