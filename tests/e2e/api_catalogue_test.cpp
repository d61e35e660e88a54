// The catalogue and its authoring over real HTTP: categories, the course
// list and its filters, courses, modules, lessons and outlines; each
// endpoint's success, its validation errors with fields, and who may do what
// (drafts do not exist for others: 404; another instructor's published
// course: 403).
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::Access;
using testing::api_path;
using testing::ApiCourse;
using testing::ApiUser;
using testing::Cast;
using testing::has_error;
using testing::has_field_errors;
using testing::ids;
using testing::kDraftEditorsOnly;
using testing::kEditorsOnly;
using testing::kEnrolledReaders;
using testing::keys;

using testing::Keys;

class ApiCatalogueTest : public testing::ApiTest {
 protected:
  // Every authoring call on `course`, its first module and its first lesson,
  // as each caller: changes answer as `change` says; creations 201 and
  // deletions 204 where `change` allows the change. The course is published
  // last, so that a draft stays a draft to the end.
  void expect_authoring(const Cast& cast, const ApiCourse& course, const Access& change) {
    const std::string base = api_path("/api/courses/", course.id);
    const std::string module = api_path("/api/modules/", course.module_ids.at(0));
    const std::string lesson = api_path("/api/lessons/", course.lesson_ids.at(0));
    expect_access("PATCH", base, cast, change, {{"description", "Changed."}});
    expect_access("PATCH", module, cast, change, {{"title", "Changed"}});
    expect_access("PATCH", lesson, cast, change, {{"title", "Changed"}});
    // Refusals first; then the instructor and the admin each add a module
    // and a lesson at a position of their own (positions are unique).
    Access refused = change;
    refused.instructor = refused.admin = 0;
    expect_access("POST", base + "/modules", cast, refused, {{"title", "More"}, {"position", 9}});
    expect_access("POST", module + "/lessons", cast, refused, {{"title", "More"}, {"position", 9}});
    int position = 10;
    for (const ApiUser* user : {&cast.instructor, &cast.admin}) {
      SCOPED_TRACE(user->username);
      const json::value body{{"title", "More"}, {"position", position++}};
      EXPECT_EQ(post(base + "/modules", user->token, body).status, 201);
      EXPECT_EQ(post(module + "/lessons", user->token, body).status, 201);
    }
    // The instructor deletes the lesson, the admin the module.
    Access remove = refused;
    remove.instructor = 204;
    expect_access("DELETE", lesson, cast, remove);
    remove.instructor = 0;
    remove.admin = 204;
    expect_access("DELETE", module, cast, remove);
    expect_access("POST", base + "/publish", cast, change);
  }
};

TEST_P(ApiCatalogueTest, CategoriesAreListedByName) {
  const std::int64_t web = make_category("Web", "web");
  const std::int64_t data = make_category("Data", "data");
  auto r = get("/api/categories");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"count", "page", "page_size", "results"}));
  EXPECT_EQ(r["count"], 2);
  EXPECT_EQ(r["results"], (json::value{{{"id", data}, {"name", "Data"}, {"slug", "data"}},
                                       {{"id", web}, {"name", "Web"}, {"slug", "web"}}}));
  r = get("/api/categories?page=2&page_size=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids(r.json), std::vector<std::int64_t>{web});
}

