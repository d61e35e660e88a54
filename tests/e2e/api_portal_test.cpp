// The instructor portal's endpoints over real HTTP, on both backends: own
// courses with their stats, a course's students, an assessment's results,
// the profile, and announcements (which notify the course's students). A
// course's students and results are its instructor's and admins' to read
// and its announcements theirs to post: 403 for anyone else on a published
// course, 404 on a draft.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::editors_answer;
using testing::has_error;
using testing::has_field_errors;
using testing::kDraftEditorsOnly;
using testing::kEditorsOnly;
using testing::keys;
using testing::Keys;

using ApiPortalTest = testing::ApiCourseTest;

TEST_P(ApiPortalTest, InstructorsSeeTheirOwnCoursesWithStats) {
  ASSERT_EQ(post("/api/courses", cast_.instructor.token, {{"title", "Draft"}, {"description", "d"}})
                .status,
            201);
  auto r = get("/api/instructor/courses", cast_.instructor.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["count"], 2);
  const auto& first = r["results"].at(0);
  EXPECT_EQ(first.at("id"), course_);
  EXPECT_EQ(first.at("is_published"), true);
  EXPECT_EQ(keys(first.at("stats")),
            (Keys{"total_enrollments", "active_enrollments", "completions", "review_count",
                  "average_rating", "attempt_count", "average_score"}));
  EXPECT_EQ(first.at("stats").at("total_enrollments"), 1);
  EXPECT_EQ(r["results"].at(1).at("is_published"), false);

  EXPECT_EQ(get("/api/instructor/courses", cast_.other_instructor.token)["count"], 0);
  EXPECT_EQ(get("/api/instructor/courses", cast_.admin.token)["count"], 0);
  EXPECT_TRUE(
      has_error(get("/api/instructor/courses", cast_.student.token), 403, "instructors_only"));
  EXPECT_TRUE(has_error(get("/api/instructor/courses"), 401, "not_authenticated"));
}

TEST_P(ApiPortalTest, ACoursesStudentsAreItsInstructorsToSee) {
  const std::string target = api_path("/api/instructor/courses/", course_, "/students");
  auto r = get(target, cast_.instructor.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["count"], 1);
  const auto& row = r["results"].at(0);
  EXPECT_EQ(keys(row),
            (Keys{"user", "status", "progress_percent", "enrolled_at", "last_activity_at"}));
  EXPECT_EQ(row.at("user").at("id"), cast_.student.id);
  EXPECT_EQ(row.at("status"), "active");
  EXPECT_EQ(get(target, cast_.admin.token).json, r.json);

  expect_access("GET", target, cast_, kEditorsOnly);
  EXPECT_TRUE(has_error(get(target, cast_.other_instructor.token), 403, "not_course_instructor"));
  EXPECT_TRUE(has_error(get("/api/instructor/courses/9999/students", cast_.instructor.token), 404,
                        "not_found"));
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  expect_access("GET", api_path("/api/instructor/courses/", draft, "/students"), cast_,
                kDraftEditorsOnly);
}

