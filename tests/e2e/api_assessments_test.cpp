// The assessment endpoints over real HTTP, on both backends: authoring
// (nested create, questions with their aliases, publish, delete), the two
// views of an assessment, and attempts (start, submit, read, list) with
// their refusals.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <memory>
#include <regex>

#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace json = boost::json;

struct Reply {
  int status = 0;
  json::value body;  // null when the body is not JSON
  std::string text;
};

struct User {
  std::int64_t id = 0;
  std::string token;
};

// `lectern migrate`, then `lectern serve` on a free port over the scratch
// database; requests carry a bearer token when given one.
class ApiFixture : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    const std::string binary = testing::lectern_binary();
    auto migrate = testing::run_process({binary, "--database", scratch().url(), "migrate"});
    ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
    server_ = std::make_unique<testing::BackgroundProcess>(
        std::vector<std::string>{binary, "--database", scratch().url(), "serve", "--listen",
                                 "127.0.0.1:0", "--password-cost", "minimal"});
    const std::string out = server_->wait_for_output("serving on http://");
    std::smatch port;
    ASSERT_TRUE(std::regex_search(out, port, std::regex(R"(127\.0\.0\.1:(\d+)/)"))) << out;
    client_ = std::make_unique<testing::HttpClient>("127.0.0.1", std::uint16_t(std::stoi(port[1])));
  }
  void TearDown() override {
    client_.reset();
    if (server_) {
      server_->signal(SIGTERM);
      EXPECT_EQ(server_->wait(), 0) << server_->output();
    }
    BackendTest::TearDown();
  }

  Reply call(const std::string& method, const std::string& target, const User& as = {},
             const json::value& body = nullptr) {
    std::map<std::string, std::string> headers;
    if (!as.token.empty()) headers["Authorization"] = "Bearer " + as.token;
    auto r = client_->request(method, target, body.is_null() ? "" : json::serialize(body), headers);
    Reply reply{r.status, nullptr, r.body};
    boost::system::error_code ec;
    if (!r.body.empty()) reply.body = json::parse(r.body, ec);
    EXPECT_NE(r.status, 500) << method << " " << target << ": " << r.body;
    return reply;
  }

  User user(const std::string& name, const std::string& role = "student") {
    const std::string password = "correct horse battery";
    auto reg = call("POST", "/api/auth/register", {},
                    {{"username", name},
                     {"email", name + "@example.com"},
                     {"password", password},
                     {"role", role}});
    EXPECT_EQ(reg.status, 201) << reg.text;
    auto login = call("POST", "/api/auth/login", {}, {{"username", name}, {"password", password}});
    EXPECT_EQ(login.status, 200) << login.text;
    return {reg.body.at("id").as_int64(), std::string(login.body.at("token").as_string())};
  }

  // A published course of `teacher`.
  std::int64_t course(const User& teacher, const std::string& title) {
    auto c = call("POST", "/api/courses", teacher,
                  {{"title", title}, {"description", "d"}, {"level", "beginner"}});
    EXPECT_EQ(c.status, 201) << c.text;
    const std::int64_t id = c.body.at("id").as_int64();
    EXPECT_EQ(call("POST", "/api/courses/" + std::to_string(id) + "/publish", teacher).status, 200);
    return id;
  }

  std::unique_ptr<testing::BackgroundProcess> server_;
  std::unique_ptr<testing::HttpClient> client_;
};

std::string code(const Reply& r) {
  if (!r.body.is_object() || !r.body.as_object().contains("error")) return "(no error) " + r.text;
  return std::string(r.body.at("error").at("code").as_string());
}

bool names_field(const Reply& r, const std::string& field) {
  const auto* error = r.body.is_object() ? r.body.as_object().if_contains("error") : nullptr;
  const auto* fields = error ? error->as_object().if_contains("fields") : nullptr;
  return fields && fields->as_object().contains(field);
}

std::vector<std::string> keys(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& member : v.as_object()) out.emplace_back(member.key());
  return out;
}

std::string path(const std::string& prefix, std::int64_t id, const std::string& suffix = "") {
  return prefix + std::to_string(id) + suffix;
}

// Three questions, one of each kind the grader treats differently.
json::value quiz(std::int64_t max_attempts) {
  return {{"title", "Quiz 1"},
          {"description", "Warm-up"},
          {"passing_score", 60},
          {"time_limit_minutes", 30},
          {"max_attempts", max_attempts},
          {"questions",
           {{{"question_type", "single_choice"},
             {"question_text", "2 + 2?"},
             {"explanation", "Arithmetic."},
             {"points", 2},
             {"position", 1},
             {"answers",
              {{{"answer_text", "4"}, {"is_correct", true}, {"position", 1}},
               {{"answer_text", "5"}, {"is_correct", false}, {"position", 2}}}}},
            {{"question_type", "multiple_choice"},
             {"question_text", "Primes?"},
             {"points", 1},
             {"position", 2},
             {"answers",
              {{{"answer_text", "2"}, {"is_correct", true}, {"position", 1}},
               {{"answer_text", "3"}, {"is_correct", true}, {"position", 2}},
               {{"answer_text", "4"}, {"is_correct", false}, {"position", 3}}}}},
            {{"question_type", "short_answer"},
             {"question_text", "Capital of France?"},
             {"points", 1},
             {"position", 3},
             {"answers", {{{"answer_text", "Paris"}}}}}}}};
}

class AssessmentsApiTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher_ = user("teacher", "instructor");
    student_ = user("student");
    course_ = course(teacher_, "Numbers");
    ASSERT_EQ(call("POST", path("/api/courses/", course_, "/enroll"), student_).status, 201);
  }

  // The quiz, created and published; its author's view.
  json::value published_quiz(std::int64_t max_attempts = 2) {
    auto created =
        call("POST", path("/api/courses/", course_, "/assessments"), teacher_, quiz(max_attempts));
    EXPECT_EQ(created.status, 201) << created.text;
    auto published = call(
        "POST", path("/api/assessments/", created.body.at("id").as_int64(), "/publish"), teacher_);
    EXPECT_EQ(published.status, 200) << published.text;
    return published.body;
  }

  User teacher_, student_;
  std::int64_t course_ = 0;
};

TEST_P(AssessmentsApiTest, NestedCreateAnswersWithTheAuthorsView) {
  auto r = call("POST", path("/api/courses/", course_, "/assessments"), teacher_, quiz(2));
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(keys(r.body),
            (std::vector<std::string>{"id", "course_id", "lesson_id", "title", "description",
                                      "passing_score", "time_limit_minutes", "max_attempts",
                                      "is_published", "questions", "created_at", "updated_at"}));
  EXPECT_EQ(r.body.at("is_published"), false);
  const auto& questions = r.body.at("questions").as_array();
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(questions[0].at("text"), "2 + 2?");  // the alias column follows question_text
  EXPECT_EQ(questions[0].at("feedback"), "Arithmetic.");
  EXPECT_EQ(questions[0].at("answers").at(0).at("is_correct"), true);
  EXPECT_EQ(questions[2].at("answers").at(0).at("answer_text"), "Paris");

  // A draft exists only for its editors.
  const std::int64_t id = r.body.at("id").as_int64();
  EXPECT_EQ(call("GET", path("/api/assessments/", id), student_).status, 404);
  EXPECT_EQ(call("GET", path("/api/courses/", course_, "/assessments"), student_).body.at("count"),
            0);
  EXPECT_EQ(call("GET", path("/api/courses/", course_, "/assessments"), teacher_).body.at("count"),
            1);
}

TEST_P(AssessmentsApiTest, CreateRefusals) {
  const User other = user("other", "instructor");
  const std::string target = path("/api/courses/", course_, "/assessments");
  EXPECT_EQ(code(call("POST", target, student_, quiz(1))), "not_course_instructor");
  EXPECT_EQ(call("POST", target, other, quiz(1)).status, 403);
  EXPECT_EQ(call("POST", "/api/courses/9999/assessments", teacher_, quiz(1)).status, 404);
  EXPECT_EQ(call("POST", target, {}, quiz(1)).status, 401);

  auto missing =
      call("POST", target, teacher_, {{"description", "no title"}, {"questions", json::array{}}});
  EXPECT_EQ(missing.status, 422) << missing.text;
  EXPECT_TRUE(names_field(missing, "title")) << missing.text;
  json::value wrong = quiz(1);
  wrong.at("questions").at(1).as_object()["points"] = "two";
  auto typed = call("POST", target, teacher_, wrong);
  EXPECT_EQ(typed.status, 422);
  EXPECT_TRUE(names_field(typed, "questions[1].points")) << typed.text;
  auto malformed = client_->request(
      "POST", target, "{\"title\": ", {{"Authorization", "Bearer " + teacher_.token}});
  EXPECT_EQ(malformed.status, 400) << malformed.body;
}