TEST_P(ApiCatalogueTest, TheListFiltersBySearchCategoryAndLevel) {
  ApiUser ada = make_user("ada", "instructor");
  const std::int64_t web = make_category("Web", "web");
  auto course = [&](const char* title, const char* description, const char* level,
                    std::int64_t category, bool publish = true) {
    json::object body{{"title", title}, {"description", description}, {"level", level}};
    if (category) body["category_id"] = category;
    auto r = post("/api/courses", ada.token, body);
    EXPECT_EQ(r.status, 201) << r.body;
    if (publish) {
      EXPECT_EQ(post(api_path("/api/courses/", r.id(), "/publish"), ada.token).status, 200);
    }
    return r.id();
  };
  const auto html = course("HTML Basics", "Tags and forms", "beginner", web);
  const auto sql = course("SQL", "Joins, indexes and the HTML of data", "advanced", 0);
  const auto css = course("CSS Layout", "Grid and flexbox", "intermediate", web);
  course("HTML Drafting", "Never published", "beginner", web, /*publish=*/false);

  auto list = [&](const std::string& query) {
    auto r = get("/api/courses?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r["count"].as_int64(), static_cast<std::int64_t>(ids(r.json).size()));
    return ids(r.json);
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(list(""), (Ids{html, sql, css}));
  EXPECT_EQ(list("search=html"), (Ids{html, sql}));  // title or description, any case
  EXPECT_EQ(list("search=%25"), Ids{});              // LIKE wildcards are plain text
  EXPECT_EQ(list("category=" + std::to_string(web)), (Ids{html, css}));
  EXPECT_EQ(list("category=web"), (Ids{html, css}));
  EXPECT_EQ(list("category=nosuch"), Ids{});
  EXPECT_EQ(list("level=advanced"), Ids{sql});
  EXPECT_EQ(list("search=html&category=web&level=beginner"), Ids{html});
}

TEST_P(ApiCatalogueTest, CreatingACourseAnswers201Unpublished) {
  ApiUser ada = make_user("ada", "instructor");
  ApiUser root = make_user("root", "admin");
  const std::int64_t web = make_category("Web", "web");
  auto r = post("/api/courses", ada.token,
                {{"title", "Intro to C++ 20"},
                 {"description", "From zero."},
                 {"category_id", web},
                 {"level", "beginner"},
                 {"price_cents", 4900}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r["slug"], "intro-to-c-20");
  EXPECT_EQ(r["instructor"].at("id"), ada.id);
  EXPECT_EQ(r["category"].at("id"), web);
  EXPECT_EQ(r["is_published"], false);
  EXPECT_TRUE(r["published_at"].is_null());
  EXPECT_EQ(r["price_cents"], 4900);
  // Absent optional fields take the model defaults; slugs are made unique.
  auto second = post("/api/courses", root.token, {{"title", "Intro to C++ 20"}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second["slug"], "intro-to-c-20-2");
  EXPECT_EQ(second["instructor"].at("id"), root.id);
  EXPECT_EQ(second["description"], "");
  EXPECT_EQ(second["level"], "beginner");
  EXPECT_EQ(second["price_cents"], 0);
  EXPECT_TRUE(second["category"].is_null());
  // A slug given twice is a conflict naming the field.
  auto duplicate = post("/api/courses", ada.token, {{"title", "Other"}, {"slug", "intro-to-c-20"}});
  EXPECT_TRUE(has_error(duplicate, 409, "duplicate"));
}

TEST_P(ApiCatalogueTest, CourseRulesAre422WithFields) {
  ApiUser ada = make_user("ada", "instructor");
  auto r = post("/api/courses", ada.token,
                {{"title", ""},
                 {"slug", "Not A Slug"},
                 {"level", "expert"},
                 {"price_cents", -1},
                 {"category_id", 999}});
  EXPECT_TRUE(has_field_errors(r, {"title", "slug", "level", "price_cents", "category_id"}));
  EXPECT_TRUE(
      has_field_errors(post("/api/courses", ada.token, {{"level", "beginner"}}), {"title"}));
  EXPECT_TRUE(has_field_errors(post("/api/courses", ada.token, {{"title", std::string(201, 't')}}),
                               {"title"}));
  ApiCourse course = make_course(ada);
  EXPECT_TRUE(has_field_errors(
      patch(api_path("/api/courses/", course.id), ada.token, {{"title", ""}, {"level", "expert"}}),
      {"title", "level"}));
}

TEST_P(ApiCatalogueTest, EditingPublishingAndDeletingACourse) {
  ApiUser ada = make_user("ada", "instructor");
  const std::int64_t web = make_category("Web", "web");
  ApiCourse course = make_course(ada, /*published=*/false);
  const std::string target = api_path("/api/courses/", course.id);
  auto r = patch(target, ada.token, {{"title", "Renamed"}, {"category_id", web}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["title"], "Renamed");
  EXPECT_EQ(r["category"].at("id"), web);
  EXPECT_EQ(r["description"], "What course 1 teaches.");  // absent: unchanged
  r = patch(target, ada.token, {{"category_id", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r["category"].is_null());

  r = post(target + "/publish", ada.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["is_published"], true);
  EXPECT_TRUE(r["published_at"].is_string());
  const json::value published_at = r["published_at"];
  r = post(target + "/publish", ada.token);  // again: nothing changes
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["published_at"], published_at);
  EXPECT_EQ(get("/api/courses")["count"], 1);

  r = del(target, ada.token);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(has_error(get(target, ada.token), 404, "not_found"));
  EXPECT_TRUE(has_error(del(target, ada.token), 404, "not_found"));
  EXPECT_EQ(get("/api/courses")["count"], 0);
}

TEST_P(ApiCatalogueTest, ModulesLessonsAndTheOutline) {
  ApiUser ada = make_user("ada", "instructor");
  ApiCourse course = make_course(ada, /*published=*/true, /*modules=*/0);
  const std::string base = api_path("/api/courses/", course.id);
  auto second = post(base + "/modules", ada.token, {{"title", "Second"}, {"position", 2}});
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(keys(second.json),
            (Keys{"id", "course_id", "title", "position", "created_at", "updated_at"}));
  EXPECT_EQ(second["course_id"], course.id);
  auto first = post(base + "/modules", ada.token, {{"title", "First"}, {"position", 1}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(has_field_errors(post(base + "/modules", ada.token, {{"position", -1}}),
                               {"title", "position"}));

  const std::string lessons = api_path("/api/modules/", first.id(), "/lessons");
  auto lesson = post(lessons, ada.token,
                     {{"title", "Hello"},
                      {"content", "Say hello."},
                      {"duration_minutes", 5},
                      {"position", 1},
                      {"is_free_preview", true}});
  ASSERT_EQ(lesson.status, 201) << lesson.body;
  EXPECT_EQ(keys(lesson.json), (Keys{"id", "module_id", "title", "content", "duration_minutes",
                                     "position", "is_free_preview", "created_at", "updated_at"}));
  EXPECT_EQ(lesson["module_id"], first.id());
  EXPECT_TRUE(has_field_errors(post(lessons, ada.token, {{"title", ""}, {"duration_minutes", -5}}),
                               {"title", "duration_minutes", "position"}));
  EXPECT_TRUE(has_field_errors(post(lessons, ada.token, {{"title", "x"}, {"is_free_preview", 1}}),
                               {"is_free_preview"}));

  auto outline = get(base + "/outline");
  ASSERT_EQ(outline.status, 200) << outline.body;
  EXPECT_EQ(outline.json, (json::value{{"course_id", course.id},
                                       {"modules",
                                        {{{"id", first.id()},
                                          {"title", "First"},
                                          {"position", 1},
                                          {"lessons",
                                           {{{"id", lesson.id()},
                                             {"title", "Hello"},
                                             {"duration_minutes", 5},
                                             {"position", 1},
                                             {"is_free_preview", true}}}}},
                                         {{"id", second.id()},
                                          {"title", "Second"},
                                          {"position", 2},
                                          {"lessons", json::array{}}}}}}));

  // Changes keep what they do not name, and follow the same rules.
  EXPECT_TRUE(has_field_errors(
      patch(api_path("/api/modules/", second.id()), ada.token, {{"title", ""}, {"position", -1}}),
      {"title", "position"}));
  EXPECT_TRUE(has_field_errors(patch(api_path("/api/lessons/", lesson.id()), ada.token,
                                     {{"title", ""}, {"duration_minutes", -1}}),
                               {"title", "duration_minutes"}));
  auto moved = patch(api_path("/api/modules/", second.id()), ada.token, {{"position", 0}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved["title"], "Second");
  EXPECT_EQ(moved["position"], 0);
  auto edited = patch(api_path("/api/lessons/", lesson.id()), ada.token, {{"content", "Hi."}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited["content"], "Hi.");
  EXPECT_EQ(edited["title"], "Hello");
  EXPECT_EQ(get(base + "/outline")["modules"].at(0).at("id"), second.id());

  EXPECT_EQ(del(api_path("/api/lessons/", lesson.id()), ada.token).status, 204);
  EXPECT_TRUE(has_error(get(api_path("/api/lessons/", lesson.id()), ada.token), 404, "not_found"));
  EXPECT_EQ(del(api_path("/api/modules/", first.id()), ada.token).status, 204);
  EXPECT_EQ(get(base + "/outline")["modules"].as_array().size(), 1u);
}

TEST_P(ApiCatalogueTest, LessonContentIsForTheEnrolledItsInstructorAndFreePreviews) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);  // lesson 1 is a free preview, 2 is not
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), cast.student.token).status, 201);
  auto preview = get(api_path("/api/lessons/", course.lesson_ids.at(0)));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview["content"], "Text of lesson 1.");
  expect_access("GET", api_path("/api/lessons/", course.lesson_ids.at(1)), cast, kEnrolledReaders);
  EXPECT_TRUE(
      has_error(get(api_path("/api/lessons/", course.lesson_ids.at(1)), cast.other_student.token),
                403, "not_enrolled"));
}

TEST_P(ApiCatalogueTest, DraftsDoNotExistForOthers) {
  Cast cast = make_cast();
  ApiCourse draft = make_course(cast.instructor, /*published=*/false);
  const std::string base = api_path("/api/courses/", draft.id);
  const Access hidden{.anonymous = 404,
                      .student = 404,
                      .other_student = 404,
                      .instructor = 200,
                      .other_instructor = 404,
                      .admin = 200};
  expect_access("GET", base, cast, hidden);
  expect_access("GET", base + "/outline", cast, hidden);
  expect_access("GET", api_path("/api/lessons/", draft.lesson_ids.at(0)), cast, hidden);
  EXPECT_EQ(get("/api/courses", cast.instructor.token)["count"], 0);  // the list is published only
  // Changing a draft: anonymous callers must log in; for everyone else but
  // its instructor and admins it does not exist.
  expect_authoring(cast, draft, kDraftEditorsOnly);
  // Admins may delete anyone's course.
  ApiCourse other = make_course(cast.instructor, /*published=*/false);
  expect_access("DELETE", api_path("/api/courses/", other.id), cast,
                {.anonymous = 401,
                 .student = 404,
                 .other_student = 404,
                 .other_instructor = 404,
                 .admin = 204});
}

TEST_P(ApiCatalogueTest, OnlyItsInstructorAndAdminsChangeAPublishedCourse) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);
  const std::string base = api_path("/api/courses/", course.id);
  expect_authoring(cast, course, kEditorsOnly);
  Access remove{.anonymous = 401, .student = 403, .other_student = 403, .other_instructor = 403};
  remove.admin = 204;
  expect_access("DELETE", base, cast, remove);
  // Only instructors and admins author courses.
  expect_access("POST", "/api/courses", cast,
                {.anonymous = 401,
                 .student = 403,
                 .other_student = 403,
                 .instructor = 201,
                 .other_instructor = 201,
                 .admin = 201},
                {{"title", "Mine"}});
  EXPECT_TRUE(has_error(post("/api/courses", cast.student.token, {{"title", "Mine"}}), 403,
                        "instructors_only"));
  EXPECT_TRUE(has_error(patch(base, cast.other_instructor.token, {{"title", "x"}}), 404,
                        "not_found"));  // deleted above
}

LECTERN_INSTANTIATE_BACKENDS(ApiCatalogueTest);

}  // namespace
}  // namespace lectern
