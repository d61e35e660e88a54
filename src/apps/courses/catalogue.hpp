// The catalogue and its authoring: categories, courses, modules and lessons.
// Anyone may read published courses; a course's instructor (or an admin)
// edits it. An unpublished course is visible only to them: to anyone else it
// does not exist (NotFoundError), while changing someone else's published
// course is a ForbiddenError. Each call is one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct UserBrief {
  Id id = 0;
  std::string username;
  std::string display_name;
};
BOOST_DESCRIBE_STRUCT(UserBrief, (), (id, username, display_name))

struct StatsBrief {
  std::int64_t total_enrollments = 0;
  std::int64_t review_count = 0;
  std::optional<double> average_rating;
};
BOOST_DESCRIBE_STRUCT(StatsBrief, (), (total_enrollments, review_count, average_rating))

// A course as the catalogue shows it (api.md, benchmark endpoint 1).
struct CourseView {
  Course course;
  UserBrief instructor;
  std::optional<Category> category;
  StatsBrief stats;
};

struct CourseFilter {
  std::string search;  // in title or description, case-insensitive
  OptionalId category_id;
  std::string level;
};

std::vector<Category> list_categories(db::Connection& db);
Category create_category(db::Connection& db, const api::Actor& actor, const std::string& name,
                         const std::string& slug);

// A course the viewer may see (published, or theirs, or the viewer is an
// admin); nullopt otherwise. `viewer` may be null (anonymous).
std::optional<CourseView> find_course_view(db::Connection& db, Id id, const api::Actor* viewer);
// The same by the course's slug (the pages' URLs name courses by slug).
std::optional<CourseView> find_course_view_by_slug(db::Connection& db, std::string_view slug,
                                                   const api::Actor* viewer);
// Published courses ordered by id.
api::Page<CourseView> list_published_courses(db::Connection& db, const CourseFilter& filter,
                                             api::PageRequest page);

// Absent members keep the current value (create: the model default).
struct CourseInput {
  std::optional<std::string> title;
  std::optional<std::string> slug;
  std::optional<std::string> description;
  std::optional<OptionalId> category_id;  // engaged nullopt: no category
  std::optional<std::string> level;
  std::optional<std::int64_t> price_cents;
};
BOOST_DESCRIBE_STRUCT(CourseInput, (), (title, slug, description, category_id, level, price_cents))

// Instructors and admins; the course is theirs, unpublished, with a stats row.
// Without a slug one is made from the title (made unique with -2, -3, ...).
Course create_course(db::Connection& db, const api::Actor& actor, const CourseInput& input,
                     Timestamp now);
Course update_course(db::Connection& db, const api::Actor& actor, Id id, const CourseInput& input,
                     Timestamp now);
Course publish_course(db::Connection& db, const api::Actor& actor, Id id, Timestamp now);
// Removes the course and everything under it; the stats of its students
// follow in the same transaction.
void delete_course(db::Connection& db, const api::Actor& actor, Id id, Timestamp now);

struct ModuleInput {
  std::optional<std::string> title;
  std::optional<std::int64_t> position;
};
BOOST_DESCRIBE_STRUCT(ModuleInput, (), (title, position))
Module create_module(db::Connection& db, const api::Actor& actor, Id course_id,
                     const ModuleInput& input, Timestamp now);
Module update_module(db::Connection& db, const api::Actor& actor, Id module_id,
                     const ModuleInput& input, Timestamp now);
void delete_module(db::Connection& db, const api::Actor& actor, Id module_id, Timestamp now);
// Swaps the module with its neighbour before it (up) or after it (down) in
// position order, in one transaction; at the edge nothing changes.
enum class MoveDirection { up, down };
void move_module(db::Connection& db, const api::Actor& actor, Id module_id, MoveDirection direction,
                 Timestamp now);

struct LessonInput {
  std::optional<std::string> title;
  std::optional<std::string> content;
  std::optional<std::int64_t> duration_minutes;
  std::optional<std::int64_t> position;
  std::optional<bool> is_free_preview;
};
BOOST_DESCRIBE_STRUCT(LessonInput, (),
                      (title, content, duration_minutes, position, is_free_preview))
Lesson create_lesson(db::Connection& db, const api::Actor& actor, Id module_id,
                     const LessonInput& input, Timestamp now);
Lesson update_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id,
                     const LessonInput& input, Timestamp now);
void delete_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id, Timestamp now);

// A lesson with its module, for the course's editor (the authoring pages):
// NotFoundError when the viewer cannot see it, ForbiddenError otherwise.
struct EditableLesson {
  Lesson lesson;
  Module module;
};
EditableLesson lesson_for_editor(db::Connection& db, const api::Actor& actor, Id lesson_id);

struct OutlineModule {
  Module module;
  std::vector<Lesson> lessons;
};
struct Outline {
  Id course_id = 0;
  std::vector<OutlineModule> modules;
};
// The course's modules and lessons in position order (lesson content left
// out: see view_lesson).
Outline course_outline(db::Connection& db, Id course_id, const api::Actor* viewer);
// The same for a course whose access the caller holds.
Outline course_outline(db::Connection& db, const CourseAccess& access);

// A lesson with its content: for the course's instructor, an admin, an
// enrolled student, or anyone when it is a free preview of a published
// course. Of a published course, others get ForbiddenError("not_enrolled")
// (UnauthenticatedError when anonymous); otherwise NotFoundError.
Lesson view_lesson(db::Connection& db, Id lesson_id, const api::Actor* viewer);
struct LessonPlace {
  Lesson lesson;
  Id course_id = 0;
};
// view_lesson with the course the lesson belongs to (the lesson page's).
LessonPlace view_lesson_place(db::Connection& db, Id lesson_id, const api::Actor* viewer);

// "Intro to C++ 7" -> "intro-to-c-7".
std::string slugify(std::string_view title);

}  // namespace lectern::apps::courses
