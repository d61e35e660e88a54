// Assessment authoring over real HTTP, on both backends: nested create,
// questions with their aliases, publish, delete, and the two views of an
// assessment. Who may do what: a published assessment is its course's
// instructor's and admins' to change (403 for anyone else); a draft
// assessment, or any assessment of a draft course, does not exist (404) for
// anyone but them. Attempts are in api_attempts_test.cpp.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::Access;
using testing::api_path;
using testing::editors_answer;
using testing::has_error;
using testing::has_field_errors;
using testing::kDraftEditorsOnly;
using testing::kEditorsOnly;
using testing::kEnrolledReaders;
using testing::keys;
using testing::Keys;
using testing::quiz_body;

// A question without a position or points: they take their defaults.
json::value true_false() {
  return {{"question_type", "true_false"},
          {"text", "The sky is blue."},
          {"answers",
           {{{"answer_text", "True"}, {"is_correct", true}},
            {{"answer_text", "False"}, {"position", 1}}}}};
}

class ApiAssessmentsTest : public testing::ApiCourseTest {
 protected:
  // Every authoring call on `assessment` (an author's view of quiz_body) as
  // each caller: changes answer as `change` says, an added question 201
  // where it allows changes, and deleting a question 204 (the instructor's
  // first, the admin's second). Deleting the assessment is refused as
  // `change` says; publishing comes last, so that a draft stays a draft.
  void expect_authoring(const json::value& assessment, const Access& change) {
    const std::string base = api_path("/api/assessments/", assessment.at("id").as_int64());
    const auto& questions = assessment.at("questions").as_array();
    const auto question = [&](std::size_t i) {
      return api_path("/api/questions/", questions.at(i).at("id").as_int64());
    };
    expect_access("PATCH", question(0), cast_, change, {{"points", 3}});
    expect_access("POST", base + "/questions", cast_, editors_answer(change, 201), true_false());
    Access remove = change;
    remove.instructor = 204;
    remove.admin = 0;
    expect_access("DELETE", question(1), cast_, remove);
    remove.instructor = 0;
    remove.admin = 204;
    expect_access("DELETE", question(2), cast_, remove);
    remove.admin = 0;
    expect_access("DELETE", base, cast_, remove);
    expect_access("POST", base + "/publish", cast_, change);
  }
};

TEST_P(ApiAssessmentsTest, NestedCreateAnswersWithTheAuthorsView) {
  auto r = post(api_path("/api/courses/", course_, "/assessments"), cast_.instructor.token,
                quiz_body(2));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"id", "course_id", "lesson_id", "title", "description",
                                "passing_score", "time_limit_minutes", "max_attempts",
                                "is_published", "questions", "created_at", "updated_at"}));
  EXPECT_EQ(r["is_published"], false);
  const auto& questions = r["questions"].as_array();
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(questions[0].at("text"), "2 + 2?");  // the alias column follows question_text
  EXPECT_EQ(questions[0].at("feedback"), "Arithmetic.");
  EXPECT_EQ(questions[0].at("answers").at(0).at("is_correct"), true);
  EXPECT_EQ(questions[2].at("answers").at(0).at("answer_text"), "Paris");

  // A draft exists only for its editors.
  const std::string list = api_path("/api/courses/", course_, "/assessments");
  expect_access("GET", api_path("/api/assessments/", r.id()), cast_, kDraftEditorsOnly);
  EXPECT_EQ(get(list, cast_.student.token)["count"], 0);
  EXPECT_EQ(get(list, cast_.instructor.token)["count"], 1);
  EXPECT_EQ(get(list, cast_.admin.token)["count"], 1);
}

TEST_P(ApiAssessmentsTest, CreateRefusals) {
  const std::string target = api_path("/api/courses/", course_, "/assessments");
  expect_access("POST", target, cast_, editors_answer(kEditorsOnly, 201), quiz_body(1));
  EXPECT_TRUE(
      has_error(post(target, cast_.student.token, quiz_body(1)), 403, "not_course_instructor"));
  EXPECT_TRUE(has_error(post("/api/courses/9999/assessments", cast_.instructor.token, quiz_body(1)),
                        404, "not_found"));
  // A draft course is not there for anyone else to add to.
  const std::int64_t draft = make_course(cast_.instructor, /*published=*/false, /*modules=*/0).id;
  expect_access("POST", api_path("/api/courses/", draft, "/assessments"), cast_,
                editors_answer(kDraftEditorsOnly, 201), quiz_body(1));

  EXPECT_TRUE(has_field_errors(post(target, cast_.instructor.token,
                                    {{"description", "no title"}, {"questions", json::array{}}}),
                               {"title"}));
  json::value wrong = quiz_body(1);
  wrong.at("questions").at(1).as_object()["points"] = "two";
  EXPECT_TRUE(
      has_field_errors(post(target, cast_.instructor.token, wrong), {"questions[1].points"}));
  EXPECT_TRUE(
      has_error(request("POST", target, "{\"title\": ", testing::auth(cast_.instructor.token)), 400,
                "malformed_request"));
}

