// A lesson as its student reads it, /lessons/{id}: the content, the course's
// outline with the completed lessons marked, "Mark as complete", the
// student's notes on the lesson, the bookmark, the lesson's assessment.
#include <algorithm>

#include "apps/courses/access.hpp"
#include "apps/courses/assessments.hpp"
#include "apps/courses/bookmarks.hpp"
#include "apps/courses/learning.hpp"
#include "apps/courses/notes.hpp"
#include "web/markdown.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using namespace apps::courses;

// What the note forms were sent with when the service refused them (the
// page is shown again with it, status 422).
struct NoteForms {
  std::string new_note;
  std::optional<Id> editing;  // the note whose form is open
  std::string edited_text;
  FieldErrors errors;  // "new_note" or "note"
};

std::string lesson_href(Id id) {
  return "/lessons/" + std::to_string(id);
}

std::string minutes_text(std::int64_t minutes) {
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

bool enrolled(const CourseAccess& access) {
  return access.enrollment && access.enrollment->status != EnrollmentStatus::dropped;
}

View field_error(const FieldErrors& errors, const std::string& field) {
  View view{View::type::object};
  if (auto it = errors.find(field); it != errors.end()) view.set("error", it->second);
  return view;
}

http::Response lesson_page(PageCall& call, const NoteForms& forms = {}) {
  const Reader reader = call.reader();
  const api::Actor* actor = call.actor();
  const LessonPlace place = view_lesson_place(call.db, call.id("id"), actor);
  const Lesson& lesson = place.lesson;
  const CourseAccess access = course_access(call.db, place.course_id, actor);
  const bool is_enrolled = enrolled(access);

  std::vector<Id> done;
  if (actor && is_enrolled) done = completed_lesson_ids(call.db, *actor, place.course_id);
  const auto completed = [&](Id id) { return std::ranges::binary_search(done, id); };

  View page{View::type::object};
  page.set("lesson_id", std::to_string(lesson.id));
  page.set("title", lesson.title);
  page.set("course_title", access.course.title);
  page.set("course_href", "/courses/" + url_encode(access.course.slug));
  page.set("duration", minutes_text(lesson.duration_minutes));
  page.set("content", markdown_to_html(lesson.content));

  // The outline, and the lessons before and after this one in its order.
  const Outline outline = course_outline(call.db, place.course_id, actor);
  std::vector<const Lesson*> order;
  View modules{View::type::list};
  for (const auto& m : outline.modules) {
    if (m.module.id == lesson.module_id) page.set("module_title", m.module.title);
    View module{View::type::object};
    module.set("title", m.module.title);
    View lessons{View::type::list};
    for (const auto& l : m.lessons) {
      order.push_back(&l);
      View item{View::type::object};
      item.set("title", l.title);
      item.set("current", l.id == lesson.id);
      item.set("completed", completed(l.id));
      if (l.is_free_preview || is_enrolled || access.can_edit) item.set("href", lesson_href(l.id));
      lessons.push_back(item);
    }
    module.set("lessons", lessons);
    modules.push_back(module);
  }
  page.set("modules", modules);
  const auto here =
      std::ranges::find_if(order, [&](const Lesson* l) { return l->id == lesson.id; });
  if (here != order.end() && here != order.begin()) {
    page.set("previous_href", lesson_href((*(here - 1))->id));
  }
  if (here != order.end() && here + 1 != order.end()) {
    page.set("next_href", lesson_href((*(here + 1))->id));
  }

  if (actor) {
    page.set("signed_in", true);
    if (is_enrolled) {
      page.set("enrolled", true);
      page.set("completed", completed(lesson.id));
    }
    View notes{View::type::list};
    for (const Note& n : list_lesson_notes(call.db, *actor, lesson.id)) {
      View item{View::type::object};
      item.set("id", std::to_string(n.id));
      item.set("content", n.content);
      item.set("iso", format_rfc3339(n.updated_at));
      item.set("date", format_datetime(n.updated_at, reader));
      if (forms.editing == n.id || call.query("edit") == std::to_string(n.id)) {
        View edit = field_error(forms.errors, "note");
        edit.set("text", forms.editing == n.id ? forms.edited_text : n.content);
        item.set("edit", edit);
      }
      notes.push_back(item);
    }
    page.set("notes", notes);
    View new_note = field_error(forms.errors, "new_note");
    new_note.set("text", forms.new_note);
    page.set("new_note", new_note);
    page.set("bookmarked", find_lesson_bookmark(call.db, *actor, lesson.id).has_value());

    View assessments{View::type::list};
    for (const Assessment& a : all_pages([&](api::PageRequest p) {
           return list_assessments(call.db, *actor, place.course_id, p);
         })) {
      if (a.lesson_id != lesson.id || !a.is_published) continue;
      View item{View::type::object};
      item.set("title", a.title);
      item.set("href", "/assessments/" + std::to_string(a.id));
      assessments.push_back(item);
    }
    page.set("assessments", assessments);
  }
  return call.render(forms.errors.empty() ? 200 : 422, "lesson", page, lesson.title);
}

http::Response show_lesson(PageCall& call) {
  return lesson_page(call);
}

http::Response complete(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Id id = call.id("id");
  complete_lesson(call.db, actor, id, 0, call.now);
  return call.redirect(lesson_href(id));
}

// The field errors of a refused note, under the page's field name.
FieldErrors note_errors(const ValidationError& e, const std::string& field) {
  std::string message = e.what();
  if (auto it = e.fields().find("content"); it != e.fields().end()) message = it->second;
  return {{field, message}};
}

http::Response add_note(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const LessonPlace place = view_lesson_place(call.db, call.id("id"), &actor);
  const std::string content = call.form().text("content");
  try {
    create_note(call.db, actor,
                {.course_id = place.course_id, .lesson_id = place.lesson.id, .content = content},
                call.now);
  } catch (const ValidationError& e) {
    return lesson_page(call, {.new_note = content, .errors = note_errors(e, "new_note")});
  }
  return call.redirect(lesson_href(place.lesson.id) + "#notes");
}

http::Response edit_note(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Id lesson_id = call.id("id");
  const Id note_id = call.id("note");
  const std::string content = call.form().text("content");
  try {
    update_note(call.db, actor, note_id, {.content = content}, call.now);
  } catch (const ValidationError& e) {
    return lesson_page(
        call, {.editing = note_id, .edited_text = content, .errors = note_errors(e, "note")});
  }
  return call.redirect(lesson_href(lesson_id) + "#notes");
}

http::Response remove_note(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  delete_note(call.db, actor, call.id("note"));
  return call.redirect(lesson_href(call.id("id")) + "#notes");
}

http::Response add_bookmark(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const LessonPlace place = view_lesson_place(call.db, call.id("id"), &actor);
  try {
    create_bookmark(call.db, actor,
                    {.course_id = place.course_id, .lesson_id = place.lesson.id, .label = {}},
                    call.now);
  } catch (const ConflictError&) {
    // Bookmarked already (a second tab, a double click): what was asked holds.
  }
  return call.redirect(lesson_href(place.lesson.id));
}

http::Response remove_bookmark(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const LessonPlace place = view_lesson_place(call.db, call.id("id"), &actor);
  if (auto bookmark = find_lesson_bookmark(call.db, actor, place.lesson.id))
    delete_bookmark(call.db, actor, bookmark->id);
  return call.redirect(lesson_href(place.lesson.id));
}

}  // namespace

