// Announcements on both backends: the course's instructor or an admin posts
// one, published at once; exactly the actively enrolled students (not the
// dropped, not the finished, not other courses' students) get a
// notification in the same transaction; whoever sees the course reads them.
#include <gtest/gtest.h>

#include "apps/courses/learning.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "apps/instructor_portal/announcements.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::instructor_portal;
using api::Actor;
using apps::courses::Course;
using testing::error_of;
using testing::is_error;
using testing::is_field_error;

class AnnouncementsTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher, 1, 1);
  }
  api::Actor enrolled(const std::string& name, const Course& in) {
    api::Actor student = make_actor(name);
    apps::courses::enroll(conn(), student, in.id, now());
    return student;
  }
  std::vector<apps::courses::Notification> news_of(const api::Actor& who) {
    return apps::courses::list_notifications(conn(), who, false, {}).results;
  }
  Posted post(const api::Actor& who, std::string title, std::string body = "Body") {
    return post_announcement(conn(), who, course.id, {.title = title, .body = body}, now());
  }

  api::Actor teacher;
  Course course;
};

TEST_P(AnnouncementsTest, NotifiesExactlyTheActiveStudents) {
  api::Actor ada = enrolled("ada", course);
  api::Actor bob = enrolled("bob", course);
  api::Actor dropped = enrolled("dropped", course);
  apps::courses::drop_enrollment(conn(), dropped, course.id, now());
  api::Actor finished = enrolled("finished", course);
  apps::courses::complete_lesson(conn(), finished, lessons_of(course.id).at(0).id, 30, now());
  api::Actor elsewhere = enrolled("elsewhere", make_course(teacher));
  const auto before = news_of(finished).size();  // the completion's own notification
  // Users who never had an event have no stats rows yet, which recompute
  // reports as changed: make them before the event under test.
  apps::courses::recompute_all(conn(), now());

  Posted posted = post(teacher, "Exam moved", "The exam is on Friday.");
  EXPECT_EQ(posted.notified, 2);
  EXPECT_GT(posted.announcement.id, 0);
  EXPECT_EQ(posted.announcement.author_id, teacher.user_id);
  EXPECT_EQ(posted.announcement.published_at, now());
  for (const api::Actor& student : {ada, bob}) {
    auto news = news_of(student);
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].notification_type, apps::courses::NotificationType::announcement);
    EXPECT_EQ(news[0].title, "Exam moved");
    EXPECT_NE(news[0].message.find("The exam is on Friday."), std::string::npos);
    EXPECT_FALSE(news[0].is_read);
  }
  EXPECT_TRUE(news_of(dropped).empty());
  EXPECT_EQ(news_of(finished).size(), before);
  EXPECT_TRUE(news_of(elsewhere).empty());
  EXPECT_TRUE(news_of(teacher).empty());
  EXPECT_EQ(apps::courses::recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(AnnouncementsTest, OnlyTheCoursesInstructorOrAnAdminPosts) {
  api::Actor ada = enrolled("ada", course);
  api::Actor rival = make_actor("rival", "instructor");
  EXPECT_TRUE(
      is_error(error_of([&] { post(ada, "Hi"); }), ErrorKind::kForbidden, "not_course_instructor"));
  EXPECT_TRUE(is_error(error_of([&] { post(rival, "Hi"); }), ErrorKind::kForbidden,
                       "not_course_instructor"));
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_TRUE(is_error(error_of([&] {
                         post_announcement(conn(), rival, draft.id, {.title = "x", .body = "y"},
                                           now());
                       }),
                       ErrorKind::kNotFound, "not_found"));
  EXPECT_TRUE(news_of(ada).empty());
  EXPECT_EQ(post(make_actor("root", "admin"), "From the admins").notified, 1);
}

TEST_P(AnnouncementsTest, RefusesMissingOrLongTitlesAndEmptyBodiesWithoutNotifying) {
  api::Actor ada = enrolled("ada", course);
  struct Case {
    std::string name;
    AnnouncementInput input;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"no title", {.body = "b"}, {"title"}},
      {"title too long", {.title = std::string(201, 't'), .body = "b"}, {"title"}},
      {"no body", {.title = "t"}, {"body"}},
      {"empty body", {.title = "t", .body = ""}, {"body"}},
      {"nothing", {}, {"title", "body"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(is_field_error(
        error_of([&] { post_announcement(conn(), teacher, course.id, c.input, now()); }),
        c.fields));
  }
  EXPECT_TRUE(news_of(ada).empty());
}

TEST_P(AnnouncementsTest, ATitleOf200MultiByteCharactersReachesTheStudents) {
  api::Actor ada = enrolled("ada", course);
  std::string title;
  for (int i = 0; i < 200; ++i) title += "講";  // 600 bytes
  post(teacher, title);
  auto news = news_of(ada);
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0].title, title);
}

TEST_P(AnnouncementsTest, ListsACoursesAnnouncementsNewestFirst) {
  for (const char* title : {"one", "two", "three"}) {
    post(teacher, title);
    advance(std::chrono::minutes(1));
  }
  auto page = list_announcements(conn(), course.id, nullptr, {.page = 1, .page_size = 2});
  EXPECT_EQ(page.count, 3);
  ASSERT_EQ(page.results.size(), 2u);
  EXPECT_EQ(page.results[0].title, "three");
  EXPECT_EQ(page.results[1].title, "two");
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_THROW(list_announcements(conn(), draft.id, nullptr, {}), NotFoundError);
  EXPECT_EQ(list_announcements(conn(), draft.id, &teacher, {}).count, 0);
}

LECTERN_INSTANTIATE_BACKENDS(AnnouncementsTest);

}  // namespace
}  // namespace lectern
