// The instructor pages' shared parts (teach_pages.hpp) and their registration.
#include "web/pages/teach_pages.hpp"

#include <charconv>

#include "apps/courses/access.hpp"

namespace lectern::web::pages {

namespace teach {

namespace {

struct CourseLink {
  const char* key;
  const char* label;
  const char* suffix;
};
constexpr CourseLink kCourseLinks[] = {
    {"course", "Details", ""},
    {"outline", "Outline", "/outline"},
    {"assessments", "Assessments", "/assessments"},
    {"students", "Students", "/students"},
    {"announcements", "Announcements", "/announcements"},
    {"stats", "Statistics", "/stats"},
};

}  // namespace

const api::Actor& teacher(const PageCall& call) {
  if (!call.actor()) throw UnauthenticatedError("not_authenticated", "Please log in.");
  return *call.actor();
}

apps::courses::Course taught_course(PageCall& call, std::int64_t id) {
  const api::Actor& actor = teacher(call);
  try {
    return apps::courses::require_course_editor(call.db, id, actor).course;
  } catch (const ForbiddenError&) {
    throw NotFoundError("There is no such course.");
  }
}

apps::courses::EditableLesson taught_lesson(PageCall& call, std::int64_t id) {
  const api::Actor& actor = teacher(call);
  try {
    return apps::courses::lesson_for_editor(call.db, actor, id);
  } catch (const ForbiddenError&) {
    throw NotFoundError("There is no such lesson.");
  }
}

void set_course_nav(PageCall& call, View& view, const apps::courses::Course& course,
                    std::string_view current) {
  const std::string base = "/teach/courses/" + std::to_string(course.id);
  View links{View::type::list};
  for (const auto& l : kCourseLinks) {
    View link{View::type::object};
    link.set("label", l.label);
    link.set("href", base + l.suffix);
    link.set("current", current == l.key);
    links.push_back(link);
  }
  View about{View::type::object};
  about.set("id", std::to_string(course.id));
  about.set("title", course.title);
  about.set("slug", course.slug);
  about.set("published", course.is_published);
  about.set("links", links);
  view.set("course_nav", call.site.templates().render("teach_nav", about));
  view.set("course", about);
}

void set_errors(PageCall& call, View& view, const Error& error) {
  View list{View::type::list};
  for (const auto& [field, message] : error.fields()) {
    view.set(field + "_error", message);
    View item{View::type::object};
    item.set("field", field);
    item.set("message", message);
    list.push_back(item);
  }
  if (error.fields().empty()) {
    View item{View::type::object};
    item.set("message", std::string(error.what()));
    list.push_back(item);
  }
  View block{View::type::object};
  block.set("list", list);
  view.set("errors", call.site.templates().render("teach_errors", block));
}

bool refused_form(const Error& error) {
  return error.kind() == ErrorKind::kValidation || error.kind() == ErrorKind::kConflict;
}

std::string teach_script(PageCall& call) {
  return call.site.assets().url("teach.js");
}

}  // namespace teach

void register_teach_pages(Site& site) {
  teach::register_course_pages(site);
  teach::register_outline_pages(site);
  teach::register_people_pages(site);
  teach::register_stats_pages(site);
}

}  // namespace lectern::web::pages