std::optional<std::int64_t> lesson_to_continue(db::Connection& db, const api::Actor& actor,
                                               std::int64_t course_id) {
  return lesson_to_continue(apps::courses::course_outline(db, course_id, &actor),
                            apps::courses::completed_lesson_ids(db, actor, course_id));
}

std::optional<std::int64_t> lesson_to_continue(const apps::courses::Outline& outline,
                                               const std::vector<std::int64_t>& completed) {
  std::optional<std::int64_t> first;
  for (const auto& m : outline.modules) {
    for (const auto& l : m.lessons) {
      if (!first) first = l.id;
      if (!std::ranges::binary_search(completed, l.id)) return l.id;
    }
  }
  return first;
}

void register_lesson_pages(Site& site) {
  site.page("GET", "/lessons/{id}", show_lesson);
  site.page("POST", "/lessons/{id}/complete", complete);
  site.page("POST", "/lessons/{id}/notes", add_note);
  site.page("POST", "/lessons/{id}/notes/{note}", edit_note);
  site.page("POST", "/lessons/{id}/notes/{note}/delete", remove_note);
  site.page("POST", "/lessons/{id}/bookmark", add_bookmark);
  site.page("POST", "/lessons/{id}/bookmark/delete", remove_bookmark);
}

}  // namespace lectern::web::pages
