// The API's answers byte for byte: the OpenAPI document and one scripted
// session through every app (catalogue, learning, assessments, engagement,
// the portal), served in process on a clock that never moves, compared with
// tests/golden/api/*.txt. It pins what restructuring must not change
// (regenerate with LECTERN_UPDATE_GOLDEN=1 only when behaviour deliberately
// changes, and review the diff).
#include <fstream>
#include <sstream>

#include "api/api.hpp"
#include "apps/accounts/handlers.hpp"
#include "apps/routes.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "support/domain.hpp"

namespace lectern {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Compares `actual` with the golden file `name`, or rewrites it when
// LECTERN_UPDATE_GOLDEN is set.
void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(LECTERN_GOLDEN_DIR) + "/api/" + name;
  if (const char* update = std::getenv("LECTERN_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  const std::string expected = read_file(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing; run with LECTERN_UPDATE_GOLDEN=1";
  EXPECT_EQ(expected, actual) << "differs from " << path;
}

class ApiResponsesGoldenTest : public testing::DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    database_ = db::Database::open(scratch().url());
    context_.reset(new api::ApiContext{.database = *database_});
    context_->clock = [this] { return now(); };
    context_->settings.token_cache_ttl = std::chrono::seconds(0);
    api_ = std::make_unique<api::Api>(*context_, router_);
    context_->authenticate = &apps::accounts::authenticate_bearer;
    apps::register_api(*api_,
                       {.accounts = {.password_cost = apps::accounts::PasswordCost::minimal()}});
  }

  http::Response send(const std::string& method, const std::string& target,
                      const std::string& body = "", const std::string& token = "") {
    http::Request r;
    r.method = method;
    r.target = target;
    const auto q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    if (!token.empty()) r.headers.emplace_back("authorization", "Bearer " + token);
    r.body = body;
    r.remote_address = "127.0.0.1";
    return router_.dispatch(r);
  }

  // Sends and records the exchange in the transcript.
  http::Response record(const std::string& method, const std::string& target,
                        const std::string& body = "", const std::string& token = "") {
    http::Response r = send(method, target, body, token);
    transcript_ << method << ' ' << target << '\n';
    if (!body.empty()) transcript_ << body << '\n';
    transcript_ << "-> " << r.status << ' ' << r.content_type << '\n' << r.body << "\n\n";
    return r;
  }

  std::string login(const std::string& username) {
    auto r = send("POST", "/api/auth/login",
                  R"({"username": ")" + username + R"(", "password": "password-2026"})");
    EXPECT_EQ(r.status, 200) << r.body;
    const std::string key = "\"token\":\"";
    const auto at = r.body.find(key) + key.size();
    return r.body.substr(at, r.body.find('"', at) - at);
  }

  std::unique_ptr<db::Database> database_;
  std::unique_ptr<api::ApiContext> context_;
  http::Router router_;
  std::unique_ptr<api::Api> api_;
  std::ostringstream transcript_;
};