TEST_P(ApiPortalTest, AssessmentResultsListEveryAttempt) {
  const json::value body = {{"title", "Glazes"},
                            {"questions",
                             {{{"question_type", "short_answer"},
                               {"question_text", "Firing temperature unit?"},
                               {"answers", {{{"answer_text", "celsius"}}}}}}}};
  auto quiz =
      post(api_path("/api/courses/", course_, "/assessments"), cast_.instructor.token, body);
  ASSERT_EQ(quiz.status, 201) << quiz.body;
  const std::int64_t id = quiz.id();
  const std::int64_t question = quiz["questions"].at(0).at("id").as_int64();
  ASSERT_EQ(post(api_path("/api/assessments/", id, "/publish"), cast_.instructor.token).status,
            200);
  auto attempt = post(api_path("/api/assessments/", id, "/attempts"), cast_.student.token);
  ASSERT_EQ(attempt.status, 201) << attempt.body;
  ASSERT_EQ(post(api_path("/api/attempts/", attempt.id(), "/submit"), cast_.student.token,
                 {{"answers", {{{"question_id", question}, {"text_answer", "Celsius"}}}}})
                .status,
            200);

  const auto results = [](std::int64_t course, std::int64_t assessment) {
    return api_path("/api/instructor/courses/", course,
                    api_path("/assessments/", assessment, "/results"));
  };
  const std::string target = results(course_, id);
  auto r = get(target, cast_.instructor.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["count"], 1);
  const auto& row = r["results"].at(0);
  EXPECT_EQ(keys(row), (Keys{"id", "user", "attempt_number", "status", "started_at", "submitted_at",
                             "points_earned", "points_possible", "score", "passed"}));
  EXPECT_EQ(testing::str(row.at("user").at("username")), cast_.student.username);
  EXPECT_EQ(row.at("score"), 100.0);
  EXPECT_EQ(row.at("passed"), true);

  expect_access("GET", target, cast_, kEditorsOnly);
  const std::int64_t elsewhere =
      make_course(cast_.instructor, /*published=*/true, /*modules=*/0).id;
  EXPECT_TRUE(has_error(get(results(elsewhere, id), cast_.instructor.token), 404, "not_found"));
  // A draft course's assessment.
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  auto hidden =
      post(api_path("/api/courses/", draft, "/assessments"), cast_.instructor.token, body);
  ASSERT_EQ(hidden.status, 201) << hidden.body;
  expect_access("GET", results(draft, hidden.id()), cast_, kDraftEditorsOnly);
}

TEST_P(ApiPortalTest, AssessmentOutcomeCountsPassesScoresAndRightAnswers) {
  const json::value body = {{"title", "Kilns"},
                            {"questions",
                             {{{"question_type", "short_answer"},
                               {"question_text", "Firing temperature unit?"},
                               {"answers", {{{"answer_text", "celsius"}}}}},
                              {{"question_type", "short_answer"},
                               {"question_text", "Cone for stoneware?"},
                               {"answers", {{{"answer_text", "10"}}}}}}}};
  auto quiz =
      post(api_path("/api/courses/", course_, "/assessments"), cast_.instructor.token, body);
  ASSERT_EQ(quiz.status, 201) << quiz.body;
  const std::int64_t id = quiz.id();
  const std::int64_t first = quiz["questions"].at(0).at("id").as_int64();
  const std::int64_t second = quiz["questions"].at(1).at("id").as_int64();
  ASSERT_EQ(post(api_path("/api/assessments/", id, "/publish"), cast_.instructor.token).status,
            200);
  const std::string target =
      api_path("/api/instructor/courses/", course_, api_path("/assessments/", id, "/outcome"));
  auto none = get(target, cast_.instructor.token);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none["graded"], 0);
  EXPECT_EQ(none["scores"], json::array());
  EXPECT_EQ(none["questions"].at(1).at("correct"), 0);

  // Two attempts: both right (100), then only the first right (50); and
  // one left open, which is not graded and counts nowhere.
  const auto attempt = [&](const std::string& cone) {
    auto started = post(api_path("/api/assessments/", id, "/attempts"), cast_.student.token);
    EXPECT_EQ(started.status, 201) << started.body;
    if (cone.empty()) return;
    auto submitted = post(api_path("/api/attempts/", started.id(), "/submit"), cast_.student.token,
                          {{"answers",
                            {{{"question_id", first}, {"text_answer", "Celsius"}},
                             {{"question_id", second}, {"text_answer", cone}}}}});
    EXPECT_EQ(submitted.status, 200) << submitted.body;
  };
  attempt("10");
  attempt("6");
  attempt("");

  auto r = get(target, cast_.instructor.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"graded", "passed", "scores", "questions"}));
  EXPECT_EQ(r["graded"], 2);
  EXPECT_EQ(r["passed"], 1);  // the pass mark is 70
  EXPECT_EQ(r["scores"], (json::array{50.0, 100.0}));
  ASSERT_EQ(r["questions"].as_array().size(), 2u);
  EXPECT_EQ(keys(r["questions"].at(0)), (Keys{"question_id", "question_text", "correct"}));
  EXPECT_EQ(r["questions"].at(0).at("question_id"), first);
  EXPECT_EQ(r["questions"].at(0).at("correct"), 2);
  EXPECT_EQ(testing::str(r["questions"].at(1).at("question_text")), "Cone for stoneware?");
  EXPECT_EQ(r["questions"].at(1).at("correct"), 1);

  expect_access("GET", target, cast_, kEditorsOnly);
}

