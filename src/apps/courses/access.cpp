#include "apps/courses/access.hpp"

#include "core/error.hpp"
#include "db/record.hpp"

namespace lectern::apps::courses {

bool can_edit(const Course& course, const api::Actor* viewer) {
  return viewer && (viewer->is_admin() || course.instructor_id == viewer->user_id);
}

std::optional<CourseAccess> find_course_access(db::Connection& db, Id course_id,
                                               const api::Actor* viewer) {
  auto course = db::find_record<Course>(db, course_id);
  if (!course) return std::nullopt;
  return access_to(db, std::move(*course), viewer);
}

std::optional<CourseAccess> access_to(db::Connection& db, Course course, const api::Actor* viewer) {
  CourseAccess access{.course = std::move(course)};
  access.can_edit = can_edit(access.course, viewer);
  if (!access.course.is_published && !access.can_edit) return std::nullopt;
  if (viewer) {
    static const std::string sql = "SELECT " + db::select_list<Enrollment>() +
                                   " FROM courses_enrollment WHERE user_id = $1 AND course_id = $2";
    auto rows = db.query(sql, viewer->user_id, access.course.id);
    if (!rows.empty()) access.enrollment = db::read_record<Enrollment>(rows[0]);
  }
  return access;
}

CourseAccess course_access(db::Connection& db, Id course_id, const api::Actor* viewer) {
  auto access = find_course_access(db, course_id, viewer);
  if (!access) throw NotFoundError("No course " + std::to_string(course_id) + ".");
  return std::move(*access);
}

const CourseAccess& require_editor(const CourseAccess& access) {
  if (!access.can_edit) {
    throw ForbiddenError("not_course_instructor", "Only the course's instructor may change it.");
  }
  return access;
}

CourseAccess require_course_editor(db::Connection& db, Id course_id, const api::Actor& actor) {
  CourseAccess access = course_access(db, course_id, &actor);
  require_editor(access);
  return access;
}

}  // namespace lectern::apps::courses
