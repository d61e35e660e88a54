// Enrolment and progress on both backends: enrolling in published courses
// only and once, completing lessons up to the course's completion (with its
// notification), dropping and re-enrolling, and stats that follow each event.
#include <gtest/gtest.h>

#include "apps/courses/catalogue.hpp"
#include "apps/courses/learning.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/preferences.hpp"
#include "apps/courses/stats.hpp"
#include "apps/courses/users.hpp"
#include "core/error.hpp"
#include "support/domain.hpp"

namespace lectern {
namespace {

using namespace apps;
using namespace apps::courses;
using namespace std::chrono_literals;

class LearningTest : public testing::DomainTest {};

TEST_P(LearningTest, EnrolsOnceInPublishedCoursesOnly) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_THROW(enroll(conn(), student, draft.id, now()), NotFoundError);
  EXPECT_THROW(enroll(conn(), teacher, draft.id, now()), NotFoundError);
  Course course = make_course(teacher, 1, 2);
  Enrollment e = enroll(conn(), student, course.id, now());
  EXPECT_EQ(e.status, EnrollmentStatus::active);
  EXPECT_EQ(e.created_at, now());
  try {
    enroll(conn(), student, course.id, now());
    ADD_FAILURE() << "enrolled twice";
  } catch (const ConflictError& err) {
    EXPECT_EQ(err.code(), "already_enrolled");
  }
  CourseStats stats = course_stats(conn(), course.id);
  EXPECT_EQ(stats.total_enrollments, 1);
  EXPECT_EQ(stats.active_enrollments, 1);
  EXPECT_EQ(user_stats(conn(), student.user_id).courses_enrolled, 1);
  auto mine = my_enrollments(conn(), student, {1, 20});
  ASSERT_EQ(mine.count, 1);
  EXPECT_EQ(mine.results[0].course_title, course.title);
}

TEST_P(LearningTest, CompletingEveryLessonCompletesTheCourseAndNotifies) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 2, 2);
  auto lessons = lessons_of(course.id);
  ASSERT_EQ(lessons.size(), 4u);
  enroll(conn(), student, course.id, now());

  ProgressView p = complete_lesson(conn(), student, lessons[0].id, 120, now());
  EXPECT_EQ(p.completed_lessons, 1);
  EXPECT_EQ(p.total_lessons, 4);
  EXPECT_EQ(p.progress_percent, 25);
  EXPECT_FALSE(p.is_completed);
  // Completing it again only adds the time.
  p = complete_lesson(conn(), student, lessons[0].id, 30, now());
  EXPECT_EQ(p.completed_lessons, 1);
  EXPECT_EQ(user_stats(conn(), student.user_id).total_time_spent_seconds, 150);

  complete_lesson(conn(), student, lessons[1].id, 0, now());
  complete_lesson(conn(), student, lessons[2].id, 0, now());
  EXPECT_EQ(list_notifications(conn(), student, false, {1, 20}).count, 0);
  p = complete_lesson(conn(), student, lessons[3].id, 0, now());
  EXPECT_EQ(p.progress_percent, 100);
  EXPECT_TRUE(p.is_completed);

  auto notes = list_notifications(conn(), student, false, {1, 20});
  ASSERT_EQ(notes.count, 1);
  EXPECT_EQ(notes.results[0].notification_type, NotificationType::course_completed);
  // The banner's unread count.
  const auto unread = [&](Id user_id) {
    return reader_summary(conn(), user_id)->unread_notifications;
  };
  EXPECT_EQ(unread(student.user_id), 1);
  EXPECT_EQ(unread(teacher.user_id), list_notifications(conn(), teacher, true, {1, 20}).count);
  mark_all_read(conn(), student, now());
  EXPECT_EQ(unread(student.user_id), 0);
  CourseStats stats = course_stats(conn(), course.id);
  EXPECT_EQ(stats.completions, 1);
  EXPECT_EQ(stats.active_enrollments, 0);
  UserStats us = user_stats(conn(), student.user_id);
  EXPECT_EQ(us.courses_completed, 1);
  EXPECT_EQ(us.lessons_completed, 4);
  EXPECT_EQ(course_progress(conn(), student, course.id).is_completed, true);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(LearningTest, LessonsOfCoursesNotEnrolledInAreRefused) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 1, 1);
  Course draft = make_course(teacher, 1, 1, false);
  try {
    complete_lesson(conn(), student, lessons_of(course.id)[0].id, 0, now());
    ADD_FAILURE() << "completed";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.code(), "not_enrolled");
  }
  EXPECT_THROW(complete_lesson(conn(), student, lessons_of(draft.id)[0].id, 0, now()),
               NotFoundError);
  EXPECT_THROW(complete_lesson(conn(), student, 424242, 0, now()), NotFoundError);
  EXPECT_THROW(complete_lesson(conn(), student, lessons_of(course.id)[0].id, -5, now()),
               ValidationError);
  EXPECT_EQ(
      conn().query("SELECT COUNT(*) FROM courses_lessonprogress").front().get<std::int64_t>(0), 0);
}