TEST_P(ApiPortalTest, ProfilesAreReplacedByTheirOwner) {
  const std::string& teacher = cast_.instructor.token;
  auto empty = get("/api/instructor/profile", teacher);
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_EQ(empty.json, json::parse(R"({"bio": "", "expertise": "", "website": "",
      "is_verified": false})"));

  auto replaced = put("/api/instructor/profile", teacher,
                      {{"bio", "Potter."}, {"website", "https://pots.example.com"}});
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced["bio"], "Potter.");
  EXPECT_EQ(replaced["expertise"], "");
  EXPECT_EQ(get("/api/instructor/profile", teacher).json, replaced.json);
  EXPECT_EQ(get("/api/instructor/profile", cast_.other_instructor.token).json, empty.json);

  EXPECT_TRUE(has_field_errors(put("/api/instructor/profile", teacher, {{"website", "ftp://pots"}}),
                               {"website"}));
  EXPECT_TRUE(has_field_errors(put("/api/instructor/profile", teacher, {{"bio", 7}}), {"bio"}));
  EXPECT_TRUE(
      has_error(get("/api/instructor/profile", cast_.student.token), 403, "instructors_only"));
  EXPECT_TRUE(has_error(put("/api/instructor/profile", cast_.student.token, {{"bio", "x"}}), 403,
                        "instructors_only"));
}

TEST_P(ApiPortalTest, AnnouncementsNotifyActiveStudents) {
  const std::string target = api_path("/api/courses/", course_, "/announcements");
  auto r = post(target, cast_.instructor.token, {{"title", "Kiln day"}, {"body", "Bring aprons."}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"id", "course_id", "author_id", "title", "body", "published_at",
                                "created_at", "updated_at"}));
  EXPECT_EQ(r["author_id"], cast_.instructor.id);
  EXPECT_TRUE(r["published_at"].is_string());

  auto inbox = get("/api/me/notifications", cast_.student.token);
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  EXPECT_EQ(inbox["count"], 1);
  EXPECT_EQ(inbox["results"].at(0).at("notification_type"), "announcement");
  EXPECT_EQ(get("/api/me/notifications", cast_.other_instructor.token)["count"], 0);

  auto list = get(target);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list["count"], 1);
  EXPECT_EQ(list["results"].at(0).at("title"), "Kiln day");

  const json::value hi = {{"title", "Hi"}, {"body", "x"}};
  EXPECT_TRUE(has_error(post(target, cast_.student.token, hi), 403, "not_course_instructor"));
  expect_access("POST", target, cast_, editors_answer(kEditorsOnly, 201), hi);
  EXPECT_EQ(get(target)["count"], 3);
  EXPECT_TRUE(
      has_field_errors(post(target, cast_.instructor.token, {{"body", "No title."}}), {"title"}));

  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  const std::string hidden = api_path("/api/courses/", draft, "/announcements");
  EXPECT_TRUE(has_error(get(hidden), 404, "not_found"));
  expect_access("POST", hidden, cast_, editors_answer(kDraftEditorsOnly, 201), hi);
}

LECTERN_INSTANTIATE_BACKENDS(ApiPortalTest);

}  // namespace
}  // namespace lectern
