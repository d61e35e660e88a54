// The instructor portal's views on both backends: an instructor's own
// courses (drafts included) with their stats, and the students of one of
// them with status and progress; other instructors' courses follow the
// catalogue's access rule.
#include <gtest/gtest.h>

#include "apps/courses/learning.hpp"
#include "apps/courses/stats.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::instructor_portal;
using api::Actor;
using apps::courses::Course;
using testing::error_of;
using testing::is_error;

class PortalTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher, 1, 4);
  }

  api::Actor teacher;
  Course course;
};

TEST_P(PortalTest, ListsOwnCoursesWithTheirStats) {
  Course draft = make_course(teacher, 1, 1, false);
  make_course(make_actor("rival", "instructor"));
  api::Actor ada = make_actor("ada");
  api::Actor bob = make_actor("bob");
  apps::courses::enroll(conn(), ada, course.id, now());
  apps::courses::enroll(conn(), bob, course.id, now());
  apps::courses::drop_enrollment(conn(), bob, course.id, now());

  auto page = my_courses(conn(), teacher, {});
  EXPECT_EQ(page.count, 2);
  ASSERT_EQ(page.results.size(), 2u);
  EXPECT_EQ(page.results[0].course.id, course.id);
  EXPECT_EQ(page.results[0].stats.course_id, course.id);
  EXPECT_EQ(page.results[0].stats.total_enrollments, 2);
  EXPECT_EQ(page.results[0].stats.active_enrollments, 1);
  EXPECT_EQ(page.results[1].course.id, draft.id);
  EXPECT_FALSE(page.results[1].course.is_published);
  EXPECT_EQ(page.results[1].stats.total_enrollments, 0);

  auto second = my_courses(conn(), teacher, {.page = 2, .page_size = 1});
  EXPECT_EQ(second.count, 2);
  ASSERT_EQ(second.results.size(), 1u);
  EXPECT_EQ(second.results[0].course.id, draft.id);

  // A course whose stats row is missing reads as zeros.
  conn().query("DELETE FROM courses_coursestats WHERE course_id = $1", draft.id);
  EXPECT_EQ(my_courses(conn(), teacher, {}).results.at(1).stats.course_id, draft.id);

  EXPECT_EQ(my_courses(conn(), make_actor("root", "admin"), {}).count, 0);
  EXPECT_TRUE(is_error(error_of([&] { my_courses(conn(), ada, {}); }), ErrorKind::kForbidden,
                       "instructors_only"));
}

TEST_P(PortalTest, ListsTheStudentsOfOwnCourseWithStatusAndProgress) {
  api::Actor ada = make_actor("ada");
  api::Actor bob = make_actor("bob");
  api::Actor cyd = make_actor("cyd");
  api::Actor admin = make_actor("root", "admin");
  // Users who never had an event have no stats rows yet, which recompute
  // reports as changed: make them before the events under test.
  apps::courses::recompute_all(conn(), now());
  const Timestamp ada_enrolled = now();
  apps::courses::enroll(conn(), ada, course.id, now());
  advance(std::chrono::minutes(1));
  apps::courses::enroll(conn(), bob, course.id, now());
  advance(std::chrono::minutes(1));
  apps::courses::enroll(conn(), cyd, course.id, now());
  apps::courses::drop_enrollment(conn(), cyd, course.id, now());
  const auto lessons = lessons_of(course.id);
  apps::courses::complete_lesson(conn(), ada, lessons[0].id, 60, now());
  for (const auto& lesson : lessons)
    apps::courses::complete_lesson(conn(), bob, lesson.id, 60, now());

  auto page = course_students(conn(), teacher, course.id, {});
  EXPECT_EQ(page.count, 3);
  ASSERT_EQ(page.results.size(), 3u);
  EXPECT_EQ(page.results[0].user.username, "ada");
  EXPECT_EQ(page.results[0].user.display_name, "User ada");
  EXPECT_EQ(page.results[0].status, apps::courses::EnrollmentStatus::active);
  EXPECT_EQ(page.results[0].progress_percent, 25);
  EXPECT_EQ(page.results[0].enrolled_at, ada_enrolled);
  EXPECT_EQ(page.results[1].status, apps::courses::EnrollmentStatus::completed);
  EXPECT_EQ(page.results[1].progress_percent, 100);
  EXPECT_EQ(page.results[2].status, apps::courses::EnrollmentStatus::dropped);

  auto last = course_students(conn(), teacher, course.id, {.page = 2, .page_size = 2});
  ASSERT_EQ(last.results.size(), 1u);
  EXPECT_EQ(last.results[0].user.id, cyd.user_id);
  EXPECT_EQ(course_students(conn(), admin, course.id, {}).count, 3);
  EXPECT_EQ(apps::courses::recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(PortalTest, AnotherInstructorsCourseFollowsTheAccessRule) {
  api::Actor rival = make_actor("rival", "instructor");
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_TRUE(is_error(error_of([&] { course_students(conn(), rival, course.id, {}); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
  EXPECT_TRUE(is_error(error_of([&] { course_students(conn(), rival, draft.id, {}); }),
                       ErrorKind::kNotFound, "not_found"));
  EXPECT_TRUE(is_error(error_of([&] { course_students(conn(), rival, 999999, {}); }),
                       ErrorKind::kNotFound, "not_found"));
  EXPECT_TRUE(is_error(error_of([&] { course_students(conn(), make_actor("ada"), course.id, {}); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
}

LECTERN_INSTANTIATE_BACKENDS(PortalTest);

}  // namespace
}  // namespace lectern
