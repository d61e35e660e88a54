// What the instructor pages under /teach share: the signed-in teacher, a
// course or lesson they edit (any other is a 404 page, as a draft is in the
// API), the course's sub-navigation, and a refused form's errors as the
// templates show them. Each teach_*.cpp file registers one group of pages.
#pragma once

#include <string>

#include "apps/courses/catalogue.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages::teach {

// The signed-in actor (UnauthenticatedError: the login page).
const api::Actor& teacher(const PageCall& call);
// The course `id` when the signed-in user edits it; NotFoundError when not,
// so that another instructor's course does not exist on these pages.
apps::courses::Course taught_course(PageCall& call, std::int64_t id);
// The lesson `id` with its module when the signed-in user edits its course;
// NotFoundError when not.
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

// The script the teach pages add (confirmation dialogs before deleting).
std::string teach_script(PageCall& call);

void register_course_pages(Site& site);
void register_outline_pages(Site& site);
void register_people_pages(Site& site);
void register_stats_pages(Site& site);

}  // namespace lectern::web::pages::teach
