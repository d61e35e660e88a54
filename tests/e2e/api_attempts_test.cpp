// Attempts over real HTTP, on both backends: start, submit, read and list,
// with their refusals. An attempt is its student's: only they submit it;
// they, the course's instructor and admins read it; for anyone else it does
// not exist (404).
#include <gtest/gtest.h>

#include <map>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::ApiResponse;
using testing::ApiUser;
using testing::has_error;
using testing::has_field_errors;
using testing::ids;
using testing::keys;
using testing::Keys;

const json::value kNoAnswers = {{"answers", json::array{}}};

class ApiAttemptsTest : public testing::ApiCourseTest {
 protected:
  // A new attempt of `user` at the assessment; its id.
  std::int64_t start(const ApiUser& user, std::int64_t assessment) {
    auto r = post(api_path("/api/assessments/", assessment, "/attempts"), user.token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.id() : 0;
  }
};

TEST_P(ApiAttemptsTest, AttemptsAreStartedSubmittedAndGraded) {
  const json::value assessment = make_quiz(cast_.instructor, course_, /*published=*/true, 2);
  const std::int64_t id = assessment.at("id").as_int64();
  const std::string attempts = api_path("/api/assessments/", id, "/attempts");
  const auto& questions = assessment.at("questions").as_array();
  auto started = post(attempts, cast_.student.token);
  ASSERT_EQ(started.status, 201) << started.body;
  for (const char* key : {"id", "assessment_id", "attempt_number", "status", "started_at"}) {
    EXPECT_TRUE(started.json.as_object().contains(key)) << key;
  }
  EXPECT_EQ(started["status"], "in_progress");
  EXPECT_EQ(started["attempt_number"], 1);
  EXPECT_TRUE(started["deadline"].is_string());  // a 30-minute limit
  const std::string submit = api_path("/api/attempts/", started.id(), "/submit");
  EXPECT_TRUE(has_error(post(attempts, cast_.student.token), 409, "attempt_in_progress"));

  // Right on the single choice and the short answer, wrong on the primes.
  const auto answer = [&](std::size_t q, std::size_t a) {
    return questions[q].at("answers").at(a).at("id");
  };
  json::value answers = {{"answers",
                          {{{"question_id", questions[0].at("id")}, {"answer_ids", {answer(0, 0)}}},
                           {{"question_id", questions[1].at("id")}, {"answer_ids", {answer(1, 0)}}},
                           {{"question_id", questions[2].at("id")}, {"text_answer", "  paris "}}}}};
  // Nobody else submits it, its instructor and admins included.
  expect_access("POST", submit, cast_,
                {.anonymous = 401,
                 .other_student = 404,
                 .instructor = 404,
                 .other_instructor = 404,
                 .admin = 404},
                answers);
  EXPECT_TRUE(has_field_errors(
      post(submit, cast_.student.token,
           {{"answers", {{{"question_id", questions[0].at("id")}, {"answer_ids", {0}}}}}}),
      {"answers[0].answer_ids"}));

  auto graded = post(submit, cast_.student.token, answers);
  ASSERT_EQ(graded.status, 200) << graded.body;
  EXPECT_EQ(graded["status"], "graded");
  EXPECT_EQ(graded["points_earned"], 3);
  EXPECT_EQ(graded["points_possible"], 4);
  EXPECT_EQ(graded["score"], 75.0);
  EXPECT_EQ(graded["passed"], true);
  EXPECT_TRUE(graded["submitted_at"].is_string());
  const auto& results = graded["answers"].as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(keys(results[0]), (Keys{"question_id", "is_correct", "points_awarded", "explanation"}));
  EXPECT_EQ(results[0].at("explanation"), "Arithmetic.");
  EXPECT_EQ(results[1].at("is_correct"), false);
  EXPECT_TRUE(has_error(post(submit, cast_.student.token, answers), 409, "already_submitted"));

  // The second of two attempts is the last.
  auto second = post(attempts, cast_.student.token);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second["attempt_number"], 2);
  EXPECT_EQ(post(api_path("/api/attempts/", second.id(), "/submit"), cast_.student.token,
                 kNoAnswers)["score"],
            0.0);
  EXPECT_TRUE(has_error(post(attempts, cast_.student.token), 409, "attempt_limit_reached"));
  EXPECT_TRUE(has_error(post(attempts, cast_.other_student.token), 403, "not_enrolled"));
}

TEST_P(ApiAttemptsTest, AttemptsAreSeenByTheirStudentTheInstructorAndAdminsOnly) {
  const std::int64_t id = make_quiz(cast_.instructor, course_).at("id").as_int64();
  // A classmate enrolled in the same course sees no more of it than a stranger.
  ASSERT_EQ(post(api_path("/api/courses/", course_, "/enroll"), cast_.other_student.token).status,
            201);
  const std::int64_t attempt = start(cast_.student, id);
  const std::int64_t theirs = start(cast_.other_student, id);
  ASSERT_EQ(
      post(api_path("/api/attempts/", attempt, "/submit"), cast_.student.token, kNoAnswers).status,
      200);

  const std::string target = api_path("/api/attempts/", attempt);
  auto own = get(target, cast_.student.token);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own["status"], "graded");
  EXPECT_EQ(own["answers"].as_array().size(), 3u);
  expect_access("GET", target, cast_,
                {.anonymous = 401,
                 .student = 200,
                 .other_student = 404,
                 .instructor = 200,
                 .other_instructor = 404,
                 .admin = 200});
  EXPECT_TRUE(has_error(get(target, cast_.other_student.token), 404, "not_found"));

  // My attempts are mine alone.
  const std::map<std::int64_t, std::vector<std::int64_t>> mine = {
      {cast_.student.id, {attempt}}, {cast_.other_student.id, {theirs}}};
  expect_own("/api/me/attempts", cast_, [&](const ApiUser& user, const ApiResponse& r) {
    const auto it = mine.find(user.id);
    EXPECT_EQ(ids(r.json), it == mine.end() ? std::vector<std::int64_t>{} : it->second);
  });
  auto list = get("/api/me/attempts", cast_.student.token);
  EXPECT_EQ(list["count"], 1);
  const auto& item = list["results"].at(0);
  EXPECT_EQ(item.at("assessment_title"), "Quiz 1");
  EXPECT_EQ(item.at("course_id"), course_);
  EXPECT_EQ(get("/api/me/attempts", cast_.instructor.token)["count"], 0);
}

LECTERN_INSTANTIATE_BACKENDS(ApiAttemptsTest);

}  // namespace
}  // namespace lectern
