#include "apps/courses/bookmarks.hpp"

#include "api/validation.hpp"
#include "apps/courses/personal.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

constexpr std::size_t kMaxLabel = 200;
constexpr std::string_view kWhat = "bookmark";

[[noreturn]] void throw_duplicate(const BookmarkInput& input) {
  const std::string message = input.lesson_id ? "You already bookmarked this lesson."
                                              : "You already bookmarked this course.";
  throw Error(ErrorKind::kConflict, "duplicate", message,
              {{input.lesson_id ? "lesson_id" : "course_id", message}});
}

}  // namespace

Bookmark create_bookmark(db::Connection& db, const api::Actor& actor, const BookmarkInput& input,
                         Timestamp now) {
  api::Validator v;
  v.max_length("label", input.label, kMaxLabel);
  return db::in_transaction(db, [&](db::Connection& c) {
    check_course_and_lesson(c, actor, input.course_id, input.lesson_id, v);
    v.check();
    if (!input.lesson_id) {
      // The unique constraint treats NULL lessons as distinct, so course-level
      // bookmarks take turns and check for themselves.
      db::serialize_transactions(c, db::LockKey::kBookmarks);
      if (!c.query("SELECT 1 FROM courses_bookmark WHERE user_id = $1 AND course_id = $2 AND "
                   "lesson_id IS NULL",
                   actor.user_id, input.course_id)
               .empty()) {
        throw_duplicate(input);
      }
    }
    Bookmark bookmark{.user_id = actor.user_id,
                      .course_id = input.course_id,
                      .lesson_id = input.lesson_id,
                      .label = input.label.value_or(""),
                      .created_at = now,
                      .updated_at = now};
    try {
      bookmark.id = db::insert_record(c, bookmark);
    } catch (const db::UniqueViolation&) {
      throw_duplicate(input);
    }
    return bookmark;
  });
}

Bookmark get_bookmark(db::Connection& db, const api::Actor& actor, Id bookmark_id) {
  return find_own<Bookmark>(db, actor, bookmark_id, kWhat);
}

Bookmark update_bookmark_label(db::Connection& db, const api::Actor& actor, Id bookmark_id,
                               const std::string& label, Timestamp now) {
  api::Validator v;
  v.max_length("label", label, kMaxLabel);
  return db::in_transaction(db, [&](db::Connection& c) {
    Bookmark bookmark = find_own<Bookmark>(c, actor, bookmark_id, kWhat);
    v.check();
    bookmark.label = label;
    bookmark.updated_at = now;
    db::update_record(c, bookmark);
    return bookmark;
  });
}

void delete_bookmark(db::Connection& db, const api::Actor& actor, Id bookmark_id) {
  db::in_transaction(
      db, [&](db::Connection& c) { delete_own<Bookmark>(c, actor, bookmark_id, kWhat); });
}

api::Page<Bookmark> list_bookmarks(db::Connection& db, const api::Actor& actor,
                                   OptionalId course_id, api::PageRequest page) {
  return list_own<Bookmark>(db, actor, course_id, page);
}

std::optional<Bookmark> find_lesson_bookmark(db::Connection& db, const api::Actor& actor,
                                             Id lesson_id) {
  auto found = list_own_on_lesson<Bookmark>(db, actor, lesson_id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace lectern::apps::courses
