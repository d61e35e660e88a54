// A course's numbers for its instructor: /teach/courses/{id}/students (the
// table, 50 a page, and the whole list as CSV) and /teach/courses/{id}/stats
// (the stats of GET /api/courses/{id}/stats and the weekly enrolments and
// completions as bar charts drawn here in SVG, each with a text
// alternative that states the numbers).
#include <algorithm>
#include <cstdio>

#include "apps/courses/stats.hpp"
#include "apps/instructor_portal/exports.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using apps::courses::Course;
namespace portal = apps::instructor_portal;

constexpr std::int64_t kStudentsPerPage = 50;

std::string course_path(std::int64_t id, std::string_view suffix) {
  return "/teach/courses/" + std::to_string(id) + std::string(suffix);
}

http::Response students(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  const Reader reader = call.reader();
  const std::int64_t page = page_number(call);
  const auto found =
      portal::course_students(call.db, *call.actor(), course.id, {page, kStudentsPerPage});
  View rows{View::type::list};
  for (const auto& s : found.results) {
    View row{View::type::object};
    row.set("name", s.user.display_name.empty() ? s.user.username : s.user.display_name);
    row.set("username", s.user.username);
    row.set("status", level_text(s.status));
    row.set("percent", std::to_string(s.progress_percent));
    row.set("iso", format_rfc3339(s.last_activity_at));
    row.set("last_activity", format_datetime(s.last_activity_at, reader));
    rows.push_back(row);
  }
  View view{View::type::object};
  view.set("students", rows);
  view.set("count_text", found.count == 1 ? std::string("1 student")
                                          : format_count(found.count, reader) + " students");
  view.set("csv", course_path(course.id, "/students.csv"));
  const std::int64_t last = last_page(found.count, kStudentsPerPage);
  const std::string base = course_path(course.id, "/students");
  view.set("pagination_html", pagination_html(call.site, page, last, [&](std::int64_t n) {
             return n > 1 ? base + "?page=" + std::to_string(n) : base;
           }));
  set_course_nav(call, view, course, "students");
  return call.render(200, "teach_students", view, "Students of " + course.title);
}

http::Response students_csv(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  http::Response r;
  r.status = 200;
  r.body = portal::students_csv(call.db, *call.actor(), course.id);
  add_page_headers(r, true);
  r.content_type = "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + course.slug + "-students.csv\"");
  return r;
}

// One series of weekly numbers as a bar chart (bar_chart_html).
std::string weekly_chart(PageCall& call, const std::string& id, const std::string& title,
                         const std::vector<portal::WeekCounts>& weeks,
                         std::int64_t portal::WeekCounts::*count, const Reader& reader) {
  std::vector<ChartBar> bars;
  std::int64_t total = 0;
  for (const auto& w : weeks) {
    bars.push_back({format_date(w.week_start, reader), w.*count});
    total += w.*count;
  }
  return bar_chart_html(call, id, title,
                        title + ", week by week (weeks starting on Monday), " +
                            format_count(total, reader) + " in all.",
                        bars);
}

std::string average_text(const std::optional<double>& value, std::string_view unit,
                         const char* none) {
  if (!value) return none;
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", *value);
  return text + std::string(unit);
}

http::Response stats(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  const Reader reader = call.reader();
  const auto s = apps::courses::course_stats(call.db, course.id);
  View facts{View::type::list};
  add_fact(facts, "Students", format_count(s.total_enrollments, reader));
  add_fact(facts, "Active", format_count(s.active_enrollments, reader));
  add_fact(facts, "Completions", format_count(s.completions, reader));
  add_fact(facts, "Reviews", format_count(s.review_count, reader));
  add_fact(facts, "Average rating", average_text(s.average_rating, " out of 5", "No reviews yet"));
  add_fact(facts, "Attempts", format_count(s.attempt_count, reader));
  add_fact(facts, "Average score", average_text(s.average_score, "%", "No attempts yet"));

  const auto weekly = portal::weekly_stats(call.db, *call.actor(), course.id, call.now);
  View charts{View::type::list};
  charts.push_back(weekly_chart(call, "enrolments", "Enrolments per week", weekly.weeks,
                                &portal::WeekCounts::enrollments, reader));
  charts.push_back(weekly_chart(call, "completions", "Completions per week", weekly.weeks,
                                &portal::WeekCounts::completions, reader));
  View view{View::type::object};
  view.set("facts", facts);
  view.set("charts", charts);
  view.set("weeks", std::to_string(portal::kStatsWeeks));
  set_course_nav(call, view, course, "stats");
  return call.render(200, "teach_stats", view, "Statistics of " + course.title);
}

}  // namespace

void register_stats_pages(Site& site) {
  site.page("GET", "/teach/courses/{id}/students", students);
  site.page("GET", "/teach/courses/{id}/students.csv", students_csv);
  site.page("GET", "/teach/courses/{id}/stats", stats);
}

}  // namespace lectern::web::pages::teach