TEST_P(ApiAssessmentsTest, StudentsSeeNoCorrectAnswers) {
  const std::int64_t id = make_quiz(cast_.instructor, course_).at("id").as_int64();
  const std::string target = api_path("/api/assessments/", id);
  auto r = get(target, cast_.student.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(keys(r.json), (Keys{"id", "course_id", "title", "description", "passing_score",
                                "time_limit_minutes", "max_attempts", "questions"}));
  const auto& questions = r["questions"].as_array();
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(keys(questions[0]), (Keys{"id", "question_type", "question_text", "text", "points",
                                      "position", "answers"}));
  EXPECT_EQ(keys(questions[0].at("answers").at(0)), (Keys{"id", "answer_text", "position"}));
  EXPECT_TRUE(questions[2].at("answers").as_array().empty());  // short_answer
  EXPECT_EQ(r.body.find("is_correct"), std::string::npos);
  EXPECT_EQ(r.body.find("Paris"), std::string::npos);

  // Its instructor and admins get the author's view; outsiders must enrol first.
  EXPECT_NE(get(target, cast_.instructor.token).body.find("is_correct"), std::string::npos);
  EXPECT_NE(get(target, cast_.admin.token).body.find("is_correct"), std::string::npos);
  expect_access("GET", target, cast_, kEnrolledReaders);
  EXPECT_TRUE(has_error(get(target, cast_.other_student.token), 403, "not_enrolled"));
  EXPECT_TRUE(has_error(get("/api/assessments/9999", cast_.student.token), 404, "not_found"));
  EXPECT_EQ(get(api_path("/api/courses/", course_, "/assessments"), cast_.student.token)["count"],
            1);
}

TEST_P(ApiAssessmentsTest, QuestionsAreEditedThroughTheirAliases) {
  const std::string& teacher = cast_.instructor.token;
  const std::string& student = cast_.student.token;
  auto created = post(api_path("/api/courses/", course_, "/assessments"), teacher,
                      {{"title", "Empty"},
                       {"lesson_id", nullptr},  // null is "none" for the nullable members
                       {"time_limit_minutes", nullptr},
                       {"max_attempts", nullptr}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string assessment = api_path("/api/assessments/", created.id());
  EXPECT_TRUE(has_field_errors(post(assessment + "/publish", teacher), {"questions"}));

  auto q = post(assessment + "/questions", teacher, true_false());
  ASSERT_EQ(q.status, 201) << q.body;
  EXPECT_EQ(q["question_text"], "The sky is blue.");
  const std::string question = api_path("/api/questions/", q.id());

  auto patched = patch(question, teacher,
                       {{"question_text", "Grass is green."}, {"feedback", "Chlorophyll."}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched["text"], "Grass is green.");
  EXPECT_EQ(patched["explanation"], "Chlorophyll.");
  EXPECT_EQ(patched["answers"].as_array().size(), 2u);
  EXPECT_TRUE(has_field_errors(patch(question, teacher, {{"question_text", "A"}, {"text", "B"}}),
                               {"text"}));

  EXPECT_TRUE(has_error(patch(question, student, {{"points", 3}}), 404, "not_found"));
  EXPECT_EQ(post(assessment + "/publish", teacher).status, 200);
  EXPECT_TRUE(has_error(patch(question, student, {{"points", 3}}), 403, "not_course_instructor"));
  EXPECT_TRUE(has_error(del(question, student), 403, "not_course_instructor"));
  EXPECT_EQ(del(question, teacher).status, 204);
  EXPECT_TRUE(has_error(patch(question, teacher, {{"points", 3}}), 404, "not_found"));

  EXPECT_TRUE(has_error(del(assessment, student), 403, "not_course_instructor"));
  EXPECT_EQ(del(assessment, teacher).status, 204);
  EXPECT_TRUE(has_error(get(assessment, teacher), 404, "not_found"));
}

TEST_P(ApiAssessmentsTest, OnlyTheCoursesInstructorAndAdminsChangeAPublishedAssessment) {
  const json::value published = make_quiz(cast_.instructor, course_);
  expect_authoring(published, kEditorsOnly);
  expect_access("DELETE", api_path("/api/assessments/", published.at("id").as_int64()), cast_,
                {.instructor = 204});
  const json::value second = make_quiz(cast_.instructor, course_);
  expect_access("DELETE", api_path("/api/assessments/", second.at("id").as_int64()), cast_,
                {.admin = 204});
}

TEST_P(ApiAssessmentsTest, ADraftAssessmentIsOnlyItsEditorsToChange) {
  const json::value draft = make_quiz(cast_.instructor, course_, /*published=*/false);
  expect_authoring(draft, kDraftEditorsOnly);
  EXPECT_EQ(
      get(api_path("/api/assessments/", draft.at("id").as_int64()), cast_.student.token).status,
      200);  // published at the end, and the student is enrolled
  const json::value second = make_quiz(cast_.instructor, course_, /*published=*/false);
  expect_access("DELETE", api_path("/api/assessments/", second.at("id").as_int64()), cast_,
                {.admin = 204});
}

TEST_P(ApiAssessmentsTest, PatchChangesFieldsAndReplacesQuestionsUntilAttemptsExist) {
  const json::value quiz = make_quiz(cast_.instructor, course_);
  const std::string target = api_path("/api/assessments/", quiz.at("id").as_int64());
  const std::string& teacher = cast_.instructor.token;

  // Members left out keep their value; null removes a limit.
  auto r = patch(target, teacher, {{"title", "Quiz 2"}, {"time_limit_minutes", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["title"], "Quiz 2");
  EXPECT_EQ(r["description"], "Warm-up");
  EXPECT_TRUE(r["time_limit_minutes"].is_null());
  EXPECT_EQ(r["max_attempts"], 2);
  EXPECT_EQ(r["questions"].as_array().size(), 3u);

  // Questions, when given, replace them all; a broken one changes nothing.
  json::value questions = quiz_body().at("questions");
  questions.as_array().erase(questions.as_array().begin());
  json::value broken = questions;
  broken.at(0).at("answers").at(0).as_object()["is_correct"] = false;
  broken.at(0).at("answers").at(1).as_object()["is_correct"] = false;
  EXPECT_TRUE(
      has_field_errors(patch(target, teacher, {{"passing_score", 101}, {"questions", broken}}),
                       {"passing_score", "questions[0].answers"}));
  EXPECT_EQ(get(target, teacher)["questions"].as_array().size(), 3u);
  r = patch(target, teacher, {{"questions", questions}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r["questions"].as_array().size(), 2u);
  EXPECT_EQ(r["questions"].at(0).at("question_text"), "Primes?");
  EXPECT_EQ(r["questions"].at(1).at("answers").at(0).at("answer_text"), "Paris");

  // Once attempted, the questions stay as they were graded; the rest changes.
  ASSERT_EQ(post(target + "/attempts", cast_.student.token).status, 201);
  EXPECT_TRUE(has_error(patch(target, teacher, {{"title", "Quiz 3"}, {"questions", questions}}),
                        409, "assessment_has_attempts"));
  EXPECT_EQ(get(target, teacher)["title"], "Quiz 2");
  const std::string question =
      api_path("/api/questions/", get(target, teacher)["questions"].at(0).at("id").as_int64());
  EXPECT_TRUE(has_error(patch(question, teacher, {{"points", 5}}), 409, "assessment_has_attempts"));
  EXPECT_TRUE(has_error(del(question, teacher), 409, "assessment_has_attempts"));
  EXPECT_TRUE(has_error(post(target + "/questions", teacher, true_false()), 409,
                        "assessment_has_attempts"));
  r = patch(target, teacher, {{"title", "Quiz 3"}, {"max_attempts", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r["max_attempts"].is_null());
  EXPECT_EQ(r["questions"].as_array().size(), 2u);

  expect_access("PATCH", target, cast_, kEditorsOnly, {{"description", "Theirs."}});
  const json::value draft = make_quiz(cast_.instructor, course_, /*published=*/false);
  expect_access("PATCH", api_path("/api/assessments/", draft.at("id").as_int64()), cast_,
                kDraftEditorsOnly, {{"description", "Theirs."}});
  EXPECT_TRUE(
      has_error(patch("/api/assessments/99999", teacher, {{"title", "x"}}), 404, "not_found"));
}

LECTERN_INSTANTIATE_BACKENDS(ApiAssessmentsTest);

}  // namespace
}  // namespace lectern
