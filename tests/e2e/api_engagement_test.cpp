// The engagement endpoints over real HTTP, on both backends: reviews (public
// listing, one per student, author-only changes: 403 to anyone else, but an
// admin may delete), notes, bookmarks and preferences (the caller's own
// only: anyone else's is a 404, admins included; lists hold only one's own),
// and their validation (422 on what is unknown).
#include <gtest/gtest.h>

#include <map>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::Access;
using testing::api_path;
using testing::ApiResponse;
using testing::ApiUser;
using testing::has_error;
using testing::has_field_errors;
using testing::ids;
using testing::keys;
using testing::Keys;
using testing::kStudentAlone;

// Another user's note or bookmark: there for its author alone.
constexpr Access kStudentAlonekStudentAlone;

class ApiEngagementTest : public testing::ApiCourseTest {
 protected:
  // Each user of the cast POSTs `body` to `target`; the ids created, by user id.
  std::map<std::int64_t, std::vector<std::int64_t>> each_creates(const std::string& target,
                                                                 const json::value& body) {
    std::map<std::int64_t, std::vector<std::int64_t>> out;
    for (const auto& [who, user] : cast_.users()) {
      auto r = post(target, user->token, body);
      EXPECT_EQ(r.status, 201) << who << ": " << r.body;
      if (r.status == 201) out[user->id].push_back(r.id());
    }
    return out;
  }
};

