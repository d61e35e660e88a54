// A user's notes and bookmarks as their own pages list them: each row with
// the title and slug of its course and the title of its lesson, so a reader
// finds it again. Their owner's only, like notes.hpp and bookmarks.hpp.
#pragma once

#include <string>
#include <string_view>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

template <typename T>
struct Titled {
  T row;
  std::string course_title;
  std::string course_slug;
  std::string lesson_title;  // empty when the row is on the whole course
};

// The actor's notes whose text, course title or lesson title contains
// `search` (any case; all of them when empty), newest first.
api::Page<Titled<Note>> search_notes(db::Connection& db, const api::Actor& actor,
                                     std::string_view search, api::PageRequest page);
// The actor's bookmarks, newest first.
api::Page<Titled<Bookmark>> list_titled_bookmarks(db::Connection& db, const api::Actor& actor,
                                                  api::PageRequest page);

}  // namespace lectern::apps::courses