TEST_P(ApiResponsesGoldenTest, OpenApiDocumentIsUnchanged) {
  auto r = send("GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  expect_golden("openapi.json", r.body);
}

TEST_P(ApiResponsesGoldenTest, ScriptedSessionAnswersAreUnchanged) {
  make_user("teacher", "instructor");
  make_user("alice");
  make_user("bob");
  const std::string teacher = login("teacher");
  const std::string alice = login("alice");
  const std::string bob = login("bob");

  record("GET", "/api/health");
  record("GET", "/api/me", "", alice);
  record(
      "POST", "/api/auth/register",
      R"({"username": "carol", "email": "carol@example.com", "password": "long-password-1", "display_name": "Carol"})");
  record("GET", "/api/categories");
  record(
      "POST", "/api/courses",
      R"({"title": "Golden Course", "description": "Pinned.", "level": "intermediate", "price_cents": 1999})",
      teacher);
  record("POST", "/api/courses", R"({"title": ""})", teacher);
  record("POST", "/api/courses", R"({"title": "Nope"})", alice);
  record("PATCH", "/api/courses/1", R"({"description": "Pinned, twice."})", teacher);
  record("POST", "/api/courses/1/modules", R"({"title": "Basics", "position": 1})", teacher);
  record(
      "POST", "/api/modules/1/lessons",
      R"({"title": "First", "content": "One", "duration_minutes": 12, "position": 1, "is_free_preview": true})",
      teacher);
  record("POST", "/api/modules/1/lessons",
         R"({"title": "Second", "content": "Two", "duration_minutes": 8, "position": 2})", teacher);
  record("PATCH", "/api/lessons/2", R"({"duration_minutes": 9})", teacher);
  record("GET", "/api/courses/1", "", alice);
  record("POST", "/api/courses/1/publish", "", teacher);
  record("GET", "/api/courses");
  record("GET", "/api/courses?level=intermediate&page_size=1");
  record("GET", "/api/courses?search=golden&page=2&page_size=1");
  record("GET", "/api/courses/1");
  record("GET", "/api/courses/1/outline", "", alice);
  record("GET", "/api/lessons/1", "", alice);
  record("GET", "/api/lessons/2", "", alice);

  record("POST", "/api/courses/1/enroll", "", alice);
  record("POST", "/api/courses/1/enroll", "", alice);
  record("POST", "/api/courses/1/enroll", "", bob);
  record("GET", "/api/me/enrollments", "", alice);
  record("POST", "/api/lessons/1/complete", "", alice);
  record("GET", "/api/courses/1/progress", "", alice);
  record("POST", "/api/activity",
         R"({"activity_type": "view_lesson", "course_id": 1, "lesson_id": 2})", alice);
  record("GET", "/api/me/activity", "", alice);

  record(
      "POST", "/api/courses/1/assessments",
      R"({"title": "Quiz", "description": "Short.", "passing_score": 50, "lesson_id": 2, "questions": [
           {"question_type": "single_choice", "question_text": "Two?", "explanation": "Because.", "points": 2,
            "answers": [{"answer_text": "2", "is_correct": true}, {"answer_text": "3", "is_correct": false}]},
           {"question_type": "short_answer", "text": "Say hi", "points": 1, "answers": [{"answer_text": "hi"}]}]})",
      teacher);
  record("POST", "/api/assessments/1/questions",
         R"({"question_type": "true_false", "question_text": "True?", "points": 1,
             "answers": [{"answer_text": "true", "is_correct": true}, {"answer_text": "false", "is_correct": false}]})",
         teacher);
  record("PATCH", "/api/questions/3", R"({"feedback": "It is."})", teacher);
  record("GET", "/api/assessments/1", "", teacher);
  record("POST", "/api/assessments/1/publish", "", teacher);
  record("GET", "/api/courses/1/assessments", "", alice);
  record("GET", "/api/assessments/1", "", alice);
  record("POST", "/api/assessments/1/attempts", "", alice);
  record(
      "POST", "/api/attempts/1/submit",
      R"({"answers": [{"question_id": 1, "answer_ids": [1]}, {"question_id": 2, "text_answer": " HI "},
                         {"question_id": 3, "answer_ids": [5]}]})",
      alice);
  record("GET", "/api/attempts/1", "", alice);
  record("GET", "/api/me/attempts", "", alice);
  record("POST", "/api/lessons/2/complete", "", alice);
  record("GET", "/api/courses/1/progress", "", alice);

  record("POST", "/api/courses/1/reviews", R"({"rating": 4, "comment": "Good."})", alice);
  record("POST", "/api/courses/1/reviews", R"({"rating": 5})", bob);
  record("PATCH", "/api/reviews/2", R"({"comment": "Great."})", bob);
  record("GET", "/api/courses/1/reviews");
  record("GET", "/api/courses/1");
  record("POST", "/api/notes", R"({"course_id": 1, "lesson_id": 1, "content": "Remember."})",
         alice);
  record("PATCH", "/api/notes/1", R"({"lesson_id": null})", alice);
  record("GET", "/api/notes", "", alice);
  record("POST", "/api/bookmarks", R"({"course_id": 1, "label": "Later"})", alice);
  record("POST", "/api/bookmarks", R"({"course_id": 1, "lesson_id": 2})", alice);
  record("GET", "/api/bookmarks", "", alice);
  record(
      "PUT", "/api/me/preferences",
      R"({"language": "fr", "timezone": "Europe/Paris", "theme": "dark", "extra_json": {"a": 1}})",
      alice);
  record("GET", "/api/me/preferences", "", alice);
  record("GET", "/api/courses/1/stats", "", teacher);
  record("GET", "/api/me/stats", "", alice);

  record("PUT", "/api/instructor/profile",
         R"({"bio": "Teaches.", "expertise": "Gold", "website": "https://example.com"})", teacher);
  record("GET", "/api/instructor/profile", "", teacher);
  record("POST", "/api/courses/1/announcements", R"({"title": "Hello", "body": "Welcome."})",
         teacher);
  record("GET", "/api/courses/1/announcements", "", alice);
  record("GET", "/api/me/notifications", "", alice);
  record("POST", "/api/notifications/1/read", "", alice);
  record("GET", "/api/me/notifications?unread=true", "", alice);
  record("POST", "/api/notifications/read-all", "", alice);
  record("GET", "/api/instructor/courses", "", teacher);
  record("GET", "/api/instructor/courses/1/students", "", teacher);
  record("GET", "/api/instructor/courses/1/assessments/1/results", "", teacher);
  record("GET", "/api/instructor/courses/1/assessments/1/results.csv", "", teacher);
  record("GET", "/api/instructor/courses/1/assessments/1/outcome", "", teacher);
  record("PATCH", "/api/assessments/1", R"({"title": "Quiz, renamed", "max_attempts": 3})",
         teacher);
  record("PATCH", "/api/assessments/1", R"({"questions": []})", teacher);
  record("GET", "/api/instructor/courses/1/students", "", alice);

  record("DELETE", "/api/courses/1/enroll", "", bob);
  record("DELETE", "/api/bookmarks/2", "", alice);
  record("DELETE", "/api/reviews/2", "", bob);
  record("DELETE", "/api/lessons/2", "", teacher);
  record("GET", "/api/courses/1/outline", "", teacher);
  record("POST", "/api/auth/logout", "", bob);
  record("GET", "/api/me", "", bob);

  expect_golden("session.txt", transcript_.str());
}

LECTERN_INSTANTIATE_BACKENDS(ApiResponsesGoldenTest);

}  // namespace
}  // namespace lectern
