// What the instructor pages under /teach share: the signed-in teacher, a
// course or lesson they edit (refused as the API refuses it: 404 where the
// course is hidden, 403 where it is another's published one), the course's
// sub-navigation, a bar chart, and a refused form's errors as the
// templates show them. Each teach_*.cpp file registers one group of pages.
#pragma once

#include <string>
#include <vector>

#include "apps/courses/catalogue.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages::teach {

// The signed-in actor (UnauthenticatedError: the login page).
const api::Actor& teacher(const PageCall& call);
// The course `id` when the signed-in user edits it; otherwise what the API
// answers (NotFoundError for a course they may not see, ForbiddenError for
// another instructor's published course).
apps::courses::Course taught_course(PageCall& call, std::int64_t id);
// The lesson `id` with its module when the signed-in user edits its course;
// otherwise the API's refusal, as taught_course.
apps::courses::EditableLesson taught_lesson(PageCall& call, std::int64_t id);

// The links every page of a course carries (Outline, Assessments, ...),
// `current` marked with aria-current: sets "course" (title, id, slug,
// published) and "course_nav" (the rendered navigation) on `view`.
void set_course_nav(PageCall& call, View& view, const apps::courses::Course& course,
                    std::string_view current);

// The refused fields of a form: "<field>_error" for the message beside each
// field and "errors" (the rendered summary for the top of the page, each
// message linking to "#<field>"). An error without fields goes to the
// summary alone.
void set_errors(PageCall& call, View& view, const Error& error);

// Whether an error is a refused form (422 with the form shown again).
bool refused_form(const Error& error);

// One bar of a chart: what it counts (for the text alternative and the axis)
// and the number.
struct ChartBar {
  std::string label;
  std::int64_t value = 0;
};
// Appends {label, value} to a list of facts (the stats and results pages'
// figures above their charts).
void add_fact(View& facts, const char* label, std::string value);

// A bar chart drawn here in SVG (templates/teach_chart.mustache), role="img"
// named `title`: the bars scaled to the largest number, its value on the
// axis, the first and last labels below. Its text alternative is `summary`
// followed by every bar's label and number ("label: n; ...").
std::string bar_chart_html(PageCall& call, const std::string& id, const std::string& title,
                           const std::string& summary, const std::vector<ChartBar>& bars);

// The script the teach pages add (confirmation dialogs before deleting).
std::string teach_script(PageCall& call);

void register_course_pages(Site& site);
void register_outline_pages(Site& site);
void register_people_pages(Site& site);
void register_stats_pages(Site& site);
void register_builder_pages(Site& site);
void register_results_pages(Site& site);

}  // namespace lectern::web::pages::teach
