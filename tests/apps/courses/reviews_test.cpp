// Course reviews on both backends: only users with an active or completed
// enrolment review, once each; ratings 1-5 and comments up to 5000
// characters; every review event moves the course's stats in its own
// transaction (recompute-stats finds nothing to fix) and a new review
// notifies the instructor.
#include <gtest/gtest.h>

#include "apps/courses/learning.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/reviews.hpp"
#include "apps/courses/stats.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using api::Actor;
using testing::error_of;
using testing::is_error;
using testing::is_field_error;

class ReviewsTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher);
  }
  api::Actor enrolled(const std::string& name) {
    api::Actor student = make_actor(name);
    enroll(conn(), student, course.id, now());
    return student;
  }
  ReviewView review(const api::Actor& who, std::int64_t rating, std::string comment = "") {
    return create_review(conn(), who, course.id, {.rating = rating, .comment = comment}, now());
  }
  std::vector<Notification> teacher_news() {
    return list_notifications(conn(), teacher, false, {}).results;
  }

  api::Actor teacher;
  Course course;
};

TEST_P(ReviewsTest, OnlyActiveOrCompletedEnrolmentsMayReview) {
  api::Actor stranger = make_actor("stranger");
  EXPECT_TRUE(
      is_error(error_of([&] { review(stranger, 5); }), ErrorKind::kForbidden, "not_enrolled"));
  api::Actor dropped = enrolled("dropped");
  drop_enrollment(conn(), dropped, course.id, now());
  EXPECT_TRUE(
      is_error(error_of([&] { review(dropped, 5); }), ErrorKind::kForbidden, "not_enrolled"));

  api::Actor finished = enrolled("finished");
  for (const Lesson& lesson : lessons_of(course.id))
    complete_lesson(conn(), finished, lesson.id, 60, now());
  ReviewView view = review(finished, 4, "Clear and short.");
  EXPECT_EQ(view.review.rating, 4);
  EXPECT_EQ(view.review.comment, "Clear and short.");
  EXPECT_EQ(view.review.created_at, now());
  EXPECT_EQ(view.user.id, finished.user_id);
  EXPECT_EQ(view.user.username, "finished");
  EXPECT_EQ(view.user.display_name, "User finished");
  EXPECT_EQ(review(enrolled("active"), 3).review.rating, 3);

  // A draft does not exist for a student.
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_TRUE(
      is_error(error_of([&] { create_review(conn(), finished, draft.id, {.rating = 5}, now()); }),
               ErrorKind::kNotFound, "not_found"));
  EXPECT_EQ(course_stats(conn(), course.id).review_count, 2);
}

TEST_P(ReviewsTest, ASecondReviewOfTheSameCourseIsAConflict) {
  api::Actor ada = enrolled("ada");
  review(ada, 5);
  auto error = error_of([&] { review(ada, 1); });
  EXPECT_TRUE(is_error(error, ErrorKind::kConflict, "duplicate"));
  EXPECT_EQ(course_stats(conn(), course.id).review_count, 1);
  EXPECT_EQ(course_stats(conn(), course.id).average_rating, 5.0);
}

