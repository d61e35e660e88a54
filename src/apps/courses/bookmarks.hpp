// Bookmarks: a user's marks on a course or on one of its lessons, with an
// optional label; one per user, course and lesson (the course-level one
// included). Visible to their owner only: anyone else's is a NotFoundError.
// Each call is one transaction.
#pragma once

#include <optional>
#include <string>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct BookmarkInput {
  Id course_id = 0;
  OptionalId lesson_id;  // none: the course itself
  std::optional<std::string> label;
};

// A second bookmark of the same course and lesson is a
// ConflictError("duplicate").
Bookmark create_bookmark(db::Connection& db, const api::Actor& actor, const BookmarkInput& input,
                         Timestamp now);
// One of the actor's bookmarks; anyone else's is a NotFoundError.
Bookmark get_bookmark(db::Connection& db, const api::Actor& actor, Id bookmark_id);
Bookmark update_bookmark_label(db::Connection& db, const api::Actor& actor, Id bookmark_id,
                               const std::string& label, Timestamp now);
void delete_bookmark(db::Connection& db, const api::Actor& actor, Id bookmark_id);
// The actor's bookmarks, newest first, of one course when `course_id` is set.
api::Page<Bookmark> list_bookmarks(db::Connection& db, const api::Actor& actor,
                                   OptionalId course_id, api::PageRequest page);
// The actor's bookmark of one lesson, if any.
std::optional<Bookmark> find_lesson_bookmark(db::Connection& db, const api::Actor& actor,
                                             Id lesson_id);

}  // namespace lectern::apps::courses
