// The catalogue on both backends: who may author, see and change courses,
// slugs, the published list with its filters and pages, outlines, lesson
// access, and deleting a course with everything under it.
#include <gtest/gtest.h>

#include "apps/courses/catalogue.hpp"
#include "apps/courses/learning.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "support/domain.hpp"

namespace lectern {
namespace {

using namespace apps;
using namespace apps::courses;

class CatalogueTest : public testing::DomainTest {
 protected:
  std::int64_t count(const std::string& table) {
    return conn().query("SELECT COUNT(*) FROM " + table).front().get<std::int64_t>(0);
  }
};

TEST_P(CatalogueTest, InstructorsCreateUnpublishedCoursesWithASlugAndAStatsRow) {
  auto teacher = make_actor("teacher", "instructor");
  Course course = create_course(conn(), teacher, {.title = "Intro to C++ 20!"}, now());
  EXPECT_EQ(course.slug, "intro-to-c-20");
  EXPECT_FALSE(course.is_published);
  EXPECT_EQ(course.level, CourseLevel::beginner);
  EXPECT_EQ(course.instructor_id, teacher.user_id);
  Course second = create_course(conn(), teacher, {.title = "Intro to C++ 20"}, now());
  EXPECT_EQ(second.slug, "intro-to-c-20-2");
  EXPECT_EQ(count("courses_coursestats"), 2);

  auto student = make_actor("student");
  EXPECT_THROW(create_course(conn(), student, {.title = "Mine"}, now()), ForbiddenError);
}

TEST_P(CatalogueTest, RefusesInvalidCoursesFieldByField) {
  auto teacher = make_actor("teacher", "instructor");
  try {
    create_course(
        conn(), teacher,
        {.slug = "Bad Slug", .category_id = OptionalId{999}, .level = "expert", .price_cents = -1},
        now());
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    std::vector<std::string> fields;
    for (const auto& [field, message] : e.fields()) fields.push_back(field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"category_id", "level", "price_cents", "slug", "title"}));
  }
  create_course(conn(), teacher, {.title = "A", .slug = "taken"}, now());
  try {
    create_course(conn(), teacher, {.title = "B", .slug = "taken"}, now());
    ADD_FAILURE() << "duplicate slug accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_TRUE(e.fields().contains("slug"));
  }
  EXPECT_EQ(count("courses_course"), 1);
}

TEST_P(CatalogueTest, DraftsAreInvisibleToOthersAndOnlyTheInstructorChangesACourse) {
  auto teacher = make_actor("teacher", "instructor");
  auto other = make_actor("other", "instructor");
  auto admin = make_actor("admin", "admin");
  Course draft = make_course(teacher, 1, 1, false);
  EXPECT_FALSE(find_course_view(conn(), draft.id, nullptr));
  EXPECT_FALSE(find_course_view(conn(), draft.id, &other));
  EXPECT_TRUE(find_course_view(conn(), draft.id, &teacher));
  EXPECT_TRUE(find_course_view(conn(), draft.id, &admin));
  EXPECT_THROW(update_course(conn(), other, draft.id, {.title = "Taken"}, now()), NotFoundError);

  Course published = publish_course(conn(), teacher, draft.id, now());
  EXPECT_TRUE(published.is_published);
  EXPECT_EQ(published.published_at, now());
  EXPECT_THROW(update_course(conn(), other, draft.id, {.title = "Taken"}, now()), ForbiddenError);
  advance(std::chrono::hours(1));
  Course renamed = update_course(conn(), admin, draft.id, {.title = "Renamed"}, now());
  EXPECT_EQ(renamed.title, "Renamed");
  EXPECT_EQ(renamed.updated_at, now());
  EXPECT_EQ(renamed.slug, published.slug);
}

TEST_P(CatalogueTest, ListsPublishedCoursesByIdWithFiltersAndPages) {
  auto teacher = make_actor("teacher", "instructor");
  auto admin = make_actor("admin", "admin");
  Category music = create_category(conn(), admin, "Music", "music");
  std::vector<Id> published;
  for (int i = 0; i < 5; ++i) {
    Course c = create_course(conn(), teacher,
                             {.title = i % 2 ? "Jazz Harmony" : "Python 100%",
                              .category_id = i % 2 ? OptionalId{music.id} : std::nullopt,
                              .level = i == 4 ? "advanced" : "beginner"},
                             now());
    if (i != 2) {
      publish_course(conn(), teacher, c.id, now());
      published.push_back(c.id);
    }
  }
  auto ids = [](const api::Page<CourseView>& page) {
    std::vector<Id> out;
    for (const auto& v : page.results) out.push_back(v.course.id);
    return out;
  };
  auto all = list_published_courses(conn(), {}, {1, 20});
  EXPECT_EQ(all.count, 4);
  EXPECT_EQ(ids(all), published);
  auto second = list_published_courses(conn(), {}, {2, 3});
  EXPECT_EQ(second.count, 4);
  EXPECT_EQ(ids(second), std::vector<Id>{published[3]});
  EXPECT_TRUE(list_published_courses(conn(), {}, {3, 3}).results.empty());

  EXPECT_EQ(list_published_courses(conn(), {.search = "JAZZ"}, {1, 20}).count, 2);
  EXPECT_EQ(list_published_courses(conn(), {.search = "100%"}, {1, 20}).count, 2);
  EXPECT_EQ(list_published_courses(conn(), {.search = "0_"}, {1, 20}).count, 0);
  EXPECT_EQ(list_published_courses(conn(), {.category_id = music.id}, {1, 20}).count, 2);
  EXPECT_EQ(list_published_courses(conn(), {.level = "advanced"}, {1, 20}).count, 1);

  CourseView view = all.results[1];
  EXPECT_EQ(view.instructor.username, "teacher");
  ASSERT_TRUE(view.category);
  EXPECT_EQ(view.category->slug, "music");
  EXPECT_FALSE(all.results[0].category);
  EXPECT_EQ(view.stats.total_enrollments, 0);
  EXPECT_FALSE(view.stats.average_rating);
}

