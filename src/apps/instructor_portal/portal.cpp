#include "apps/instructor_portal/portal.hpp"

#include "apps/courses/access.hpp"
#include "core/error.hpp"
#include "db/record.hpp"

namespace lectern::apps::instructor_portal {

using courses::Course;
using courses::CourseStats;
using courses::Id;

api::Page<TaughtCourse> my_courses(db::Connection& db, const api::Actor& actor,
                                   api::PageRequest page) {
  if (!actor.is_instructor() && !actor.is_admin()) {
    throw ForbiddenError("instructors_only", "Only instructors and admins teach courses.");
  }
  static const std::string sql =
      "SELECT " + db::select_list<Course>("c") + ", " + db::select_list<CourseStats>("s") +
      " FROM courses_course c LEFT JOIN courses_coursestats s ON s.course_id = c.id WHERE "
      "c.instructor_id = $1 ORDER BY c.id";
  static const std::size_t n = db::record_columns<Course>().size();
  return api::query_page<TaughtCourse>(
      db, page, "SELECT COUNT(*) FROM courses_course WHERE instructor_id = $1", sql,
      [](const db::Row& row) {
        TaughtCourse item{.course = db::read_record<Course>(row)};
        // LEFT JOIN: a course without a stats row reads as zeros.
        if (row.get<courses::OptionalId>(n)) {
          item.stats = db::read_record<CourseStats>(row, n);
        } else {
          item.stats.course_id = item.course.id;
        }
        return item;
      },
      actor.user_id);
}

api::Page<CourseStudent> course_students(db::Connection& db, const api::Actor& actor,
                                         std::int64_t course_id, api::PageRequest page) {
  static const std::string sql =
      "SELECT u.id, u.username, u.display_name, e.status, COALESCE(p.progress_percent, 0), "
      "e.created_at, COALESCE(p.last_accessed_at, e.created_at) FROM courses_enrollment e JOIN "
      "accounts_user u ON u.id = e.user_id "
      "LEFT JOIN courses_courseprogress p ON p.enrollment_id = e.id WHERE e.course_id = $1 "
      "ORDER BY e.created_at, e.id";
  courses::require_course_editor(db, course_id, actor);
  return api::query_page<CourseStudent>(
      db, page, "SELECT COUNT(*) FROM courses_enrollment WHERE course_id = $1", sql,
      [](const db::Row& row) {
        return CourseStudent{
            .user = {row.get<Id>(0), row.get<std::string>(1), row.get<std::string>(2)},
            .status = row.get<courses::EnrollmentStatus>(3),
            .progress_percent = row.get<std::int64_t>(4),
            .enrolled_at = row.get<Timestamp>(5),
            .last_activity_at = row.get<Timestamp>(6)};
      },
      course_id);
}

}  // namespace lectern::apps::instructor_portal
