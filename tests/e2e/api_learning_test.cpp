// Learning over real HTTP: enrolment, my enrolments, lesson completion and
// progress, activity, course and personal statistics, notifications, and the
// operations endpoints (/api/ready is 503 until the database is migrated).
// Another user's progress or notifications are a 404; a course's statistics
// are for its instructor and admins.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::ApiCourse;
using testing::ApiResponse;
using testing::ApiUser;
using testing::Cast;
using testing::has_error;
using testing::has_field_errors;
using testing::kDraftEditorsOnly;
using testing::kEditorsOnly;
using testing::keys;
using testing::kStudentAlone;

using testing::Keys;

class ApiLearningTest : public testing::ApiTest {};

TEST_P(ApiLearningTest, EnrollingDroppingAndMyEnrollments) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);
  ApiCourse draft = make_course(cast.instructor, /*published=*/false);
  const std::string enroll = api_path("/api/courses/", course.id, "/enroll");

  auto r = post(enroll, cast.student.token);
  ASSERT_EQ(r.status, 201) << r.body;
  // api.md: {id, course_id, status, created_at}, here with more of the enrolment.
  for (const char* key : {"id", "course_id", "status", "created_at"}) {
    EXPECT_TRUE(r.json.as_object().contains(key)) << key;
  }
  EXPECT_EQ(r["course_id"], course.id);
  EXPECT_EQ(r["status"], "active");
  EXPECT_TRUE(has_error(post(enroll, cast.student.token), 409, "already_enrolled"));
  EXPECT_TRUE(has_error(post(api_path("/api/courses/", draft.id, "/enroll"), cast.student.token),
                        404, "not_found"));
  EXPECT_TRUE(has_error(post("/api/courses/99999/enroll", cast.student.token), 404, "not_found"));
  EXPECT_TRUE(has_error(post(enroll), 401, "not_authenticated"));

  auto mine = get("/api/me/enrollments", cast.student.token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(keys(mine.json), (Keys{"count", "page", "page_size", "results"}));
  EXPECT_EQ(mine["count"], 1);
  EXPECT_EQ(mine["results"].at(0).at("id"), r["id"]);
  EXPECT_EQ(get("/api/me/enrollments", cast.other_student.token)["count"], 0);

  auto dropped = del(enroll, cast.student.token);
  ASSERT_EQ(dropped.status, 200) << dropped.body;
  EXPECT_EQ(dropped["status"], "dropped");
  EXPECT_TRUE(has_error(del(enroll, cast.student.token), 404, "not_found"));
  EXPECT_TRUE(has_error(del(enroll, cast.other_student.token), 404, "not_found"));
  auto again = post(enroll, cast.student.token);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again["id"], r["id"]);
  EXPECT_EQ(again["status"], "active");
}

TEST_P(ApiLearningTest, CompletingLessonsMovesProgressAndStats) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);  // two lessons
  const std::string progress = api_path("/api/courses/", course.id, "/progress");
  const std::string first = api_path("/api/lessons/", course.lesson_ids.at(0), "/complete");
  const std::string second = api_path("/api/lessons/", course.lesson_ids.at(1), "/complete");

  EXPECT_TRUE(has_error(post(first, cast.student.token), 403, "not_enrolled"));
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), cast.student.token).status, 201);
  auto r = post(first, cast.student.token, {{"time_spent_seconds", 60}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json, (json::value{{"course_id", course.id},
                                 {"completed_lessons", 1},
                                 {"total_lessons", 2},
                                 {"progress_percent", 50},
                                 {"is_completed", false}}));
  EXPECT_EQ(keys(r.json), (Keys{"course_id", "completed_lessons", "total_lessons",
                                "progress_percent", "is_completed"}));
  EXPECT_EQ(get(progress, cast.student.token).json, r.json);

  EXPECT_TRUE(has_field_errors(post(second, cast.student.token, {{"time_spent_seconds", "a"}}),
                               {"time_spent_seconds"}));
  EXPECT_TRUE(has_field_errors(post(second, cast.student.token, {{"time_spent_seconds", -1}}),
                               {"time_spent_seconds"}));
  r = post(second, cast.student.token);  // no body: no time spent
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["progress_percent"], 100);
  EXPECT_EQ(r["is_completed"], true);
  EXPECT_EQ(get("/api/me/enrollments", cast.student.token)["results"].at(0).at("status"),
            "completed");

  auto stats = get("/api/me/stats", cast.student.token);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(keys(stats.json), (Keys{"courses_enrolled", "courses_completed", "lessons_completed",
                                    "assessments_passed", "total_time_spent_seconds",
                                    "current_streak_days", "last_activity_at"}));
  EXPECT_EQ(stats["courses_enrolled"], 1);
  EXPECT_EQ(stats["courses_completed"], 1);
  EXPECT_EQ(stats["lessons_completed"], 2);
  EXPECT_EQ(stats["total_time_spent_seconds"], 60);
  EXPECT_EQ(stats["current_streak_days"], 1);
  EXPECT_TRUE(stats["last_activity_at"].is_string());
  auto fresh = get("/api/me/stats", cast.other_student.token);
  EXPECT_EQ(fresh["lessons_completed"], 0);
  EXPECT_TRUE(fresh["last_activity_at"].is_null());

  // Progress is the caller's own: anyone not enrolled gets a 404.
  expect_access("GET", progress, cast, kStudentAlone);
  EXPECT_TRUE(has_error(post(api_path("/api/lessons/", 99999, "/complete"), cast.student.token),
                        404, "not_found"));
}

