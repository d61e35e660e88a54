#include "apps/courses/notes.hpp"

#include "api/validation.hpp"
#include "apps/courses/personal.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {
// The column is unbounded text; this keeps one request's note sane.
constexpr std::size_t kMaxContent = 20000;
constexpr std::string_view kWhat = "note";
}  // namespace

Note create_note(db::Connection& db, const api::Actor& actor, const NoteInput& input,
                 Timestamp now) {
  api::Validator v;
  v.text("content", input.content, kMaxContent, true);
  return db::in_transaction(db, [&](db::Connection& c) {
    check_course_and_lesson(c, actor, input.course_id, input.lesson_id, v);
    v.check();
    Note note{.user_id = actor.user_id,
              .course_id = input.course_id,
              .lesson_id = input.lesson_id,
              .content = *input.content,
              .created_at = now,
              .updated_at = now};
    note.id = db::insert_record(c, note);
    return note;
  });
}

Note get_note(db::Connection& db, const api::Actor& actor, Id note_id) {
  return find_own<Note>(db, actor, note_id, kWhat);
}

Note update_note(db::Connection& db, const api::Actor& actor, Id note_id, const NoteUpdate& input,
                 Timestamp now) {
  api::Validator v;
  v.text("content", input.content, kMaxContent, false);
  return db::in_transaction(db, [&](db::Connection& c) {
    Note note = find_own<Note>(c, actor, note_id, kWhat);
    if (input.lesson_id) check_lesson_of_course(c, note.course_id, *input.lesson_id, v);
    v.check();
    if (input.lesson_id) note.lesson_id = *input.lesson_id;
    if (input.content) note.content = *input.content;
    note.updated_at = now;
    db::update_record(c, note);
    return note;
  });
}

void delete_note(db::Connection& db, const api::Actor& actor, Id note_id) {
  db::in_transaction(db, [&](db::Connection& c) { delete_own<Note>(c, actor, note_id, kWhat); });
}

api::Page<Note> list_notes(db::Connection& db, const api::Actor& actor, OptionalId course_id,
                           api::PageRequest page) {
  return list_own<Note>(db, actor, course_id, page);
}

std::vector<Note> list_lesson_notes(db::Connection& db, const api::Actor& actor, Id lesson_id) {
  return list_own_on_lesson<Note>(db, actor, lesson_id);
}

}  // namespace lectern::apps::courses
