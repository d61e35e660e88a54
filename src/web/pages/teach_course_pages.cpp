// The instructor's courses: /teach (the table of my courses),
// /teach/courses/new and /teach/courses/{id} (the course form, publishing,
// deleting after a confirmation) and /teach/courses/{id}/assessments.
#include <charconv>
#include <cstdio>

#include "apps/courses/assessments.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using namespace apps::courses;

std::string score_text(const std::optional<double>& average) {
  return average ? two_decimals(*average) + "%" : "No attempts yet";
}

http::Response teaching(PageCall& call) {
  const api::Actor& actor = teacher(call);
  const Reader reader = call.reader();
  View courses{View::type::list};
  // An instructor's own courses are few: every page of them.
  for (std::int64_t page = 1;; ++page) {
    const auto mine =
        apps::instructor_portal::my_courses(call.db, actor, {page, api::PageRequest::kMaxPageSize});
    for (const auto& t : mine.results) {
      View item{View::type::object};
      item.set("id", std::to_string(t.course.id));
      item.set("title", t.course.title);
      item.set("status", std::string(t.course.is_published ? "Published" : "Draft"));
      item.set("students", format_count(t.stats.total_enrollments, reader));
      item.set("active", format_count(t.stats.active_enrollments, reader));
      item.set("completions", format_count(t.stats.completions, reader));
      item.set("rating", rating_text(t.stats.average_rating));
      item.set("score", score_text(t.stats.average_score));
      courses.push_back(item);
    }
    if (page * mine.page_size >= mine.count) break;
  }
  View view{View::type::object};
  view.set("courses", courses);
  return call.render(200, "teach", view, "Teaching");
}

// The course form's values: the course's, or what was typed when the form
// was refused.
struct CourseForm {
  std::string title, slug, description, category, level = "beginner", price = "0";
};

CourseForm form_of(const Course& course) {
  return {course.title,
          course.slug,
          course.description,
          course.category_id ? std::to_string(*course.category_id) : "",
          std::string(enum_name(course.level)),
          std::to_string(course.price_cents)};
}

CourseForm typed_form(const Form& form) {
  return {form.text("title"),       form.text("slug"),  form.text("description"),
          form.text("category_id"), form.text("level"), form.text("price_cents")};
}

http::Response course_form(PageCall& call, int status, const std::optional<Course>& course,
                           const CourseForm& values, const Error* error) {
  View view{View::type::object};
  view.set("title", values.title);
  view.set("slug", values.slug);
  view.set("description", values.description);
  view.set("price_cents", values.price);
  View categories{View::type::list};
  for (const auto& c : list_categories(call.db)) {
    View item{View::type::object};
    item.set("id", std::to_string(c.id));
    item.set("name", c.name);
    item.set("selected", std::to_string(c.id) == values.category);
    categories.push_back(item);
  }
  view.set("categories", categories);
  view.set("levels", enum_options<CourseLevel>(values.level));
  if (error) set_errors(call, view, *error);
  std::string heading = "New course";
  if (course) {
    heading = course->title;
    set_course_nav(call, view, *course, "course");
    view.set("action", "/teach/courses/" + std::to_string(course->id));
    view.set("draft", !course->is_published);
    view.set("script", teach_script(call));
  } else {
    view.set("action", "/teach/courses/new");
  }
  view.set("heading", heading);
  return call.render(status, "teach_course", view, heading);
}

// The form's fields as the service takes them; a price or category that is
// not a number is refused here, beside its field.
CourseInput course_input(const Form& form, bool creating) {
  CourseInput input;
  input.title = form.text("title");
  input.description = form.text("description");
  input.level = form.text("level");
  const std::string slug = form.text("slug");
  if (!slug.empty() || !creating) input.slug = slug;
  FieldErrors errors;
  const std::string price = form.text("price_cents");
  std::int64_t cents = 0;
  auto [end, ec] = std::from_chars(price.data(), price.data() + price.size(), cents);
  if (price.empty() || ec != std::errc() || end != price.data() + price.size()) {
    errors["price_cents"] = "Enter the price as a whole number of cents (0 for free).";
  } else {
    input.price_cents = cents;
  }
  const std::string category = form.text("category_id");
  if (category.empty()) {
    input.category_id = OptionalId{};
  } else {
    std::int64_t id = 0;
    auto [cend, cec] = std::from_chars(category.data(), category.data() + category.size(), id);
    if (cec != std::errc() || cend != category.data() + category.size()) {
      errors["category_id"] = "Choose a category from the list.";
    } else {
      input.category_id = OptionalId{id};
    }
  }
  if (!errors.empty()) throw ValidationError(errors, "Some fields need another look.");
  return input;
}

