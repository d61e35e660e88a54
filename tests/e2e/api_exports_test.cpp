// A course's exports over real HTTP, on both backends: its students and an
// assessment's attempts as CSV (whole lists, formula-safe cells) and its enrolments and completions
// per week. Like the other views of a course's people, they are its
// instructor's and admins' to read: 403 for anyone else on a published
// course, 404 on a draft.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::editors_answer;
using testing::has_error;
using testing::kDraftEditorsOnly;
using testing::kEditorsOnly;
using testing::keys;
using testing::Keys;

using ApiExportsTest = testing::ApiCourseTest;

TEST_P(ApiExportsTest, TheStudentsAreDownloadedAsCsv) {
  // A display name a spreadsheet would run as a formula, with a comma.
  ASSERT_EQ(post("/api/auth/register", "",
                 {{"username", "eve"},
                  {"email", "eve@example.com"},
                  {"password", kPassword},
                  {"display_name", "=HYPERLINK(\"x\"), 1"},
                  {"role", "student"}})
                .status,
            201);
  const std::string eve = login("eve");
  ASSERT_EQ(post(api_path("/api/courses/", course_, "/enroll"), eve).status, 201);

  const std::string target = api_path("/api/courses/", course_, "/students.csv");
  auto r = client().request("GET", target, "", testing::auth(cast_.instructor.token));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(r.headers["content-disposition"],
            "attachment; filename=\"course-" + std::to_string(course_) + "-students.csv\"");
  const std::string header =
      "name,username,status,progress_percent,enrolled_at,last_activity_at\r\n";
  ASSERT_TRUE(r.body.starts_with(header)) << r.body;
  EXPECT_NE(r.body.find("\r\nUser " + cast_.student.username + "," + cast_.student.username +
                        ",active,0,"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("\r\n\"'=HYPERLINK(\"\"x\"\"), 1\",eve,active,0,"), std::string::npos)
      << r.body;
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 3);
  EXPECT_EQ(client().request("GET", target, "", testing::auth(cast_.admin.token)).body, r.body);

  // The refusals are JSON errors (the editors' CSV answers are checked above).
  expect_access("GET", target, cast_, editors_answer(kEditorsOnly, 0));
  EXPECT_TRUE(has_error(get(target, cast_.other_instructor.token), 403, "not_course_instructor"));
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  const std::string hidden = api_path("/api/courses/", draft, "/students.csv");
  expect_access("GET", hidden, cast_, editors_answer(kDraftEditorsOnly, 0));
  EXPECT_EQ(client().request("GET", hidden, "", testing::auth(cast_.instructor.token)).body,
            "name,username,status,progress_percent,enrolled_at,last_activity_at\r\n");
}

TEST_P(ApiExportsTest, AnAssessmentsAttemptsAreDownloadedAsCsv) {
  const json::value quiz = make_quiz(cast_.instructor, course_);
  const std::int64_t id = quiz.at("id").as_int64();
  ASSERT_EQ(post(api_path("/api/assessments/", id, "/attempts"), cast_.student.token).status, 201);
  const std::string target = api_path("/api/instructor/courses/", course_, "/assessments/") +
                             std::to_string(id) + "/results.csv";
  auto r = client().request("GET", target, "", testing::auth(cast_.instructor.token));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(r.headers["content-disposition"],
            "attachment; filename=\"assessment-" + std::to_string(id) + "-results.csv\"");
  ASSERT_TRUE(
      r.body.starts_with("name,username,attempt_number,status,score,points_earned,"
                         "points_possible,passed,started_at,submitted_at\r\n"))
      << r.body;
  EXPECT_NE(r.body.find("\r\nUser " + cast_.student.username + "," + cast_.student.username +
                        ",1,in_progress,,,,,"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 2);
  expect_access("GET", target, cast_, editors_answer(kEditorsOnly, 0));
  EXPECT_TRUE(has_error(get(target, cast_.other_instructor.token), 403, "not_course_instructor"));
  const std::int64_t elsewhere = make_course(cast_.instructor).id;
  EXPECT_TRUE(has_error(get(api_path("/api/instructor/courses/", elsewhere, "/assessments/") +
                                std::to_string(id) + "/results.csv",
                            cast_.instructor.token),
                        404, "not_found"));
}

TEST_P(ApiExportsTest, WeeklyStatsCountEnrolmentsAndCompletions) {
  const std::string target = api_path("/api/courses/", course_, "/stats/weekly");
  auto before = get(target, cast_.instructor.token);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(keys(before.json), (Keys{"course_id", "weeks"}));
  EXPECT_EQ(before["course_id"], course_);
  const auto& weeks = before["weeks"].as_array();
  ASSERT_EQ(weeks.size(), 26u);
  EXPECT_EQ(keys(weeks.at(0)), (Keys{"week_start", "enrollments", "completions"}));
  // Mondays at midnight UTC, oldest first, a week apart.
  EXPECT_LT(testing::str(weeks.at(0).at("week_start")),
            testing::str(weeks.at(25).at("week_start")));
  EXPECT_TRUE(testing::str(weeks.at(25).at("week_start")).ends_with("T00:00:00Z")) << weeks.at(25);
  // The student enrolled this week; completing the one lesson completes the course.
  EXPECT_EQ(weeks.at(25).at("enrollments"), 1);
  EXPECT_EQ(weeks.at(25).at("completions"), 0);
  std::int64_t total = 0;
  for (const auto& w : weeks) total += w.at("enrollments").as_int64();
  EXPECT_EQ(total, 1);

  ASSERT_EQ(post(api_path("/api/lessons/", lesson_, "/complete"), cast_.student.token,
                 boost::json::object{})
                .status,
            200);
  auto after = get(target, cast_.admin.token);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after["weeks"].at(25).at("completions"), 1);

  expect_access("GET", target, cast_, kEditorsOnly);
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  expect_access("GET", api_path("/api/courses/", draft, "/stats/weekly"), cast_, kDraftEditorsOnly);
  EXPECT_TRUE(
      has_error(get("/api/courses/9999/stats/weekly", cast_.instructor.token), 404, "not_found"));
}

LECTERN_INSTANTIATE_BACKENDS(ApiExportsTest);

}  // namespace
}  // namespace lectern