TEST_P(ApiLearningTest, ActivityIsValidatedAndOwn) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);
  ApiCourse draft = make_course(cast.instructor, /*published=*/false);
  EXPECT_TRUE(has_field_errors(post("/api/activity", cast.student.token, {{"activity_type", "x"}}),
                               {"activity_type"}));
  // The server records learning events itself.
  EXPECT_TRUE(has_field_errors(
      post("/api/activity", cast.student.token, {{"activity_type", "complete_lesson"}}),
      {"activity_type"}));
  EXPECT_TRUE(has_field_errors(
      post("/api/activity", cast.student.token,
           {{"activity_type", "view_lesson"}, {"course_id", 99999}, {"lesson_id", 99999}}),
      {"course_id", "lesson_id"}));
  EXPECT_TRUE(has_field_errors(post("/api/activity", cast.student.token, json::object{}),
                               {"activity_type"}));
  // A draft is no more there for activity than for anything else.
  EXPECT_TRUE(has_field_errors(post("/api/activity", cast.student.token,
                                    {{"activity_type", "view_lesson"},
                                     {"course_id", draft.id},
                                     {"lesson_id", draft.lesson_ids.at(0)}}),
                               {"course_id", "lesson_id"}));
  EXPECT_EQ(post("/api/activity", cast.instructor.token,
                 {{"activity_type", "view_course"}, {"course_id", draft.id}})
                .status,
            201);

  auto mine = post("/api/activity", cast.student.token,
                   {{"activity_type", "view_course"}, {"course_id", course.id}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  auto theirs = get("/api/me/activity", cast.other_student.token);
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs["count"], 0);
  auto own = get("/api/me/activity?page_size=1", cast.student.token);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own["results"].at(0), mine.json);
  EXPECT_TRUE(has_error(get("/api/me/activity"), 401, "not_authenticated"));
}

TEST_P(ApiLearningTest, CourseStatsAreForItsInstructorAndAdmins) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor);
  ApiCourse draft = make_course(cast.instructor, /*published=*/false);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), cast.student.token).status, 201);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), cast.other_student.token).status,
            201);
  ASSERT_EQ(del(api_path("/api/courses/", course.id, "/enroll"), cast.other_student.token).status,
            200);
  const std::string stats = api_path("/api/courses/", course.id, "/stats");
  auto r = get(stats, cast.instructor.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"course_id", "total_enrollments", "active_enrollments",
                                "completions", "review_count", "average_rating", "attempt_count",
                                "average_score", "updated_at"}));
  EXPECT_EQ(r["course_id"], course.id);
  EXPECT_EQ(r["total_enrollments"], 2);
  EXPECT_EQ(r["active_enrollments"], 1);
  EXPECT_EQ(r["completions"], 0);
  EXPECT_EQ(r["review_count"], 0);
  EXPECT_TRUE(r["average_rating"].is_null());
  EXPECT_TRUE(r["average_score"].is_null());
  EXPECT_EQ(get(stats, cast.admin.token).json, r.json);

  expect_access("GET", stats, cast, kEditorsOnly);
  expect_access("GET", api_path("/api/courses/", draft.id, "/stats"), cast, kDraftEditorsOnly);
}

