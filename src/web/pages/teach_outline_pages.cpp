// A course's outline as its instructor builds it: /teach/courses/{id}/outline
// (modules and lessons in order, adding and moving modules, adding
// lessons) and the lesson form /teach/lessons/{id} with its Markdown
// preview, which without JavaScript posts the form and shows the page again.
#include <charconv>

#include "web/form.hpp"
#include "web/markdown.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using namespace apps::courses;

// A refused add-module or add-lesson form, shown again on the outline.
struct OutlineRefusal {
  std::optional<Id> module_id;  // the module whose lesson form was refused; none: the module form
  std::string typed;
  const Error* error = nullptr;
};

std::string outline_path(Id course_id) {
  return "/teach/courses/" + std::to_string(course_id) + "/outline";
}

http::Response outline_page(PageCall& call, int status, const Course& course,
                            const OutlineRefusal& refusal) {
  const Outline outline = course_outline(call.db, course.id, call.actor());
  View modules{View::type::list};
  for (std::size_t i = 0; i < outline.modules.size(); ++i) {
    const auto& m = outline.modules[i];
    View module{View::type::object};
    module.set("id", std::to_string(m.module.id));
    module.set("title", m.module.title);
    module.set("can_move_up", i > 0);
    module.set("can_move_down", i + 1 < outline.modules.size());
    View lessons{View::type::list};
    for (const auto& l : m.lessons) {
      View lesson{View::type::object};
      lesson.set("id", std::to_string(l.id));
      lesson.set("title", l.title);
      lesson.set("minutes", std::to_string(l.duration_minutes));
      lesson.set("preview", l.is_free_preview);
      lessons.push_back(lesson);
    }
    module.set("lessons", lessons);
    if (refusal.error && refusal.module_id == m.module.id) {
      module.set("lesson_title", refusal.typed);
      const auto& fields = refusal.error->fields();
      auto e = fields.find("title");
      module.set("lesson_error",
                 e != fields.end() ? e->second : std::string(refusal.error->what()));
    }
    modules.push_back(module);
  }
  View view{View::type::object};
  view.set("modules", modules);
  if (refusal.error && !refusal.module_id) {
    view.set("module_title", refusal.typed);
    const auto& fields = refusal.error->fields();
    auto e = fields.find("title");
    view.set("module_error", e != fields.end() ? e->second : std::string(refusal.error->what()));
  }
  set_course_nav(call, view, course, "outline");
  return call.render(status, "teach_outline", view, "Outline of " + course.title);
}

http::Response outline(PageCall& call) {
  return outline_page(call, 200, taught_course(call, call.id("id")), {});
}

// The position after the last one: new modules and lessons go at the end.
template <typename Items>
std::int64_t next_position(const Items& items, auto position_of) {
  std::int64_t next = 1;
  for (const auto& item : items) next = std::max(next, position_of(item) + 1);
  return next;
}

http::Response add_module(PageCall& call) {
  const Course course = taught_course(call, call.id("id"));
  const Outline current = course_outline(call.db, course.id, call.actor());
  const std::string title = call.form().text("title");
  try {
    create_module(call.db, *call.actor(), course.id,
                  {.title = title,
                   .position = next_position(current.modules,
                                             [](const auto& m) { return m.module.position; })},
                  call.now);
    return call.redirect(outline_path(course.id));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return outline_page(call, 422, course, {std::nullopt, title, &e});
  }
}

http::Response add_lesson(PageCall& call) {
  const Id module_id = call.id("id");
  const Course course = taught_course(call, call.id("course"));
  const Outline current = course_outline(call.db, course.id, call.actor());
  const OutlineModule* module = nullptr;
  for (const auto& m : current.modules) {
    if (m.module.id == module_id) module = &m;
  }
  if (!module) throw NotFoundError("There is no such module.");
  const std::string title = call.form().text("title");
  try {
    create_lesson(
        call.db, *call.actor(), module_id,
        {.title = title,
         .content = "",
         .duration_minutes = 0,
         .position = next_position(module->lessons, [](const Lesson& l) { return l.position; }),
         .is_free_preview = false},
        call.now);
    return call.redirect(outline_path(course.id));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return outline_page(call, 422, course, {module_id, title, &e});
  }
}

