#include "apps/courses/activity.hpp"

#include <algorithm>

#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

UserActivity record_activity(db::Connection& db, Id user_id, ActivityType activity_type,
                             OptionalId course_id, OptionalId lesson_id, Timestamp now,
                             std::string metadata_json) {
  UserActivity row{.user_id = user_id,
                   .activity_type = activity_type,
                   .course_id = course_id,
                   .lesson_id = lesson_id,
                   .metadata = db::Json{std::move(metadata_json)},
                   .created_at = now};
  row.id = db::insert_record(db, row);
  if (is_learning_activity(activity_type)) note_learning_event(db, user_id, now);
  return row;
}

namespace {

ActivityType check_activity_type(const ActivityInput& input) {
  const auto type = enum_from_name<ActivityType>(input.activity_type);
  if (!type) {
    throw ValidationError(
        FieldErrors{{"activity_type", "\"" + input.activity_type + "\" is not a valid choice."}});
  }
  if (*type != ActivityType::view_course && *type != ActivityType::view_lesson) {
    throw ValidationError(FieldErrors{
        {"activity_type", "\"" + input.activity_type +
                              "\" is recorded by the server; post view_course or view_lesson."}});
  }
  return *type;
}

// A draft exists only for its instructor and admins (as in catalogue.hpp):
// to anyone else it is unknown.
std::string visible(const char* user, const char* is_admin) {
  return std::string("(c.is_published OR c.instructor_id = ") + user + " OR " + is_admin + ")";
}

// One statement inserts the row only when both references are visible to
// the actor: nullopt when it inserted nothing.
std::optional<UserActivity> insert_if_visible(db::Connection& db, const api::Actor& actor,
                                              const ActivityInput& input, ActivityType type,
                                              Timestamp now) {
  static const std::string sql =
      "INSERT INTO courses_useractivity (user_id, activity_type, course_id, lesson_id, metadata, "
      "created_at) SELECT $1, $2, $3, $4, $5, $6 WHERE (CAST($3 AS bigint) IS NULL OR EXISTS "
      "(SELECT 1 FROM courses_course c WHERE c.id = $3 AND " +
      visible("$1", "$7") +
      ")) AND (CAST($4 AS bigint) IS NULL OR EXISTS (SELECT 1 FROM courses_lesson l JOIN "
      "courses_module m ON m.id = l.module_id JOIN courses_course c ON c.id = m.course_id WHERE "
      "l.id = $4 AND " +
      visible("$1", "$7") + ")) RETURNING id";
  UserActivity row{.user_id = actor.user_id,
                   .activity_type = type,
                   .course_id = input.course_id,
                   .lesson_id = input.lesson_id,
                   .metadata = db::Json{input.metadata_json},
                   .created_at = now};
  auto inserted = db.query(sql, row.user_id, row.activity_type, row.course_id, row.lesson_id,
                           row.metadata, row.created_at, actor.is_admin());
  if (inserted.empty()) return std::nullopt;
  row.id = inserted.front().get<Id>(0);
  return row;
}

// Which reference was not visible, as the 422 the client gets. Only a
// refused request pays for this query.
ValidationError refusal(db::Connection& db, const api::Actor& actor, const ActivityInput& input) {
  static const std::string sql =
      "SELECT (SELECT COUNT(*) FROM courses_course c WHERE c.id = $2 AND " + visible("$1", "$4") +
      "), (SELECT COUNT(*) FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id JOIN "
      "courses_course c ON c.id = m.course_id WHERE l.id = $3 AND " +
      visible("$1", "$4") + ")";
  auto found = db.query(sql, actor.user_id, input.course_id, input.lesson_id, actor.is_admin());
  FieldErrors errors;
  if (input.course_id && found[0].get<std::int64_t>(0) == 0) {
    errors["course_id"] = "No course " + std::to_string(*input.course_id) + ".";
  }
  if (input.lesson_id && found[0].get<std::int64_t>(1) == 0) {
    errors["lesson_id"] = "No lesson " + std::to_string(*input.lesson_id) + ".";
  }
  if (errors.empty()) errors["course_id"] = "The course or lesson went away meanwhile.";
  return ValidationError(errors);
}

}  // namespace

UserActivity post_activity(db::Connection& db, const api::Actor& actor, const ActivityInput& input,
                           Timestamp now) {
  const ActivityType type = check_activity_type(input);
  // Autocommit: the one statement commits on its own.
  if (auto row = insert_if_visible(db, actor, input, type, now)) return *row;
  throw refusal(db, actor, input);
}

api::Page<UserActivity> list_activity(db::Connection& db, const api::Actor& actor,
                                      api::PageRequest page) {
  static const std::string sql = "SELECT " + db::select_list<UserActivity>() +
                                 " FROM courses_useractivity WHERE user_id = $1 ORDER BY "
                                 "created_at DESC, id DESC";
  return api::query_record_page<UserActivity>(
      db, page, "SELECT COUNT(*) FROM courses_useractivity WHERE user_id = $1", sql, actor.user_id);
}

}  // namespace lectern::apps::courses