TEST_P(ApiLearningTest, NotificationsAreTheirOwnersAlone) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor, /*published=*/true, /*modules=*/1,
                                 /*lessons=*/1);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), cast.student.token).status, 201);
  // Completing the course notifies the student.
  ASSERT_EQ(
      post(api_path("/api/lessons/", course.lesson_ids.at(0), "/complete"), cast.student.token)
          .status,
      200);
  auto list = get("/api/me/notifications", cast.student.token);
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list["count"], 1);
  const json::value note = list["results"].at(0);
  EXPECT_EQ(keys(note), (Keys{"id", "notification_type", "title", "message", "link", "is_read",
                              "read_at", "created_at"}));
  EXPECT_EQ(note.at("notification_type"), "course_completed");
  EXPECT_EQ(note.at("is_read"), false);
  EXPECT_TRUE(note.at("read_at").is_null());
  const std::int64_t id = note.at("id").as_int64();
  EXPECT_EQ(get("/api/me/notifications?unread=true", cast.student.token)["count"], 1);
  EXPECT_EQ(get("/api/me/notifications", cast.other_student.token)["count"], 0);

  // Anyone else, admins included, cannot tell it exists.
  expect_access("POST", api_path("/api/notifications/", id, "/read"), cast,
                {.anonymous = 401,
                 .other_student = 404,
                 .instructor = 404,
                 .other_instructor = 404,
                 .admin = 404});
  EXPECT_TRUE(
      has_error(post("/api/notifications/99999/read", cast.student.token), 404, "not_found"));
  EXPECT_EQ(post("/api/notifications/read-all", cast.other_student.token)["marked_read"], 0);
  EXPECT_EQ(get("/api/me/notifications?unread=true", cast.student.token)["count"], 1);

  auto read = post(api_path("/api/notifications/", id, "/read"), cast.student.token);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read["is_read"], true);
  EXPECT_TRUE(read["read_at"].is_string());
  auto again = post(api_path("/api/notifications/", id, "/read"), cast.student.token);
  EXPECT_EQ(again["read_at"], read["read_at"]);  // the first read_at stays
  EXPECT_EQ(get("/api/me/notifications?unread=true", cast.student.token)["count"], 0);
  EXPECT_EQ(get("/api/me/notifications?unread=false", cast.student.token)["count"], 1);
  EXPECT_EQ(post("/api/notifications/read-all", cast.student.token)["marked_read"], 0);
}

TEST_P(ApiLearningTest, EachCallerListsOnlyTheirOwnNotifications) {
  Cast cast = make_cast();
  ApiCourse course = make_course(cast.instructor, /*published=*/true, /*modules=*/1,
                                 /*lessons=*/1);
  // Completing the course notifies whoever completes it, its instructor too.
  for (const auto& [who, user] : cast.users()) {
    SCOPED_TRACE(who);
    ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), user->token).status, 201);
    ASSERT_EQ(
        post(api_path("/api/lessons/", course.lesson_ids.at(0), "/complete"), user->token).status,
        200);
  }
  expect_own("/api/me/notifications", cast, [&](const ApiUser& user, const ApiResponse& r) {
    ASSERT_EQ(r["count"], 1);
    const json::value& note = r["results"].at(0);
    EXPECT_EQ(note.at("notification_type"), "course_completed");
    // Only its owner may mark it read (anyone else: 404, as above).
    EXPECT_EQ(
        post(api_path("/api/notifications/", note.at("id").as_int64(), "/read"), user.token).status,
        200);
  });
  expect_own("/api/me/notifications?unread=true", cast,
             [](const ApiUser&, const ApiResponse& r) { EXPECT_EQ(r["count"], 0); });
}

TEST_P(ApiLearningTest, HealthAndReadinessOnAMigratedDatabase) {
  auto health = get("/api/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(health.json, (json::value{{"status", "ok"}}));
  auto ready = get("/api/ready");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json, (json::value{{"status", "ready"}}));
}

LECTERN_INSTANTIATE_BACKENDS(ApiLearningTest);

// `serve` on a database that `migrate` has not run on yet.
class ApiUnmigratedTest : public testing::ApiTest {
 protected:
  testing::ServeOptions serve_options() const override { return {.migrate = false}; }
};

TEST_P(ApiUnmigratedTest, ReadyIs503UntilMigrationsAreApplied) {
  EXPECT_EQ(get("/api/health").status, 200);
  EXPECT_TRUE(has_error(get("/api/ready"), 503, "migrations_pending"));
  migrate();
  auto ready = get("/api/ready");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json, (json::value{{"status", "ready"}}));
}

LECTERN_INSTANTIATE_BACKENDS(ApiUnmigratedTest);

}  // namespace
}  // namespace lectern