TEST_P(ReviewsTest, RefusesBrokenRatingsAndCommentsFieldByField) {
  api::Actor ada = enrolled("ada");
  struct Case {
    std::string name;
    ReviewInput input;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"no rating", {.comment = "fine"}, {"rating"}},
      {"rating 0", {.rating = 0}, {"rating"}},
      {"rating 6", {.rating = 6}, {"rating"}},
      {"comment too long", {.rating = 3, .comment = std::string(5001, 'x')}, {"comment"}},
      {"both", {.rating = -1, .comment = std::string(5001, 'x')}, {"rating", "comment"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(is_field_error(
        error_of([&] { create_review(conn(), ada, course.id, c.input, now()); }), c.fields));
  }
  // 5000 characters of a multi-byte letter are within the limit.
  std::string long_comment;
  for (int i = 0; i < 5000; ++i) long_comment += "é";
  EXPECT_EQ(review(ada, 2, long_comment).review.comment, long_comment);
}

TEST_P(ReviewsTest, StatsAndTheInstructorsNotificationsFollowEveryReviewEvent) {
  api::Actor ada = enrolled("ada");
  api::Actor bob = enrolled("bob");
  // Users who never had an event have no stats rows yet, which recompute
  // reports as changed: make them before the events under test.
  recompute_all(conn(), now());
  const auto stats = [&] { return course_stats(conn(), course.id); };
  EXPECT_EQ(stats().review_count, 0);
  EXPECT_FALSE(stats().average_rating);

  ReviewView first = review(ada, 5);
  EXPECT_EQ(stats().review_count, 1);
  EXPECT_EQ(stats().average_rating, 5.0);
  ASSERT_EQ(teacher_news().size(), 1u);
  EXPECT_EQ(teacher_news()[0].notification_type, NotificationType::review_posted);
  EXPECT_NE(teacher_news()[0].message.find("User ada"), std::string::npos);

  advance(std::chrono::minutes(1));
  ReviewView second = review(bob, 2);
  EXPECT_EQ(stats().review_count, 2);
  EXPECT_EQ(stats().average_rating, 3.5);
  EXPECT_EQ(teacher_news().size(), 2u);

  // Changing or deleting a review moves the stats but tells nobody.
  update_review(conn(), bob, second.review.id, {.rating = 4}, now());
  EXPECT_EQ(stats().average_rating, 4.5);
  delete_review(conn(), ada, first.review.id, now());
  EXPECT_EQ(stats().review_count, 1);
  EXPECT_EQ(stats().average_rating, 4.0);
  EXPECT_EQ(teacher_news().size(), 2u);

  // Each review is a learning event of its author.
  EXPECT_EQ(conn()
                .query("SELECT COUNT(*) FROM courses_useractivity WHERE activity_type = 'review'")
                .front()
                .get<std::int64_t>(0),
            2);
  EXPECT_EQ(user_stats(conn(), bob.user_id).last_activity_at, now());
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(ReviewsTest, TheInstructorsNotificationCutsALongTitleBetweenCharacters) {
  std::string title;
  for (int i = 0; i < 200; ++i) title += "講";
  update_course(conn(), teacher, course.id, {.title = title}, now());
  review(enrolled("ada"), 5);
  ASSERT_EQ(teacher_news().size(), 1u);
  const std::string cut = teacher_news()[0].title;  // "New review of " and 186 of them
  EXPECT_EQ(cut.size(), 14u + 186u * 3u);
  EXPECT_EQ(cut.substr(0, 14), "New review of ");
  EXPECT_EQ(cut.substr(14), title.substr(0, 186 * 3));
}

TEST_P(ReviewsTest, OnlyTheAuthorChangesAReviewAndTheAuthorOrAnAdminDeletesIt) {
  api::Actor ada = enrolled("ada");
  api::Actor bob = enrolled("bob");
  api::Actor admin = make_actor("root", "admin");
  recompute_all(conn(), now());  // stats rows for users without events yet
  ReviewView mine = review(ada, 3, "ok");
  EXPECT_TRUE(
      is_error(error_of([&] { update_review(conn(), bob, mine.review.id, {.rating = 1}, now()); }),
               ErrorKind::kForbidden, "not_review_author"));
  EXPECT_TRUE(is_error(error_of([&] { delete_review(conn(), teacher, mine.review.id, now()); }),
                       ErrorKind::kForbidden, "not_review_author"));
  EXPECT_TRUE(is_error(error_of([&] { update_review(conn(), ada, 999999, {.rating = 1}, now()); }),
                       ErrorKind::kNotFound, "not_found"));
  EXPECT_TRUE(is_field_error(
      error_of([&] { update_review(conn(), ada, mine.review.id, {.rating = 9}, now()); }),
      {"rating"}));

  advance(std::chrono::hours(1));
  ReviewView changed = update_review(conn(), ada, mine.review.id, {.comment = "better"}, now());
  EXPECT_EQ(changed.review.rating, 3);
  EXPECT_EQ(changed.review.comment, "better");
  EXPECT_EQ(changed.review.updated_at, now());
  EXPECT_LT(changed.review.created_at, now());

  delete_review(conn(), admin, mine.review.id, now());
  EXPECT_EQ(course_stats(conn(), course.id).review_count, 0);
  EXPECT_FALSE(course_stats(conn(), course.id).average_rating);
  EXPECT_TRUE(is_error(error_of([&] { delete_review(conn(), ada, mine.review.id, now()); }),
                       ErrorKind::kNotFound, "not_found"));
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(ReviewsTest, ListsACoursesReviewsNewestFirstWithTheirAuthors) {
  for (const char* name : {"ada", "bob", "cyd"}) {
    review(enrolled(name), 4);
    advance(std::chrono::seconds(1));
  }
  auto page = list_course_reviews(conn(), course.id, nullptr, {.page = 1, .page_size = 2});
  EXPECT_EQ(page.count, 3);
  ASSERT_EQ(page.results.size(), 2u);
  EXPECT_EQ(page.results[0].user.username, "cyd");
  EXPECT_EQ(page.results[1].user.username, "bob");
  auto rest = list_course_reviews(conn(), course.id, nullptr, {.page = 2, .page_size = 2});
  ASSERT_EQ(rest.results.size(), 1u);
  EXPECT_EQ(rest.results[0].user.username, "ada");
  EXPECT_EQ(rest.results[0].review.course_id, course.id);

  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_THROW(list_course_reviews(conn(), draft.id, nullptr, {}), NotFoundError);
  EXPECT_EQ(list_course_reviews(conn(), draft.id, &teacher, {}).count, 0);
}

TEST_P(ReviewsTest, HasReviewedIsTrueOnlyForTheAuthorOnTheirCourse) {
  api::Actor ada = enrolled("ada");
  api::Actor bob = enrolled("bob");
  Course other = make_course(teacher, 1, 1);
  enroll(conn(), ada, other.id, now());
  EXPECT_FALSE(has_reviewed(conn(), ada.user_id, course.id));
  ReviewView mine = review(ada, 5);
  EXPECT_TRUE(has_reviewed(conn(), ada.user_id, course.id));
  EXPECT_FALSE(has_reviewed(conn(), bob.user_id, course.id));
  EXPECT_FALSE(has_reviewed(conn(), ada.user_id, other.id));
  delete_review(conn(), ada, mine.review.id, now());
  EXPECT_FALSE(has_reviewed(conn(), ada.user_id, course.id));
}

LECTERN_INSTANTIATE_BACKENDS(ReviewsTest);

}  // namespace
}  // namespace lectern
