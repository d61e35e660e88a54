// Learning: enrolment in published courses, lesson completion and course
// progress. Completing the last lesson completes the enrolment (and notifies
// the student); statistics follow in the same transaction.
#pragma once

#include <optional>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// A course that is not published (or not visible) is a NotFoundError; an
// existing active or completed enrolment a ConflictError("already_enrolled");
// a dropped one is made active again.
Enrollment enroll(db::Connection& db, const api::Actor& actor, Id course_id, Timestamp now);
// Drops the actor's active enrolment (NotFoundError when there is none).
Enrollment drop_enrollment(db::Connection& db, const api::Actor& actor, Id course_id,
                           Timestamp now);

struct EnrollmentView {
  Enrollment enrollment;
  std::string course_title;
  std::int64_t progress_percent = 0;
};
api::Page<EnrollmentView> my_enrollments(db::Connection& db, const api::Actor& actor,
                                         api::PageRequest page);

struct ProgressView {
  Id course_id = 0;
  std::int64_t completed_lessons = 0;
  std::int64_t total_lessons = 0;
  std::int64_t progress_percent = 0;
  bool is_completed = false;
};
BOOST_DESCRIBE_STRUCT(ProgressView, (),
                      (course_id, completed_lessons, total_lessons, progress_percent, is_completed))

// Marks a lesson of a course the actor is enrolled in as completed, adding
// `time_spent_seconds`; completing it again only adds the time. ForbiddenError
// ("not_enrolled") for a lesson of a course the actor is not enrolled in.
ProgressView complete_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id,
                             std::int64_t time_spent_seconds, Timestamp now);
// The actor's progress in a course they are enrolled in (NotFoundError otherwise).
ProgressView course_progress(db::Connection& db, const api::Actor& actor, Id course_id);
// The same for a course whose access the caller holds (for `actor`);
// nullopt when not enrolled.
std::optional<ProgressView> course_progress(db::Connection& db, const api::Actor& actor,
                                            const CourseAccess& access);
// The lessons of the course the actor has completed (none when not enrolled).
std::vector<Id> completed_lesson_ids(db::Connection& db, const api::Actor& actor, Id course_id);

}  // namespace lectern::apps::courses