TEST_P(ApiEngagementTest, EnrolledStudentsReviewOnce) {
  const std::string target = api_path("/api/courses/", course_, "/reviews");
  auto r = post(target, cast_.student.token, {{"rating", 4}, {"comment", "Useful."}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(keys(r.json),
            (Keys{"id", "user", "course_id", "rating", "comment", "created_at", "updated_at"}));
  EXPECT_EQ(keys(r["user"]), (Keys{"id", "username", "display_name"}));
  EXPECT_EQ(r["user"].at("id"), cast_.student.id);
  EXPECT_EQ(r["course_id"], course_);

  EXPECT_TRUE(has_error(post(target, cast_.student.token, {{"rating", 5}}), 409, "duplicate"));
  EXPECT_TRUE(
      has_error(post(target, cast_.other_student.token, {{"rating", 5}}), 403, "not_enrolled"));
  EXPECT_TRUE(has_error(post(target, "", {{"rating", 5}}), 401, "not_authenticated"));
  EXPECT_TRUE(has_error(post("/api/courses/9999/reviews", cast_.student.token, {{"rating", 5}}),
                        404, "not_found"));

  // The listing is public, and the course's stats follow.
  auto list = get(target);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(keys(list.json), (Keys{"count", "page", "page_size", "results"}));
  EXPECT_EQ(list["count"], 1);
  EXPECT_EQ(list["results"].at(0).at("comment"), "Useful.");
  auto stats = get(api_path("/api/courses/", course_))["stats"];
  EXPECT_EQ(stats.at("review_count"), 1);
  EXPECT_EQ(stats.at("average_rating"), 4.0);
}

TEST_P(ApiEngagementTest, ReviewValidation) {
  const std::string target = api_path("/api/courses/", course_, "/reviews");
  for (const json::value& body : {json::value{{"rating", 6}}, json::value{{"rating", "5"}},
                                  json::value{{"comment", "no rating"}}}) {
    SCOPED_TRACE(json::serialize(body));
    EXPECT_TRUE(has_field_errors(post(target, cast_.student.token, body), {"rating"}));
  }
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  EXPECT_TRUE(has_error(get(api_path("/api/courses/", draft, "/reviews")), 404, "not_found"));
}

TEST_P(ApiEngagementTest, OnlyTheAuthorChangesAReviewAndAdminsDeleteAny) {
  auto r =
      post(api_path("/api/courses/", course_, "/reviews"), cast_.student.token, {{"rating", 2}});
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string target = api_path("/api/reviews/", r.id());
  auto patched = patch(target, cast_.student.token, {{"rating", 5}, {"comment", "Better now."}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched["rating"], 5);
  EXPECT_EQ(patched["comment"], "Better now.");
  // Reviews are public: changing someone else's is refused, not hidden.
  expect_access("PATCH", target, cast_,
                {.anonymous = 401,
                 .student = 200,
                 .other_student = 403,
                 .instructor = 403,
                 .other_instructor = 403,
                 .admin = 403},
                {{"rating", 1}});
  EXPECT_TRUE(has_error(patch(target, cast_.other_student.token, {{"rating", 1}}), 403,
                        "not_review_author"));
  EXPECT_TRUE(has_field_errors(patch(target, cast_.student.token, {{"rating", 0}}), {"rating"}));
  expect_access("DELETE", target, cast_,
                {.anonymous = 401,
                 .student = 204,
                 .other_student = 403,
                 .instructor = 403,
                 .other_instructor = 403});
  EXPECT_TRUE(has_error(patch(target, cast_.student.token, {{"rating", 3}}), 404, "not_found"));
  EXPECT_EQ(get(api_path("/api/courses/", course_, "/reviews"))["count"], 0);

  // An admin deletes anyone's review.
  ASSERT_EQ(post(api_path("/api/courses/", course_, "/enroll"), cast_.other_student.token).status,
            201);
  auto theirs = post(api_path("/api/courses/", course_, "/reviews"), cast_.other_student.token,
                     {{"rating", 1}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  expect_access("DELETE", api_path("/api/reviews/", theirs.id()), cast_,
                {.student = 403, .instructor = 403, .other_instructor = 403, .admin = 204});
}

TEST_P(ApiEngagementTest, NotesAreTheirAuthorsOnly) {
  auto r = post("/api/notes", cast_.student.token,
                {{"course_id", course_}, {"lesson_id", lesson_}, {"content", "Buy a fork."}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(keys(r.json),
            (Keys{"id", "course_id", "lesson_id", "content", "created_at", "updated_at"}));
  const std::string target = api_path("/api/notes/", r.id());
  ASSERT_EQ(post("/api/notes", cast_.student.token,
                 {{"course_id", course_}, {"lesson_id", nullptr}, {"content", "Two."}})
                .status,
            201);

  EXPECT_EQ(get(api_path("/api/notes?course_id=", course_), cast_.student.token)["count"], 2);
  EXPECT_EQ(get("/api/notes?course_id=9999", cast_.student.token)["count"], 0);
  EXPECT_EQ(get("/api/notes", cast_.other_student.token)["count"], 0);
  EXPECT_TRUE(
      has_error(get("/api/notes?course_id=abc", cast_.student.token), 400, "malformed_request"));
  EXPECT_EQ(get(target, cast_.student.token)["content"], "Buy a fork.");

  // Someone else's note does not exist for them.
  expect_access("GET", target, cast_, kStudentAlone);
  Access change = kStudentAlone;
  change.student = 0;
  expect_access("PATCH", target, cast_, change, {{"content", "Mine now."}});
  expect_access("DELETE", target, cast_, change);

  auto detached =
      patch(target, cast_.student.token, {{"lesson_id", nullptr}, {"content", "Forks."}});
  ASSERT_EQ(detached.status, 200) << detached.body;
  EXPECT_TRUE(detached["lesson_id"].is_null());
  EXPECT_EQ(detached["content"], "Forks.");
  change.student = 204;
  expect_access("DELETE", target, cast_, change);
  EXPECT_TRUE(has_error(get(target, cast_.student.token), 404, "not_found"));
}

TEST_P(ApiEngagementTest, NoteValidation) {
  const std::string& student = cast_.student.token;
  EXPECT_TRUE(
      has_field_errors(post("/api/notes", student, {{"content", "Where?"}}), {"course_id"}));
  EXPECT_TRUE(has_field_errors(post("/api/notes", student, {{"course_id", 9999}, {"content", "x"}}),
                               {"course_id"}));
  const std::int64_t other_course = make_course(cast_.instructor, true, /*modules=*/0).id;
  EXPECT_TRUE(has_field_errors(
      post("/api/notes", student,
           {{"course_id", other_course}, {"lesson_id", lesson_}, {"content", "x"}}),
      {"lesson_id"}));
  EXPECT_TRUE(has_field_errors(
      post("/api/notes", student, {{"course_id", course_}, {"content", ""}}), {"content"}));
}

TEST_P(ApiEngagementTest, BookmarksAreUniqueAndPrivate) {
  const std::string& student = cast_.student.token;
  auto course_mark =
      post("/api/bookmarks", student, {{"course_id", course_}, {"lesson_id", nullptr}});
  ASSERT_EQ(course_mark.status, 201) << course_mark.body;
  EXPECT_EQ(keys(course_mark.json),
            (Keys{"id", "course_id", "lesson_id", "label", "created_at", "updated_at"}));
  auto lesson_mark = post("/api/bookmarks", student,
                          {{"course_id", course_}, {"lesson_id", lesson_}, {"label", "Later"}});
  ASSERT_EQ(lesson_mark.status, 201) << lesson_mark.body;
  EXPECT_TRUE(
      has_error(post("/api/bookmarks", student, {{"course_id", course_}}), 409, "duplicate"));
  EXPECT_TRUE(
      has_error(post("/api/bookmarks", student, {{"course_id", course_}, {"lesson_id", lesson_}}),
                409, "duplicate"));
  EXPECT_EQ(post("/api/bookmarks", cast_.other_student.token, {{"course_id", course_}}).status,
            201);

  EXPECT_EQ(get("/api/bookmarks", student)["count"], 2);
  EXPECT_EQ(get(api_path("/api/bookmarks?course_id=", course_), cast_.other_student.token)["count"],
            1);

  const std::string target = api_path("/api/bookmarks/", lesson_mark.id());
  auto own = get(target, student);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json, lesson_mark.json);
  expect_access("GET", target, cast_, kStudentAlone);
  EXPECT_TRUE(has_error(get("/api/bookmarks/99999", student), 404, "not_found"));
  auto relabelled = patch(target, student, {{"label", "Tonight"}});
  ASSERT_EQ(relabelled.status, 200) << relabelled.body;
  EXPECT_EQ(relabelled["label"], "Tonight");
  EXPECT_TRUE(has_field_errors(patch(target, student, {{"title", "x"}}), {"label"}));
  expect_access("PATCH", target, cast_, kStudentAlone, {{"label", "Mine"}});
  Access remove = kStudentAlone;
  remove.student = 204;
  expect_access("DELETE", target, cast_, remove);
  EXPECT_EQ(get("/api/bookmarks", student)["count"], 1);
}

TEST_P(ApiEngagementTest, ListsHoldOnlyTheCallersOwnNotesAndBookmarks) {
  const auto notes = each_creates("/api/notes", {{"course_id", course_}, {"content", "Mine."}});
  const auto bookmarks = each_creates("/api/bookmarks", {{"course_id", course_}});
  for (const auto& list : {std::pair{std::string("/api/notes"), &notes},
                           std::pair{api_path("/api/notes?course_id=", course_), &notes},
                           std::pair{std::string("/api/bookmarks"), &bookmarks},
                           std::pair{api_path("/api/bookmarks?course_id=", course_), &bookmarks}}) {
    const auto& owned = *list.second;
    expect_own(list.first, cast_, [&](const ApiUser& user, const ApiResponse& r) {
      EXPECT_EQ(ids(r.json), owned.at(user.id));
    });
  }
}

TEST_P(ApiEngagementTest, PreferencesDefaultReplaceAndRefuseTheUnknown) {
  auto defaults = get("/api/me/preferences", cast_.student.token);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.json, json::parse(R"({"language": "en", "timezone": "UTC",
      "email_notifications": true, "theme": "system", "extra": {}})"));
  EXPECT_EQ(keys(defaults.json),
            (Keys{"language", "timezone", "email_notifications", "theme", "extra"}));

  const json::value mine = {{"language", "pt-BR"},
                            {"timezone", "Europe/Paris"},
                            {"email_notifications", false},
                            {"theme", "dark"},
                            {"extra", {{"font_size", 14}}}};
  auto put_r = put("/api/me/preferences", cast_.student.token, mine);
  ASSERT_EQ(put_r.status, 200) << put_r.body;
  EXPECT_EQ(put_r.json, mine);
  EXPECT_EQ(get("/api/me/preferences", cast_.student.token).json, mine);
  EXPECT_EQ(get("/api/me/preferences", cast_.other_student.token).json, defaults.json);

  const std::vector<std::pair<json::value, std::string>> refused = {
      {{{"timezone", "Mars/Olympus_Mons"}}, "timezone"},
      {{{"language", "english please"}}, "language"},
      {{{"theme", "blue"}}, "theme"},
      {{{"extra", "not an object"}}, "extra"},
      {{{"email_notifications", "yes"}}, "email_notifications"}};
  for (const auto& [body, field] : refused) {
    SCOPED_TRACE(json::serialize(body));
    EXPECT_TRUE(has_field_errors(put("/api/me/preferences", cast_.student.token, body), {field}));
  }
  EXPECT_EQ(get("/api/me/preferences", cast_.student.token).json, mine);
  EXPECT_TRUE(has_error(get("/api/me/preferences"), 401, "not_authenticated"));
}

TEST_P(ApiEngagementTest, EachCallerReadsAndReplacesOnlyTheirOwnPreferences) {
  EXPECT_TRUE(
      has_error(put("/api/me/preferences", "", {{"theme", "dark"}}), 401, "not_authenticated"));
  for (const auto& [who, user] : cast_.users()) {
    SCOPED_TRACE(who);
    EXPECT_EQ(
        put("/api/me/preferences", user->token, {{"extra", {{"who", user->username}}}}).status,
        200);
  }
  expect_own("/api/me/preferences", cast_, [](const ApiUser& user, const ApiResponse& r) {
    EXPECT_EQ(r["extra"], (json::value{{"who", user.username}}));
  });
}

LECTERN_INSTANTIATE_BACKENDS(ApiEngagementTest);

}  // namespace
}  // namespace lectern
