#include "apps/courses/activity.hpp"

#include <algorithm>

#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

UserActivity record_activity(db::Connection& db, Id user_id, std::string_view activity_type,
                             OptionalId course_id, OptionalId lesson_id, Timestamp now,
                             std::string metadata_json) {
  UserActivity row{.user_id = user_id,
                   .activity_type = std::string(activity_type),
                   .course_id = course_id,
                   .lesson_id = lesson_id,
                   .metadata = db::Json{std::move(metadata_json)},
                   .created_at = now};
  row.id = db::insert_record(db, row);
  if (is_learning_activity(activity_type)) note_learning_event(db, user_id, now);
  return row;
}

UserActivity post_activity(db::Connection& db, const Actor& actor, const ActivityInput& input,
                           Timestamp now) {
  FieldErrors errors;
  static constexpr const char* kKnown[] = {"login",           "view_course",   "view_lesson",
                                           "complete_lesson", "start_attempt", "submit_attempt",
                                           "enroll",          "review"};
  const bool known =
      std::find(std::begin(kKnown), std::end(kKnown), input.activity_type) != std::end(kKnown);
  if (!known) {
    errors["activity_type"] = "\"" + input.activity_type + "\" is not a valid choice.";
  } else if (input.activity_type != "view_course" && input.activity_type != "view_lesson") {
    errors["activity_type"] = "\"" + input.activity_type +
                              "\" is recorded by the server; post view_course or view_lesson.";
  }
  // One round trip checks both references. A draft exists only for its
  // instructor and admins (as in catalogue.hpp): to anyone else it is unknown.
  auto found = db.query(
      "SELECT (SELECT COUNT(*) FROM courses_course c WHERE c.id = $1 AND (c.is_published OR "
      "c.instructor_id = $3 OR $4 = 'admin')), "
      "(SELECT COUNT(*) FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id JOIN "
      "courses_course c ON c.id = m.course_id WHERE l.id = $2 AND (c.is_published OR "
      "c.instructor_id = $3 OR $4 = 'admin'))",
      input.course_id, input.lesson_id, actor.user_id, actor.role);
  if (input.course_id && found[0].get<std::int64_t>(0) == 0) {
    errors["course_id"] = "No course " + std::to_string(*input.course_id) + ".";
  }
  if (input.lesson_id && found[0].get<std::int64_t>(1) == 0) {
    errors["lesson_id"] = "No lesson " + std::to_string(*input.lesson_id) + ".";
  }
  if (!errors.empty()) throw ValidationError(errors);
  // A single INSERT commits on its own (autocommit): no BEGIN/COMMIT round trips.
  return record_activity(db, actor.user_id, input.activity_type, input.course_id, input.lesson_id,
                         now, input.metadata_json);
}

Page<UserActivity> list_activity(db::Connection& db, const Actor& actor, PageRequest page) {
  static const std::string sql = "SELECT " + db::select_list<UserActivity>() +
                                 " FROM courses_useractivity WHERE user_id = $1 ORDER BY "
                                 "created_at DESC, id DESC LIMIT $2 OFFSET $3";
  const auto count =
      db.query("SELECT COUNT(*) FROM courses_useractivity WHERE user_id = $1", actor.user_id)
          .front()
          .get<std::int64_t>(0);
  auto rows = db.query(sql, actor.user_id, page.page_size, page.offset());
  return make_page(page, count, db::read_records<UserActivity>(rows));
}

}  // namespace lectern::apps::courses
