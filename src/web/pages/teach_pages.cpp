// The instructor pages' shared parts (teach_pages.hpp) and their registration.
#include "web/pages/teach_pages.hpp"

#include <algorithm>
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
  return apps::courses::require_course_editor(call.db, id, teacher(call)).course;
}

apps::courses::EditableLesson taught_lesson(PageCall& call, std::int64_t id) {
  return apps::courses::lesson_for_editor(call.db, teacher(call), id);
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

void add_fact(View& facts, const char* label, std::string value) {
  View item{View::type::object};
  item.set("label", label);
  item.set("value", std::move(value));
  append(facts, std::move(item));
}

std::string bar_chart_html(PageCall& call, const std::string& id, const std::string& title,
                           const std::string& summary, const std::vector<ChartBar>& bars) {
  const Reader reader = call.reader();
  constexpr int kWidth = 640, kHeight = 200, kLeft = 36, kTop = 12, kBottom = 28;
  const int plot_width = kWidth - kLeft - 8;
  const int plot_height = kHeight - kTop - kBottom;
  std::int64_t top = 1;
  for (const auto& b : bars) top = std::max(top, b.value);
  const double step =
      static_cast<double>(plot_width) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  View rects{View::type::list};
  std::string numbers;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const std::int64_t n = bars[i].value;
    const int height = static_cast<int>(static_cast<double>(n) * plot_height / top + 0.5);
    View bar{View::type::object};
    bar.set("x", std::to_string(kLeft + static_cast<int>(i * step) + 1));
    bar.set("y", std::to_string(kTop + plot_height - height));
    bar.set("width", std::to_string(std::max(1, static_cast<int>(step) - 2)));
    bar.set("height", std::to_string(height));
    rects.push_back(bar);
    if (!numbers.empty()) numbers += "; ";
    numbers += bars[i].label + ": " + format_count(n, reader);
  }
  View chart{View::type::object};
  chart.set("id", id);
  chart.set("title", title);
  chart.set("description", summary + " " + numbers + ".");
  chart.set("bars", rects);
  chart.set("width", std::to_string(kWidth));
  chart.set("height", std::to_string(kHeight));
  chart.set("left", std::to_string(kLeft));
  chart.set("right", std::to_string(kWidth - 8));
  chart.set("top", std::to_string(kTop));
  chart.set("base", std::to_string(kTop + plot_height));
  chart.set("label_y", std::to_string(kHeight - 8));
  chart.set("max", format_count(top, reader));
  chart.set("first", bars.empty() ? std::string() : bars.front().label);
  chart.set("last", bars.empty() ? std::string() : bars.back().label);
  return call.site.templates().render("teach_chart", chart);
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
  teach::register_builder_pages(site);
  teach::register_results_pages(site);
}

}  // namespace lectern::web::pages
