// Notes on both backends: written on a course the author can see, tied to a
// lesson of that course or to none; read, changed, deleted and listed by
// their author only (anyone else's note does not exist).
#include <gtest/gtest.h>

#include "apps/courses/notes.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using api::Actor;
using testing::error_of;
using testing::is_error;
using testing::is_field_error;

class NotesTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher);
    ada = make_actor("ada");
  }
  Note write(const api::Actor& who, Id course_id, OptionalId lesson_id, std::string content) {
    return create_note(conn(), who,
                       {.course_id = course_id, .lesson_id = lesson_id, .content = content}, now());
  }

  api::Actor teacher;
  Course course;
  api::Actor ada;
};

TEST_P(NotesTest, WritesANoteOnACourseOrOneOfItsLessons) {
  const Lesson lesson = lessons_of(course.id).at(1);
  Note on_course = write(ada, course.id, std::nullopt, "Start here");
  Note on_lesson = write(ada, course.id, lesson.id, "Remember the *");
  EXPECT_GT(on_course.id, 0);
  EXPECT_EQ(on_course.user_id, ada.user_id);
  EXPECT_FALSE(on_course.lesson_id);
  EXPECT_EQ(on_lesson.lesson_id, lesson.id);
  EXPECT_EQ(get_note(conn(), ada, on_lesson.id).content, "Remember the *");
  EXPECT_EQ(get_note(conn(), ada, on_lesson.id).created_at, now());
}

TEST_P(NotesTest, RefusesAnInvisibleCourseAForeignLessonAndBlankContent) {
  Course other = make_course(teacher);
  Course draft = make_course(teacher, 1, 1, false);
  const Id foreign_lesson = lessons_of(other.id).at(0).id;
  struct Case {
    std::string name;
    NoteInput input;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"no course", {.course_id = 999999, .content = "x"}, {"course_id"}},
      {"draft of someone else", {.course_id = draft.id, .content = "x"}, {"course_id"}},
      {"lesson of another course",
       {.course_id = course.id, .lesson_id = foreign_lesson, .content = "x"},
       {"lesson_id"}},
      {"no such lesson",
       {.course_id = course.id, .lesson_id = 999999, .content = "x"},
       {"lesson_id"}},
      {"no content", {.course_id = course.id}, {"content"}},
      {"blank content", {.course_id = course.id, .content = ""}, {"content"}},
      {"everything", {.course_id = 999999, .content = ""}, {"course_id", "content"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_TRUE(
        is_field_error(error_of([&] { create_note(conn(), ada, c.input, now()); }), c.fields));
  }
  // The draft's own instructor may keep notes on it.
  EXPECT_EQ(write(teacher, draft.id, std::nullopt, "todo").course_id, draft.id);
}

TEST_P(NotesTest, AnotherUsersNoteDoesNotExist) {
  Note mine = write(ada, course.id, std::nullopt, "mine");
  api::Actor bob = make_actor("bob");
  api::Actor admin = make_actor("root", "admin");
  for (const api::Actor& other : {bob, admin, teacher}) {
    SCOPED_TRACE(enum_name(other.role));
    EXPECT_TRUE(is_error(error_of([&] { get_note(conn(), other, mine.id); }), ErrorKind::kNotFound,
                         "not_found"));
    EXPECT_TRUE(
        is_error(error_of([&] { update_note(conn(), other, mine.id, {.content = "x"}, now()); }),
                 ErrorKind::kNotFound, "not_found"));
    EXPECT_TRUE(is_error(error_of([&] { delete_note(conn(), other, mine.id); }),
                         ErrorKind::kNotFound, "not_found"));
    EXPECT_EQ(list_notes(conn(), other, std::nullopt, {}).count, 0);
  }
  EXPECT_EQ(get_note(conn(), ada, mine.id).content, "mine");
}

TEST_P(NotesTest, UpdatesContentAndLessonKeepingTheCourse) {
  const auto lessons = lessons_of(course.id);
  Note note = write(ada, course.id, lessons[0].id, "v1");
  advance(std::chrono::minutes(5));
  Note moved = update_note(conn(), ada, note.id, {.lesson_id = lessons[1].id}, now());
  EXPECT_EQ(moved.lesson_id, lessons[1].id);
  EXPECT_EQ(moved.content, "v1");
  EXPECT_EQ(moved.updated_at, now());
  Note detached =
      update_note(conn(), ada, note.id, {.lesson_id = OptionalId{}, .content = "v2"}, now());
  EXPECT_FALSE(detached.lesson_id);
  EXPECT_EQ(get_note(conn(), ada, note.id).content, "v2");

  Course other = make_course(teacher);
  EXPECT_TRUE(is_field_error(error_of([&] {
                               update_note(conn(), ada, note.id,
                                           {.lesson_id = lessons_of(other.id)[0].id}, now());
                             }),
                             {"lesson_id"}));
  EXPECT_TRUE(is_field_error(
      error_of([&] { update_note(conn(), ada, note.id, {.content = ""}, now()); }), {"content"}));
  EXPECT_EQ(get_note(conn(), ada, note.id).course_id, course.id);
}

TEST_P(NotesTest, ListsOwnNotesNewestFirstFilteredByCourse) {
  Course other = make_course(teacher);
  api::Actor bob = make_actor("bob");
  write(bob, course.id, std::nullopt, "bob's");
  for (int i = 1; i <= 3; ++i) {
    write(ada, course.id, std::nullopt, "a" + std::to_string(i));
    write(ada, other.id, std::nullopt, "b" + std::to_string(i));
    advance(std::chrono::seconds(1));
  }
  EXPECT_EQ(list_notes(conn(), ada, std::nullopt, {}).count, 6);
  auto page = list_notes(conn(), ada, course.id, {.page = 1, .page_size = 2});
  EXPECT_EQ(page.count, 3);
  ASSERT_EQ(page.results.size(), 2u);
  EXPECT_EQ(page.results[0].content, "a3");
  EXPECT_EQ(page.results[1].content, "a2");
  auto last = list_notes(conn(), ada, course.id, {.page = 2, .page_size = 2});
  ASSERT_EQ(last.results.size(), 1u);
  EXPECT_EQ(last.results[0].content, "a1");

  delete_note(conn(), ada, page.results[0].id);
  EXPECT_EQ(list_notes(conn(), ada, course.id, {}).count, 2);
  EXPECT_EQ(list_notes(conn(), bob, std::nullopt, {}).count, 1);
}

TEST_P(NotesTest, ListsOwnNotesOnOneLessonNewestFirst) {
  const auto lessons = lessons_of(course.id);
  api::Actor bob = make_actor("bob");
  write(bob, course.id, lessons[0].id, "bob's");
  write(ada, course.id, std::nullopt, "on the course");
  write(ada, course.id, lessons[1].id, "on the other lesson");
  write(ada, course.id, lessons[0].id, "first");
  advance(std::chrono::seconds(1));
  write(ada, course.id, lessons[0].id, "second");

  auto notes = list_lesson_notes(conn(), ada, lessons[0].id);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].content, "second");
  EXPECT_EQ(notes[1].content, "first");
  EXPECT_EQ(list_lesson_notes(conn(), bob, lessons[0].id).size(), 1u);
  EXPECT_TRUE(list_lesson_notes(conn(), bob, lessons[1].id).empty());
}

LECTERN_INSTANTIATE_BACKENDS(NotesTest);

}  // namespace
}  // namespace lectern
