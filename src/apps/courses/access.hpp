// The courses app's one access rule: what a viewer may do with a course.
// Anyone sees a published course; its instructor and admins see and edit it
// published or not; to anyone else an unpublished course does not exist.
// find_course_access answers; the throwing forms below turn its answer into
// the refusals the services give.
#pragma once

#include <optional>

#include "api/actor.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct CourseAccess {
  Course course;
  bool can_edit = false;                 // its instructor or an admin
  std::optional<Enrollment> enrollment;  // the viewer's, when any
};

// Whether `viewer` (null: anonymous) edits `course`: its instructor or an admin.
bool can_edit(const Course& course, const api::Actor* viewer);

// nullopt when the course does not exist or the viewer may not see it.
// `viewer` may be null (anonymous).
std::optional<CourseAccess> find_course_access(db::Connection& db, Id course_id,
                                               const api::Actor* viewer);
// The same answer for a course the caller has already read (a page that
// shows the course asks for its access once and hands it to each service).
std::optional<CourseAccess> access_to(db::Connection& db, Course course, const api::Actor* viewer);
// find_course_access, or NotFoundError("No course <id>.").
CourseAccess course_access(db::Connection& db, Id course_id, const api::Actor* viewer);
// ForbiddenError("not_course_instructor") unless the viewer can edit.
const CourseAccess& require_editor(const CourseAccess& access);
// course_access, then require_editor.
CourseAccess require_course_editor(db::Connection& db, Id course_id, const api::Actor& actor);

}  // namespace lectern::apps::courses