TEST_P(CatalogueTest, OutlineListsModulesAndLessonsInPositionOrderWithoutContent) {
  auto teacher = make_actor("teacher", "instructor");
  Course course = create_course(conn(), teacher, {.title = "C"}, now());
  auto m2 = create_module(conn(), teacher, course.id, {.title = "Second", .position = 2}, now());
  auto m1 = create_module(conn(), teacher, course.id, {.title = "First", .position = 1}, now());
  create_lesson(conn(), teacher, m1.id, {.title = "b", .content = "x", .position = 2}, now());
  create_lesson(conn(), teacher, m1.id, {.title = "a", .content = "x", .position = 1}, now());
  EXPECT_THROW(create_module(conn(), teacher, course.id, {.title = "Dup", .position = 2}, now()),
               ConflictError);
  Outline outline = course_outline(conn(), course.id, &teacher);
  ASSERT_EQ(outline.modules.size(), 2u);
  EXPECT_EQ(outline.modules[0].module.id, m1.id);
  EXPECT_EQ(outline.modules[1].module.id, m2.id);
  ASSERT_EQ(outline.modules[0].lessons.size(), 2u);
  EXPECT_EQ(outline.modules[0].lessons[0].title, "a");
  EXPECT_EQ(outline.modules[0].lessons[0].content, "");
  EXPECT_THROW(course_outline(conn(), course.id, nullptr), NotFoundError);
}

TEST_P(CatalogueTest, LessonsOpenToTheEnrolledTheInstructorAndFreePreviewsOnly) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course course = make_course(teacher, 1, 2);
  auto lessons = lessons_of(course.id);
  update_lesson(conn(), teacher, lessons[0].id, {.is_free_preview = true}, now());
  EXPECT_EQ(view_lesson(conn(), lessons[0].id, nullptr).content, "Content 1");
  EXPECT_EQ(view_lesson(conn(), lessons[1].id, &teacher).content, "Content 2");
  EXPECT_THROW(view_lesson(conn(), lessons[1].id, nullptr), UnauthenticatedError);
  try {
    view_lesson(conn(), lessons[1].id, &student);
    ADD_FAILURE() << "opened";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.code(), "not_enrolled");
  }
  enroll(conn(), student, course.id, now());
  EXPECT_EQ(view_lesson(conn(), lessons[1].id, &student).content, "Content 2");
  EXPECT_THROW(view_lesson(conn(), 99999, &student), NotFoundError);
  // The lesson page's form names the course too, under the same rule.
  const LessonPlace place = view_lesson_place(conn(), lessons[1].id, &student);
  EXPECT_EQ(place.lesson.id, lessons[1].id);
  EXPECT_EQ(place.course_id, course.id);
  EXPECT_THROW(view_lesson_place(conn(), lessons[1].id, nullptr), UnauthenticatedError);
}

TEST_P(CatalogueTest, DeletingACourseRemovesEverythingUnderItAndUpdatesStudentsStats) {
  auto teacher = make_actor("teacher", "instructor");
  auto student = make_actor("student");
  Course keep = make_course(teacher, 1, 1);
  Course gone = make_course(teacher, 2, 2);
  enroll(conn(), student, keep.id, now());
  enroll(conn(), student, gone.id, now());
  complete_lesson(conn(), student, lessons_of(gone.id)[0].id, 60, now());
  EXPECT_EQ(user_stats(conn(), student.user_id).courses_enrolled, 2);

  auto other = make_actor("other", "instructor");
  EXPECT_THROW(delete_course(conn(), other, gone.id, now()), ForbiddenError);
  delete_course(conn(), teacher, gone.id, now());
  EXPECT_FALSE(find_course_view(conn(), gone.id, &teacher));
  EXPECT_EQ(count("courses_module"), 1);
  EXPECT_EQ(count("courses_lesson"), 1);
  EXPECT_EQ(count("courses_enrollment"), 1);
  EXPECT_EQ(count("courses_courseprogress"), 1);
  EXPECT_EQ(count("courses_lessonprogress"), 0);
  EXPECT_EQ(count("courses_coursestats"), 1);
  UserStats stats = user_stats(conn(), student.user_id);
  EXPECT_EQ(stats.courses_enrolled, 1);
  EXPECT_EQ(stats.lessons_completed, 0);
  EXPECT_EQ(stats.total_time_spent_seconds, 0);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

LECTERN_INSTANTIATE_BACKENDS(CatalogueTest);

}  // namespace
}  // namespace lectern