TEST_P(LearningTest, CompletedLessonIdsAreTheActorsInOneCourse) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  auto other = make_actor("other");
  Course course = make_course(teacher, 2, 2);
  Course second = make_course(teacher, 1, 1);
  auto lessons = lessons_of(course.id);
  EXPECT_TRUE(completed_lesson_ids(conn(), student, course.id).empty());
  enroll(conn(), student, course.id, now());
  enroll(conn(), student, second.id, now());
  enroll(conn(), other, course.id, now());
  complete_lesson(conn(), student, lessons[2].id, 0, now());
  complete_lesson(conn(), student, lessons[0].id, 0, now());
  complete_lesson(conn(), student, lessons_of(second.id)[0].id, 0, now());
  complete_lesson(conn(), other, lessons[1].id, 0, now());
  EXPECT_EQ(completed_lesson_ids(conn(), student, course.id),
            (std::vector<Id>{lessons[0].id, lessons[2].id}));
  EXPECT_EQ(completed_lesson_ids(conn(), other, course.id), std::vector<Id>{lessons[1].id});
}

TEST_P(LearningTest, DroppingAndReEnrollingMovesTheCounters) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 1, 1);
  enroll(conn(), student, course.id, now());
  EXPECT_EQ(drop_enrollment(conn(), student, course.id, now()).status, EnrollmentStatus::dropped);
  EXPECT_EQ(course_stats(conn(), course.id).active_enrollments, 0);
  EXPECT_EQ(course_stats(conn(), course.id).total_enrollments, 1);
  EXPECT_THROW(drop_enrollment(conn(), student, course.id, now()), NotFoundError);
  EXPECT_EQ(enroll(conn(), student, course.id, now()).status, EnrollmentStatus::active);
  EXPECT_EQ(course_stats(conn(), course.id).active_enrollments, 1);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(LearningTest, AddingALessonLowersProgressOfEveryEnrolment) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 1, 2);
  enroll(conn(), student, course.id, now());
  complete_lesson(conn(), student, lessons_of(course.id)[0].id, 0, now());
  EXPECT_EQ(course_progress(conn(), student, course.id).progress_percent, 50);
  auto module = course_outline(conn(), course.id, &teacher).modules[0].module;
  create_lesson(conn(), teacher, module.id, {.title = "New", .position = 3}, now());
  auto row = conn()
                 .query("SELECT progress_percent, completed_lessons FROM courses_courseprogress")
                 .front();
  EXPECT_EQ(row.get<std::int64_t>(0), 33);
  EXPECT_EQ(row.get<std::int64_t>(1), 1);
}

TEST_P(LearningTest, StreakCountsConsecutiveDaysOfLearningEvents) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 1, 4);
  auto lessons = lessons_of(course.id);
  enroll(conn(), student, course.id, now());
  EXPECT_EQ(user_stats(conn(), student.user_id).current_streak_days, 1);
  advance(24h);
  complete_lesson(conn(), student, lessons[0].id, 0, now());
  advance(2h);
  complete_lesson(conn(), student, lessons[1].id, 0, now());
  UserStats stats = user_stats(conn(), student.user_id);
  EXPECT_EQ(stats.current_streak_days, 2);
  EXPECT_EQ(stats.last_activity_at, now());
  EXPECT_EQ(current_streak(stats, now() + 30h), 2);
  EXPECT_EQ(current_streak(stats, now() + 72h), 0);
  advance(72h);
  complete_lesson(conn(), student, lessons[2].id, 0, now());
  EXPECT_EQ(user_stats(conn(), student.user_id).current_streak_days, 1);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(LearningTest, DeletingAStudentUpdatesTheStatsOfTheirCourses) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  auto other = make_actor("other");
  Course course = make_course(teacher, 1, 1);
  enroll(conn(), student, course.id, now());
  enroll(conn(), other, course.id, now());
  EXPECT_EQ(course_stats(conn(), course.id).total_enrollments, 2);
  courses::delete_user(conn(), student.user_id, now());
  EXPECT_EQ(course_stats(conn(), course.id).total_enrollments, 1);
  EXPECT_THROW(courses::delete_user(conn(), teacher.user_id, now()), ConflictError);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

LECTERN_INSTANTIATE_BACKENDS(LearningTest);

}  // namespace
}  // namespace lectern
