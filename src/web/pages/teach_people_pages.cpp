// The instructor and the people of a course: /teach/courses/{id}/announcements
// (past ones and the form that notifies the enrolled students) and
// /teach/profile (the instructor profile).
#include "apps/instructor_portal/announcements.hpp"
#include "apps/instructor_portal/profiles.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using apps::courses::Course;
namespace portal = apps::instructor_portal;

std::string announcements_path(std::int64_t course_id) {
  return "/teach/courses/" + std::to_string(course_id) + "/announcements";
}

http::Response announcements_page(PageCall& call, int status, const Course& course,
                                  const portal::AnnouncementInput& typed, const Error* error) {
  const Reader reader = call.reader();
  View past{View::type::list};
  const auto found = portal::list_announcements(call.db, course.id, call.actor(),
                                                {1, api::PageRequest::kMaxPageSize});
  for (const auto& a : found.results) {
    View item{View::type::object};
    item.set("title", a.title);
    item.set("body", a.body);
    const Timestamp when = a.published_at.value_or(a.created_at);
    item.set("iso", format_rfc3339(when));
    item.set("date", format_datetime(when, reader));
    past.push_back(item);
  }
  View view{View::type::object};
  view.set("announcements", past);
  view.set("title", typed.title.value_or(""));
  view.set("body", typed.body.value_or(""));
  if (error) set_errors(call, view, *error);
  if (!error && call.query("published") == "1") view.set("published", true);
  set_course_nav(call, view, course, "announcements");
  return call.render(status, "teach_announcements", view, "Announcements of " + course.title);
}

http::Response announcements(PageCall& call) {
  return announcements_page(call, 200, taught_course(call, call.id("id")), {}, nullptr);
}

http::Response post_announcement_page(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  const portal::AnnouncementInput input{call.form().text("title"), call.form().text("body")};
  try {
    portal::post_announcement(call.db, *call.actor(), course.id, input, call.now);
    return call.redirect(announcements_path(course.id) + "?published=1");
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return announcements_page(call, 422, course, input, &e);
  }
}

http::Response profile_page(PageCall& call, int status, const portal::ProfileInput& values,
                            const Error* error, bool saved) {
  View view{View::type::object};
  view.set("bio", values.bio.value_or(""));
  view.set("expertise", values.expertise.value_or(""));
  view.set("website", values.website.value_or(""));
  if (error) set_errors(call, view, *error);
  view.set("saved", saved);
  return call.render(status, "teach_profile", view, "Instructor profile");
}

http::Response profile(PageCall& call) {
  const auto stored = portal::get_profile(call.db, teacher(call));
  return profile_page(call, 200, {stored.bio, stored.expertise, stored.website}, nullptr,
                      call.query("saved") == "1");
}

http::Response save_profile(PageCall& call) {
  const api::Actor& actor = teacher(call);
  const portal::ProfileInput input{call.form().text("bio"), call.form().text("expertise"),
                                   call.form().text("website")};
  try {
    portal::put_profile(call.db, actor, input, call.now);
    return call.redirect("/teach/profile?saved=1");
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return profile_page(call, 422, input, &e, false);
  }
}

}  // namespace

void register_people_pages(Site& site) {
  site.page("GET", "/teach/courses/{id}/announcements", announcements);
  site.page("POST", "/teach/courses/{id}/announcements", post_announcement_page);
  site.page("GET", "/teach/profile", profile);
  site.page("POST", "/teach/profile", save_profile);
}

}  // namespace lectern::web::pages::teach
