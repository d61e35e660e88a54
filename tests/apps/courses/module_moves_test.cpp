// Moving a module up or down its course's outline, on both backends: it
// swaps places with its neighbour in one transaction (positions are unique
// per course), does nothing at the edge, and is its course's editors' to do.
#include <gtest/gtest.h>

#include "apps/courses/catalogue.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using testing::error_of;
using testing::is_error;

class ModuleMovesTest : public testing::DomainTest {
 protected:
  std::vector<std::string> titles(Id course_id, const api::Actor& viewer) {
    std::vector<std::string> out;
    for (const auto& m : course_outline(conn(), course_id, &viewer).modules) {
      out.push_back(m.module.title);
    }
    return out;
  }
};

TEST_P(ModuleMovesTest, AModuleSwapsPlacesWithItsNeighbour) {
  const api::Actor teacher = make_actor("teacher", "instructor");
  const Course course = make_course(teacher, 0, 0, /*published=*/false);
  std::vector<Id> ids;
  for (const auto& [title, position] :
       std::vector<std::pair<std::string, int>>{{"A", 1}, {"B", 2}, {"C", 5}}) {
    ids.push_back(
        create_module(conn(), teacher, course.id, {.title = title, .position = position}, now())
            .id);
  }
  EXPECT_EQ(titles(course.id, teacher), (std::vector<std::string>{"A", "B", "C"}));
  move_module(conn(), teacher, ids[2], MoveDirection::up, now());
  EXPECT_EQ(titles(course.id, teacher), (std::vector<std::string>{"A", "C", "B"}));
  move_module(conn(), teacher, ids[0], MoveDirection::down, now());
  EXPECT_EQ(titles(course.id, teacher), (std::vector<std::string>{"C", "A", "B"}));
  // At the edges nothing moves.
  move_module(conn(), teacher, ids[2], MoveDirection::up, now());
  move_module(conn(), teacher, ids[1], MoveDirection::down, now());
  EXPECT_EQ(titles(course.id, teacher), (std::vector<std::string>{"C", "A", "B"}));

  // The course is a draft: to anyone else it does not exist.
  const api::Actor rival = make_actor("rival", "instructor");
  EXPECT_TRUE(
      is_error(error_of([&] { move_module(conn(), rival, ids[0], MoveDirection::up, now()); }),
               ErrorKind::kNotFound, "not_found"));
  EXPECT_TRUE(
      is_error(error_of([&] { move_module(conn(), teacher, 99999, MoveDirection::up, now()); }),
               ErrorKind::kNotFound, "not_found"));
}

TEST_P(ModuleMovesTest, AnEditedLessonComesWithItsModule) {
  const api::Actor teacher = make_actor("teacher", "instructor");
  const Course course = make_course(teacher, 1, 1);
  const Lesson lesson = lessons_of(course.id).at(0);
  const EditableLesson found = lesson_for_editor(conn(), teacher, lesson.id);
  EXPECT_EQ(found.lesson.id, lesson.id);
  EXPECT_EQ(found.module.id, lesson.module_id);
  EXPECT_EQ(found.module.course_id, course.id);
  EXPECT_TRUE(is_error(error_of([&] { lesson_for_editor(conn(), make_actor("sam"), lesson.id); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
  const Course draft = make_course(teacher, 1, 1, /*published=*/false);
  EXPECT_TRUE(is_error(error_of([&] {
                         lesson_for_editor(conn(), make_actor("tom"),
                                           lessons_of(draft.id).at(0).id);
                       }),
                       ErrorKind::kNotFound, "not_found"));
}

LECTERN_INSTANTIATE_BACKENDS(ModuleMovesTest);

}  // namespace
}  // namespace lectern
