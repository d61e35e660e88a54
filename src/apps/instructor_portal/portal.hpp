// The instructor portal's views: an instructor's own courses with their
// statistics, and the students of one of them with their progress. For
// instructors and admins; a course that is not theirs follows the
// catalogue's access rule (NotFoundError when they cannot see it,
// ForbiddenError("not_course_instructor") when they can but do not teach it).
#pragma once

#include <cstdint>
#include <string>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::instructor_portal {

struct TaughtCourse {
  courses::Course course;
  courses::CourseStats stats;  // zeros when the course has no stats row yet
};

struct CourseStudent {
  courses::UserBrief user;
  courses::EnrollmentStatus status{};
  std::int64_t progress_percent = 0;
  Timestamp enrolled_at;
  Timestamp last_activity_at;  // the last lesson completed, else the enrolment
};
BOOST_DESCRIBE_STRUCT(CourseStudent, (),
                      (user, status, progress_percent, enrolled_at, last_activity_at))

// The actor's own courses, published or not, by id. Students get
// ForbiddenError("instructors_only").
api::Page<TaughtCourse> my_courses(db::Connection& db, const api::Actor& actor,
                                   api::PageRequest page);
// Everyone ever enrolled in the course (dropped included), by enrolment time.
api::Page<CourseStudent> course_students(db::Connection& db, const api::Actor& actor,
                                         std::int64_t course_id, api::PageRequest page);

}  // namespace lectern::apps::instructor_portal