http::Response new_course(PageCall& call) {
  const api::Actor& actor = teacher(call);
  if (!actor.is_instructor() && !actor.is_admin()) {
    throw ForbiddenError("instructors_only", "Only instructors and admins author courses.");
  }
  return course_form(call, 200, std::nullopt, {}, nullptr);
}

http::Response create_course_page(PageCall& call) {
  const api::Actor& actor = teacher(call);
  try {
    const Course course = create_course(call.db, actor, course_input(call.form(), true), call.now);
    return call.redirect("/teach/courses/" + std::to_string(course.id));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return course_form(call, 422, std::nullopt, typed_form(call.form()), &e);
  }
}

http::Response edit_course(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  return course_form(call, 200, course, form_of(course), nullptr);
}

http::Response update_course_page(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  try {
    update_course(call.db, *call.actor(), course.id, course_input(call.form(), false), call.now);
    return call.redirect("/teach/courses/" + std::to_string(course.id));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return course_form(call, 422, course, typed_form(call.form()), &e);
  }
}

http::Response publish_course_page(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  publish_course(call.db, *call.actor(), course.id, call.now);
  return call.redirect("/teach/courses/" + std::to_string(course.id));
}

// Deleting asks first: with JavaScript a dialog (teach.js adds
// confirmed=yes), without it this page, whose button sends confirmed=yes.
http::Response delete_course_page(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  if (call.form().text("confirmed") == "yes") {
    delete_course(call.db, *call.actor(), course.id, call.now);
    return call.redirect("/teach");
  }
  View view{View::type::object};
  view.set("heading", "Delete " + course.title + "?");
  view.set("message",
           "This deletes the course with its modules, lessons, assessments and enrolments. It "
           "cannot be undone.");
  view.set("action", "/teach/courses/" + std::to_string(course.id) + "/delete");
  view.set("button", "Delete course");
  view.set("back", "/teach/courses/" + std::to_string(course.id));
  return call.render(200, "teach_confirm", view, "Delete " + course.title);
}

http::Response course_assessments(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  View list{View::type::list};
  const auto found = all_pages([&](api::PageRequest page) {
    return list_assessments(call.db, *call.actor(), course.id, page);
  });
  for (const auto& a : found) {
    View item{View::type::object};
    item.set("id", std::to_string(a.id));
    item.set("title", a.title);
    item.set("status", std::string(a.is_published ? "Published" : "Draft"));
    item.set("href", "/teach/assessments/" + std::to_string(a.id));
    item.set("results", "/teach/assessments/" + std::to_string(a.id) + "/results");
    list.push_back(item);
  }
  View view{View::type::object};
  view.set("assessments", list);
  view.set("new_href", "/teach/courses/" + std::to_string(course.id) + "/assessments/new");
  set_course_nav(call, view, course, "assessments");
  return call.render(200, "teach_assessments", view, "Assessments of " + course.title);
}

}  // namespace

void register_course_pages(Site& site) {
  site.page("GET", "/teach", teaching);
  site.page("GET", "/teach/courses/new", new_course);
  site.page("POST", "/teach/courses/new", create_course_page);
  site.page("GET", "/teach/courses/{id}", edit_course);
  site.page("POST", "/teach/courses/{id}", update_course_page);
  site.page("POST", "/teach/courses/{id}/publish", publish_course_page);
  site.page("POST", "/teach/courses/{id}/delete", delete_course_page);
  site.page("GET", "/teach/courses/{id}/assessments", course_assessments);
}

}  // namespace lectern::web::pages::teach