TEST_P(AssessmentsApiTest, StudentsSeeNoCorrectAnswers) {
  const std::int64_t id = published_quiz().at("id").as_int64();
  auto r = call("GET", path("/api/assessments/", id), student_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(keys(r.body),
            (std::vector<std::string>{"id", "course_id", "title", "description", "passing_score",
                                      "time_limit_minutes", "max_attempts", "questions"}));
  const auto& questions = r.body.at("questions").as_array();
  ASSERT_EQ(questions.size(), 3u);
  EXPECT_EQ(keys(questions[0]),
            (std::vector<std::string>{"id", "question_type", "question_text", "text", "points",
                                      "position", "answers"}));
  EXPECT_EQ(keys(questions[0].at("answers").at(0)),
            (std::vector<std::string>{"id", "answer_text", "position"}));
  EXPECT_TRUE(questions[2].at("answers").as_array().empty());  // short_answer
  EXPECT_EQ(r.text.find("is_correct"), std::string::npos);
  EXPECT_EQ(r.text.find("Paris"), std::string::npos);

  // Its instructor gets the author's view; outsiders must enrol first.
  auto authored = call("GET", path("/api/assessments/", id), teacher_);
  EXPECT_NE(authored.text.find("is_correct"), std::string::npos);
  EXPECT_EQ(code(call("GET", path("/api/assessments/", id), user("outsider"))), "not_enrolled");
  EXPECT_EQ(call("GET", path("/api/assessments/", id), user("rival", "instructor")).status, 403);
  EXPECT_EQ(call("GET", "/api/assessments/9999", student_).status, 404);
  EXPECT_EQ(call("GET", path("/api/courses/", course_, "/assessments"), student_).body.at("count"),
            1);
}

TEST_P(AssessmentsApiTest, QuestionsAreEditedThroughTheirAliases) {
  auto created = call("POST", path("/api/courses/", course_, "/assessments"), teacher_,
                      {{"title", "Empty"},
                       {"lesson_id", nullptr},  // null is "none" for the nullable members
                       {"time_limit_minutes", nullptr},
                       {"max_attempts", nullptr}});
  ASSERT_EQ(created.status, 201) << created.text;
  const std::int64_t id = created.body.at("id").as_int64();
  EXPECT_TRUE(
      names_field(call("POST", path("/api/assessments/", id, "/publish"), teacher_), "questions"));

  auto q = call("POST", path("/api/assessments/", id, "/questions"), teacher_,
                {{"question_type", "true_false"},
                 {"text", "The sky is blue."},
                 {"answers",
                  {{{"answer_text", "True"}, {"is_correct", true}},
                   {{"answer_text", "False"}, {"position", 1}}}}});
  ASSERT_EQ(q.status, 201) << q.text;
  EXPECT_EQ(q.body.at("question_text"), "The sky is blue.");
  const std::int64_t qid = q.body.at("id").as_int64();

  auto patched = call("PATCH", path("/api/questions/", qid), teacher_,
                      {{"question_text", "Grass is green."}, {"feedback", "Chlorophyll."}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  EXPECT_EQ(patched.body.at("text"), "Grass is green.");
  EXPECT_EQ(patched.body.at("explanation"), "Chlorophyll.");
  EXPECT_EQ(patched.body.at("answers").as_array().size(), 2u);
  auto both = call("PATCH", path("/api/questions/", qid), teacher_,
                   {{"question_text", "A"}, {"text", "B"}});
  EXPECT_EQ(both.status, 422);
  EXPECT_TRUE(names_field(both, "text")) << both.text;

  EXPECT_EQ(call("PATCH", path("/api/questions/", qid), student_, {{"points", 3}}).status, 404);
  EXPECT_EQ(call("POST", path("/api/assessments/", id, "/publish"), teacher_).status, 200);
  EXPECT_EQ(call("PATCH", path("/api/questions/", qid), student_, {{"points", 3}}).status, 403);
  EXPECT_EQ(call("DELETE", path("/api/questions/", qid), student_).status, 403);
  EXPECT_EQ(call("DELETE", path("/api/questions/", qid), teacher_).status, 204);
  EXPECT_EQ(call("PATCH", path("/api/questions/", qid), teacher_, {{"points", 3}}).status, 404);

  EXPECT_EQ(call("DELETE", path("/api/assessments/", id), student_).status, 403);
  EXPECT_EQ(call("DELETE", path("/api/assessments/", id), teacher_).status, 204);
  EXPECT_EQ(call("GET", path("/api/assessments/", id), teacher_).status, 404);
}

TEST_P(AssessmentsApiTest, AttemptsAreStartedSubmittedAndGraded) {
  const json::value assessment = published_quiz(2);
  const std::int64_t id = assessment.at("id").as_int64();
  const auto& questions = assessment.at("questions").as_array();
  auto started = call("POST", path("/api/assessments/", id, "/attempts"), student_);
  ASSERT_EQ(started.status, 201) << started.text;
  for (const char* key : {"id", "assessment_id", "attempt_number", "status", "started_at"}) {
    EXPECT_TRUE(started.body.as_object().contains(key)) << key;
  }
  EXPECT_EQ(started.body.at("status"), "in_progress");
  EXPECT_EQ(started.body.at("attempt_number"), 1);
  EXPECT_TRUE(started.body.at("deadline").is_string());  // a 30-minute limit
  const std::int64_t attempt = started.body.at("id").as_int64();
  EXPECT_EQ(code(call("POST", path("/api/assessments/", id, "/attempts"), student_)),
            "attempt_in_progress");

  // Right on the single choice and the short answer, wrong on the primes.
  const auto answer = [&](std::size_t q, std::size_t a) {
    return questions[q].at("answers").at(a).at("id");
  };
  json::value answers = {{"answers",
                          {{{"question_id", questions[0].at("id")}, {"answer_ids", {answer(0, 0)}}},
                           {{"question_id", questions[1].at("id")}, {"answer_ids", {answer(1, 0)}}},
                           {{"question_id", questions[2].at("id")}, {"text_answer", "  paris "}}}}};
  const User other = user("other");
  EXPECT_EQ(call("POST", path("/api/attempts/", attempt, "/submit"), other, answers).status, 404);
  auto bad = call("POST", path("/api/attempts/", attempt, "/submit"), student_,
                  {{"answers", {{{"question_id", questions[0].at("id")}, {"answer_ids", {0}}}}}});
  EXPECT_TRUE(names_field(bad, "answers[0].answer_ids")) << bad.text;

  auto graded = call("POST", path("/api/attempts/", attempt, "/submit"), student_, answers);
  ASSERT_EQ(graded.status, 200) << graded.text;
  EXPECT_EQ(graded.body.at("status"), "graded");
  EXPECT_EQ(graded.body.at("points_earned"), 3);
  EXPECT_EQ(graded.body.at("points_possible"), 4);
  EXPECT_EQ(graded.body.at("score"), 75.0);
  EXPECT_EQ(graded.body.at("passed"), true);
  EXPECT_TRUE(graded.body.at("submitted_at").is_string());
  const auto& results = graded.body.at("answers").as_array();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(keys(results[0]), (std::vector<std::string>{"question_id", "is_correct",
                                                        "points_awarded", "explanation"}));
  EXPECT_EQ(results[0].at("explanation"), "Arithmetic.");
  EXPECT_EQ(results[1].at("is_correct"), false);
  EXPECT_EQ(code(call("POST", path("/api/attempts/", attempt, "/submit"), student_, answers)),
            "already_submitted");

  // The second of two attempts is the last.
  auto second = call("POST", path("/api/assessments/", id, "/attempts"), student_);
  ASSERT_EQ(second.status, 201) << second.text;
  EXPECT_EQ(second.body.at("attempt_number"), 2);
  EXPECT_EQ(call("POST", path("/api/attempts/", second.body.at("id").as_int64(), "/submit"),
                 student_, {{"answers", json::array{}}})
                .body.at("score"),
            0.0);
  auto limit = call("POST", path("/api/assessments/", id, "/attempts"), student_);
  EXPECT_EQ(limit.status, 409);
  EXPECT_EQ(code(limit), "attempt_limit_reached");
  EXPECT_EQ(code(call("POST", path("/api/assessments/", id, "/attempts"), other)), "not_enrolled");
}

TEST_P(AssessmentsApiTest, AttemptsAreSeenByTheirStudentAndTheInstructorOnly) {
  const std::int64_t id = published_quiz().at("id").as_int64();
  auto started = call("POST", path("/api/assessments/", id, "/attempts"), student_);
  ASSERT_EQ(started.status, 201) << started.text;
  const std::int64_t attempt = started.body.at("id").as_int64();
  ASSERT_EQ(call("POST", path("/api/attempts/", attempt, "/submit"), student_,
                 {{"answers", json::array{}}})
                .status,
            200);

  auto own = call("GET", path("/api/attempts/", attempt), student_);
  ASSERT_EQ(own.status, 200) << own.text;
  EXPECT_EQ(own.body.at("status"), "graded");
  EXPECT_EQ(own.body.at("answers").as_array().size(), 3u);
  EXPECT_EQ(call("GET", path("/api/attempts/", attempt), teacher_).status, 200);
  EXPECT_EQ(call("GET", path("/api/attempts/", attempt), user("other")).status, 404);
  EXPECT_EQ(call("GET", path("/api/attempts/", attempt), user("rival", "instructor")).status, 404);
  EXPECT_EQ(call("GET", path("/api/attempts/", attempt)).status, 401);

  auto mine = call("GET", "/api/me/attempts", student_);
  ASSERT_EQ(mine.status, 200) << mine.text;
  EXPECT_EQ(mine.body.at("count"), 1);
  const auto& item = mine.body.at("results").at(0);
  EXPECT_EQ(item.at("assessment_title"), "Quiz 1");
  EXPECT_EQ(item.at("course_id"), course_);
  EXPECT_EQ(call("GET", "/api/me/attempts", teacher_).body.at("count"), 0);
}

LECTERN_INSTANTIATE_BACKENDS(AssessmentsApiTest);

}  // namespace
}  // namespace lectern