http::Response move_module_page(PageCall& call) {
  const Course course = taught_course(call, call.id("course"));
  const std::string direction = call.form().text("direction");
  if (direction != "up" && direction != "down") throw UsageError("Move the module up or down.");
  const Id module_id = call.id("id");
  bool found = false;
  for (const auto& m : course_outline(call.db, course.id, call.actor()).modules) {
    found = found || m.module.id == module_id;
  }
  if (!found) throw NotFoundError("There is no such module.");
  move_module(call.db, *call.actor(), module_id,
              direction == "up" ? MoveDirection::up : MoveDirection::down, call.now);
  return call.redirect(outline_path(course.id));
}

// The lesson form's values: the lesson's, or what was typed.
struct LessonForm {
  std::string title, content, duration;
  bool free_preview = false;
};

http::Response lesson_page(PageCall& call, int status, const EditableLesson& place,
                           const LessonForm& values, const Error* error, bool preview) {
  const Course course = taught_course(call, place.module.course_id);
  View view{View::type::object};
  view.set("id", std::to_string(place.lesson.id));
  view.set("heading", place.lesson.title);
  view.set("module", place.module.title);
  view.set("title", values.title);
  view.set("content", values.content);
  view.set("duration_minutes", values.duration);
  view.set("is_free_preview", values.free_preview);
  if (preview) view.set("preview", markdown_to_html(values.content));
  if (error) set_errors(call, view, *error);
  view.set("script", teach_script(call));
  set_course_nav(call, view, course, "outline");
  return call.render(status, "teach_lesson", view, "Edit " + place.lesson.title);
}

http::Response edit_lesson(PageCall& call) {
  const EditableLesson place = taught_lesson(call, call.id("id"));
  const Lesson& l = place.lesson;
  return lesson_page(call, 200, place,
                     {l.title, l.content, std::to_string(l.duration_minutes), l.is_free_preview},
                     nullptr, false);
}

http::Response save_lesson(PageCall& call) {
  const EditableLesson place = taught_lesson(call, call.id("id"));
  const Form& form = call.form();
  const LessonForm typed{form.text("title"), form.text("content"), form.text("duration_minutes"),
                         form.get("is_free_preview").has_value()};
  if (form.text("action") == "preview") {
    return lesson_page(call, 200, place, typed, nullptr, true);
  }
  try {
    std::int64_t minutes = 0;
    const std::string& d = typed.duration;
    auto [end, ec] = std::from_chars(d.data(), d.data() + d.size(), minutes);
    if (d.empty() || ec != std::errc() || end != d.data() + d.size()) {
      throw ValidationError(
          FieldErrors{{"duration_minutes", "Enter the duration as a whole number of minutes."}},
          "Some fields need another look.");
    }
    update_lesson(call.db, *call.actor(), place.lesson.id,
                  {.title = typed.title,
                   .content = typed.content,
                   .duration_minutes = minutes,
                   .position = std::nullopt,
                   .is_free_preview = typed.free_preview},
                  call.now);
    return call.redirect(outline_path(place.module.course_id));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    return lesson_page(call, 422, place, typed, &e, false);
  }
}

// As deleting a course: a dialog with JavaScript, this page without.
http::Response delete_lesson_page(PageCall& call) {
  const EditableLesson place = taught_lesson(call, call.id("id"));
  const std::string lesson_path = "/teach/lessons/" + std::to_string(place.lesson.id);
  if (call.form().text("confirmed") == "yes") {
    delete_lesson(call.db, *call.actor(), place.lesson.id, call.now);
    return call.redirect(outline_path(place.module.course_id));
  }
  View view{View::type::object};
  view.set("heading", "Delete " + place.lesson.title + "?");
  view.set("message", "This deletes the lesson and its students' progress in it.");
  view.set("action", lesson_path + "/delete");
  view.set("button", "Delete lesson");
  view.set("back", lesson_path);
  return call.render(200, "teach_confirm", view, "Delete " + place.lesson.title);
}

}  // namespace

void register_outline_pages(Site& site) {
  site.page("GET", "/teach/courses/{id}/outline", outline);
  site.page("POST", "/teach/courses/{id}/modules", add_module);
  site.page("POST", "/teach/courses/{course}/modules/{id}/lessons", add_lesson);
  site.page("POST", "/teach/courses/{course}/modules/{id}/move", move_module_page);
  site.page("GET", "/teach/lessons/{id}", edit_lesson);
  site.page("POST", "/teach/lessons/{id}", save_lesson);
  site.page("POST", "/teach/lessons/{id}/delete", delete_lesson_page);
}

}  // namespace lectern::web::pages::teach
