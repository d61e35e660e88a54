// Rows that belong to one user and hang off a course (notes, bookmarks): the
// checks and queries their services share. Another user's row does not exist
// for the caller (NotFoundError), never a ForbiddenError that would tell it
// does. Every function runs inside the caller's transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "api/validation.hpp"
#include "apps/courses/records.hpp"
#include "core/error.hpp"
#include "db/record.hpp"

namespace lectern::apps::courses {

// The course named in a request body must exist and be visible to the actor;
// the lesson, when given, must belong to it. What is wrong goes to `v` under
// "course_id" / "lesson_id", since both came in as fields.
void check_course_and_lesson(db::Connection& db, const api::Actor& actor, Id course_id,
                             OptionalId lesson_id, api::Validator& v);
// The lesson part alone, for rows whose course is already fixed.
void check_lesson_of_course(db::Connection& db, Id course_id, OptionalId lesson_id,
                            api::Validator& v);

// The actor's row of T with this id; anyone else's is a NotFoundError.
template <db::Record T>
T find_own(db::Connection& db, const api::Actor& actor, Id id, std::string_view what) {
  auto row = db::find_record<T>(db, id);
  if (!row || row->user_id != actor.user_id) {
    throw NotFoundError("No " + std::string(what) + " " + std::to_string(id) + ".");
  }
  return *row;
}

template <db::Record T>
void delete_own(db::Connection& db, const api::Actor& actor, Id id, std::string_view what) {
  static const std::string sql = "DELETE FROM \"" + std::string(T::kTable) + "\" WHERE \"id\" = $1";
  find_own<T>(db, actor, id, what);
  db.query(sql, id);
}

// The actor's rows of T, newest first, of one course when `course_id` is set.
template <db::Record T>
api::Page<T> list_own(db::Connection& db, const api::Actor& actor, OptionalId course_id,
                      api::PageRequest page) {
  // The CAST types $2 for PostgreSQL, which cannot infer it from IS NULL.
  static const std::string where = " FROM \"" + std::string(T::kTable) +
                                   "\" WHERE \"user_id\" = $1 AND (CAST($2 AS bigint) IS NULL OR "
                                   "\"course_id\" = $2)";
  static const std::string count_sql = "SELECT COUNT(*)" + where;
  static const std::string page_sql =
      "SELECT " + db::select_list<T>() + where + " ORDER BY \"created_at\" DESC, \"id\" DESC";
  return api::query_record_page<T>(db, page, count_sql, page_sql, actor.user_id, course_id);
}

// The actor's rows of T on one lesson, newest first.
template <db::Record T>
std::vector<T> list_own_on_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id) {
  static const std::string sql = "SELECT " + db::select_list<T>() + " FROM \"" +
                                 std::string(T::kTable) +
                                 "\" WHERE \"user_id\" = $1 AND \"lesson_id\" = $2 ORDER BY "
                                 "\"created_at\" DESC, \"id\" DESC";
  return db::read_records<T>(db.query(sql, actor.user_id, lesson_id));
}

}  // namespace lectern::apps::courses
