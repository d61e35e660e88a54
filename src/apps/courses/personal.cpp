#include "apps/courses/personal.hpp"

#include "apps/courses/access.hpp"

namespace lectern::apps::courses {

void check_lesson_of_course(db::Connection& db, Id course_id, OptionalId lesson_id,
                            api::Validator& v) {
  if (!lesson_id) return;
  auto rows = db.query(
      "SELECT m.course_id FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id WHERE "
      "l.id = $1",
      *lesson_id);
  if (rows.empty() || rows[0].get<Id>(0) != course_id) {
    v.fail("lesson_id", "No lesson " + std::to_string(*lesson_id) + " in this course.");
  }
}

void check_course_and_lesson(db::Connection& db, const api::Actor& actor, Id course_id,
                             OptionalId lesson_id, api::Validator& v) {
  if (!find_course_access(db, course_id, &actor)) {
    v.fail("course_id", "No course " + std::to_string(course_id) + ".");
    return;
  }
  check_lesson_of_course(db, course_id, lesson_id, v);
}

}  // namespace lectern::apps::courses
