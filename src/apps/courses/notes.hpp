// Notes: what a user writes down about a course or one of its lessons,
// visible to its author only (anyone else's note is a NotFoundError). The
// course must be visible to the author and the lesson, when given, must be
// one of that course's. Each call is one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct NoteInput {
  Id course_id = 0;
  OptionalId lesson_id;
  std::optional<std::string> content;
};

// Absent members keep the current value; an engaged nullopt lesson_id
// detaches the note from its lesson. The course never changes.
struct NoteUpdate {
  std::optional<OptionalId> lesson_id;
  std::optional<std::string> content;
};
BOOST_DESCRIBE_STRUCT(NoteUpdate, (), (lesson_id, content))

Note create_note(db::Connection& db, const api::Actor& actor, const NoteInput& input,
                 Timestamp now);
Note get_note(db::Connection& db, const api::Actor& actor, Id note_id);
Note update_note(db::Connection& db, const api::Actor& actor, Id note_id, const NoteUpdate& input,
                 Timestamp now);
void delete_note(db::Connection& db, const api::Actor& actor, Id note_id);
// The actor's notes, newest first, of one course when `course_id` is set.
api::Page<Note> list_notes(db::Connection& db, const api::Actor& actor, OptionalId course_id,
                           api::PageRequest page);
// The actor's notes on one lesson, newest first (the lesson page's list).
std::vector<Note> list_lesson_notes(db::Connection& db, const api::Actor& actor, Id lesson_id);

}  // namespace lectern::apps::courses
