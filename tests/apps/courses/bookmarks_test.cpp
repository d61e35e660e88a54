// Bookmarks on both backends: one per user, course and lesson, the
// course-level one (lesson NULL, which the unique constraint does not
// catch) included; labels up to 200 characters; another user's bookmark
// does not exist.
#include <gtest/gtest.h>

#include <thread>

#include "apps/courses/bookmarks.hpp"
#include "db/transaction.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using api::Actor;
using testing::error_of;
using testing::is_error;
using testing::is_field_error;

class BookmarksTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher);
    ada = make_actor("ada");
  }
  Bookmark mark(const api::Actor& who, OptionalId lesson_id, std::string label = "") {
    return create_bookmark(conn(), who,
                           {.course_id = course.id, .lesson_id = lesson_id, .label = label}, now());
  }

  api::Actor teacher;
  Course course;
  api::Actor ada;
};

TEST_P(BookmarksTest, MarksACourseAndItsLessonsOnceEach) {
  const auto lessons = lessons_of(course.id);
  Bookmark whole = mark(ada, std::nullopt, "later");
  Bookmark first = mark(ada, lessons[0].id);
  EXPECT_EQ(whole.label, "later");
  EXPECT_FALSE(whole.lesson_id);
  EXPECT_EQ(first.lesson_id, lessons[0].id);
  EXPECT_EQ(first.label, "");

  EXPECT_TRUE(is_error(error_of([&] { mark(ada, std::nullopt, "again"); }), ErrorKind::kConflict,
                       "duplicate"));
  EXPECT_TRUE(
      is_error(error_of([&] { mark(ada, lessons[0].id); }), ErrorKind::kConflict, "duplicate"));
  EXPECT_EQ(list_bookmarks(conn(), ada, std::nullopt, {}).count, 2);

  // Others have their own; a deleted course-level bookmark may be made again.
  api::Actor bob = make_actor("bob");
  mark(bob, std::nullopt);
  delete_bookmark(conn(), ada, whole.id);
  EXPECT_EQ(mark(ada, std::nullopt).course_id, course.id);
}

TEST_P(BookmarksTest, FindsOwnBookmarkOfOneLesson) {
  const auto lessons = lessons_of(course.id);
  api::Actor bob = make_actor("bob");
  mark(ada, std::nullopt);
  mark(bob, lessons[0].id);
  EXPECT_FALSE(find_lesson_bookmark(conn(), ada, lessons[0].id));
  Bookmark mine = mark(ada, lessons[0].id);
  auto found = find_lesson_bookmark(conn(), ada, lessons[0].id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, mine.id);
  EXPECT_FALSE(find_lesson_bookmark(conn(), ada, lessons[1].id));
  delete_bookmark(conn(), ada, mine.id);
  EXPECT_FALSE(find_lesson_bookmark(conn(), ada, lessons[0].id));
}

TEST_P(BookmarksTest, ConcurrentCourseLevelBookmarksTakeTurns) {
  // The first is written but not committed when the second starts: without
  // the lock the second would not see it and both would be stored.
  auto other = scratch().connect();
  std::optional<Error> second_error;
  {
    db::Transaction open(conn());
    mark(ada, std::nullopt, "first");
    std::thread second([&] {
      second_error = error_of([&] {
        create_bookmark(*other, ada, {.course_id = course.id, .label = "second"}, now());
      });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    open.commit();
    second.join();
  }
  EXPECT_TRUE(is_error(second_error, ErrorKind::kConflict, "duplicate"));
  EXPECT_EQ(list_bookmarks(conn(), ada, std::nullopt, {}).count, 1);
}

TEST_P(BookmarksTest, RefusesBadReferencesAndLongLabels) {
  Course other = make_course(teacher);
  Course draft = make_course(teacher, 1, 1, false);
  struct Case {
    std::string name;
    BookmarkInput input;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"no course", {.course_id = 999999}, {"course_id"}},
      {"someone else's draft", {.course_id = draft.id}, {"course_id"}},
      {"lesson of another course",
       {.course_id = course.id, .lesson_id = lessons_of(other.id)[0].id},
       {"lesson_id"}},
      {"label too long", {.course_id = course.id, .label = std::string(201, 'x')}, {"label"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(
        is_field_error(error_of([&] { create_bookmark(conn(), ada, c.input, now()); }), c.fields));
  }
  EXPECT_EQ(mark(ada, std::nullopt, std::string(200, 'x')).label.size(), 200u);
}

TEST_P(BookmarksTest, AnotherUsersBookmarkDoesNotExist) {
  Bookmark mine = mark(ada, std::nullopt, "mine");
  for (const api::Actor& other : {make_actor("bob"), make_actor("root", "admin")}) {
    SCOPED_TRACE(enum_name(other.role));
    EXPECT_TRUE(
        is_error(error_of([&] { update_bookmark_label(conn(), other, mine.id, "theirs", now()); }),
                 ErrorKind::kNotFound, "not_found"));
    EXPECT_TRUE(is_error(error_of([&] { delete_bookmark(conn(), other, mine.id); }),
                         ErrorKind::kNotFound, "not_found"));
    EXPECT_EQ(list_bookmarks(conn(), other, std::nullopt, {}).count, 0);
  }
  EXPECT_EQ(list_bookmarks(conn(), ada, std::nullopt, {}).results.at(0).label, "mine");
}

TEST_P(BookmarksTest, RelabelsAndListsNewestFirstByCourse) {
  Course other = make_course(teacher);
  const auto lessons = lessons_of(course.id);
  mark(ada, lessons[0].id, "one");
  advance(std::chrono::seconds(1));
  Bookmark second = mark(ada, lessons[1].id, "two");
  advance(std::chrono::seconds(1));
  create_bookmark(conn(), ada, {.course_id = other.id}, now());

  Bookmark renamed = update_bookmark_label(conn(), ada, second.id, "deux", now());
  EXPECT_EQ(renamed.label, "deux");
  EXPECT_EQ(renamed.lesson_id, lessons[1].id);
  EXPECT_TRUE(is_field_error(error_of([&] {
                               update_bookmark_label(conn(), ada, second.id, std::string(201, 'y'),
                                                     now());
                             }),
                             {"label"}));

  auto page = list_bookmarks(conn(), ada, course.id, {});
  EXPECT_EQ(page.count, 2);
  ASSERT_EQ(page.results.size(), 2u);
  EXPECT_EQ(page.results[0].label, "deux");
  EXPECT_EQ(page.results[1].label, "one");
  EXPECT_EQ(list_bookmarks(conn(), ada, std::nullopt, {}).count, 3);
}

LECTERN_INSTANTIATE_BACKENDS(BookmarksTest);

}  // namespace
}  // namespace lectern
