// The instructor portal's endpoints over real HTTP, on both backends: own
// courses with their stats, a course's students, an assessment's results,
// the profile, and announcements (which notify the course's students).
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

class PortalApiTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher_ = user("teacher", "instructor");
    rival_ = user("rival", "instructor");
    student_ = user("student");
    course_ = course(teacher_, "Pottery");
    ASSERT_EQ(call("POST", path("/api/courses/", course_, "/enroll"), student_).status, 201);
  }

  User teacher_, rival_, student_;
  std::int64_t course_ = 0;
};

TEST_P(PortalApiTest, InstructorsSeeTheirOwnCoursesWithStats) {
  ASSERT_EQ(
      call("POST", "/api/courses", teacher_, {{"title", "Draft"}, {"description", "d"}}).status,
      201);
  auto r = call("GET", "/api/instructor/courses", teacher_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.at("count"), 2);
  const auto& first = r.body.at("results").at(0);
  EXPECT_EQ(first.at("id"), course_);
  EXPECT_EQ(first.at("is_published"), true);
  EXPECT_EQ(keys(first.at("stats")),
            (std::vector<std::string>{"total_enrollments", "active_enrollments", "completions",
                                      "review_count", "average_rating", "attempt_count",
                                      "average_score"}));
  EXPECT_EQ(first.at("stats").at("total_enrollments"), 1);
  EXPECT_EQ(r.body.at("results").at(1).at("is_published"), false);

  EXPECT_EQ(call("GET", "/api/instructor/courses", rival_).body.at("count"), 0);
  EXPECT_EQ(code(call("GET", "/api/instructor/courses", student_)), "instructors_only");
  EXPECT_EQ(call("GET", "/api/instructor/courses").status, 401);
}

TEST_P(PortalApiTest, ACoursesStudentsAreItsInstructorsToSee) {
  const std::string target = path("/api/instructor/courses/", course_, "/students");
  auto r = call("GET", target, teacher_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.at("count"), 1);
  const auto& row = r.body.at("results").at(0);
  EXPECT_EQ(keys(row),
            (std::vector<std::string>{"user", "status", "progress_percent", "enrolled_at"}));
  EXPECT_EQ(row.at("user").at("id"), student_.id);
  EXPECT_EQ(row.at("status"), "active");

  EXPECT_EQ(code(call("GET", target, rival_)), "not_course_instructor");
  EXPECT_EQ(call("GET", target, student_).status, 403);
  EXPECT_EQ(call("GET", "/api/instructor/courses/9999/students", teacher_).status, 404);
}

TEST_P(PortalApiTest, AssessmentResultsListEveryAttempt) {
  auto quiz = call("POST", path("/api/courses/", course_, "/assessments"), teacher_,
                   {{"title", "Glazes"},
                    {"questions",
                     {{{"question_type", "short_answer"},
                       {"question_text", "Firing temperature unit?"},
                       {"answers", {{{"answer_text", "celsius"}}}}}}}});
  ASSERT_EQ(quiz.status, 201) << quiz.text;
  const std::int64_t id = quiz.body.at("id").as_int64();
  const std::int64_t question = quiz.body.at("questions").at(0).at("id").as_int64();
  ASSERT_EQ(call("POST", path("/api/assessments/", id, "/publish"), teacher_).status, 200);
  auto attempt = call("POST", path("/api/assessments/", id, "/attempts"), student_);
  ASSERT_EQ(attempt.status, 201) << attempt.text;
  ASSERT_EQ(call("POST", path("/api/attempts/", attempt.body.at("id").as_int64(), "/submit"),
                 student_, {{"answers", {{{"question_id", question}, {"text_answer", "Celsius"}}}}})
                .status,
            200);

  const std::string target =
      path("/api/instructor/courses/", course_, path("/assessments/", id, "/results"));
  auto r = call("GET", target, teacher_);
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body.at("count"), 1);
  const auto& row = r.body.at("results").at(0);
  EXPECT_EQ(keys(row), (std::vector<std::string>{"id", "user", "attempt_number", "status",
                                                 "started_at", "submitted_at", "points_earned",
                                                 "points_possible", "score", "passed"}));
  EXPECT_EQ(row.at("user").at("username"), "student");
  EXPECT_EQ(row.at("score"), 100.0);
  EXPECT_EQ(row.at("passed"), true);

  EXPECT_EQ(call("GET", target, student_).status, 403);
  EXPECT_EQ(call("GET", target, rival_).status, 403);
  const std::int64_t elsewhere = course(teacher_, "Elsewhere");
  EXPECT_EQ(call("GET",
                 path("/api/instructor/courses/", elsewhere, path("/assessments/", id, "/results")),
                 teacher_)
                .status,
            404);
}

TEST_P(PortalApiTest, ProfilesAreReplacedByTheirOwner) {
  auto empty = call("GET", "/api/instructor/profile", teacher_);
  ASSERT_EQ(empty.status, 200) << empty.text;
  EXPECT_EQ(empty.body, json::parse(R"({"bio": "", "expertise": "", "website": "",
      "is_verified": false})"));

  auto put = call("PUT", "/api/instructor/profile", teacher_,
                  {{"bio", "Potter."}, {"website", "https://pots.example.com"}});
  ASSERT_EQ(put.status, 200) << put.text;
  EXPECT_EQ(put.body.at("bio"), "Potter.");
  EXPECT_EQ(put.body.at("expertise"), "");
  EXPECT_EQ(call("GET", "/api/instructor/profile", teacher_).body, put.body);
  EXPECT_EQ(call("GET", "/api/instructor/profile", rival_).body, empty.body);

  auto bad = call("PUT", "/api/instructor/profile", teacher_, {{"website", "ftp://pots"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(names_field(bad, "website")) << bad.text;
  EXPECT_TRUE(names_field(call("PUT", "/api/instructor/profile", teacher_, {{"bio", 7}}), "bio"));
  EXPECT_EQ(code(call("GET", "/api/instructor/profile", student_)), "instructors_only");
  EXPECT_EQ(call("PUT", "/api/instructor/profile", student_, {{"bio", "x"}}).status, 403);
}

TEST_P(PortalApiTest, AnnouncementsNotifyActiveStudents) {
  const std::string target = path("/api/courses/", course_, "/announcements");
  auto r = call("POST", target, teacher_, {{"title", "Kiln day"}, {"body", "Bring aprons."}});
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(keys(r.body), (std::vector<std::string>{"id", "course_id", "author_id", "title", "body",
                                                    "published_at", "created_at", "updated_at"}));
  EXPECT_EQ(r.body.at("author_id"), teacher_.id);
  EXPECT_TRUE(r.body.at("published_at").is_string());

  auto inbox = call("GET", "/api/me/notifications", student_);
  ASSERT_EQ(inbox.status, 200) << inbox.text;
  EXPECT_EQ(inbox.body.at("count"), 1);
  EXPECT_EQ(inbox.body.at("results").at(0).at("notification_type"), "announcement");
  EXPECT_EQ(call("GET", "/api/me/notifications", rival_).body.at("count"), 0);

  auto list = call("GET", target);
  ASSERT_EQ(list.status, 200) << list.text;
  EXPECT_EQ(list.body.at("count"), 1);
  EXPECT_EQ(list.body.at("results").at(0).at("title"), "Kiln day");

  EXPECT_EQ(code(call("POST", target, student_, {{"title", "Hi"}, {"body", "x"}})),
            "not_course_instructor");
  EXPECT_EQ(call("POST", target, rival_, {{"title", "Hi"}, {"body", "x"}}).status, 403);
  EXPECT_EQ(call("POST", target, {}, {{"title", "Hi"}, {"body", "x"}}).status, 401);
  auto missing = call("POST", target, teacher_, {{"body", "No title."}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(names_field(missing, "title")) << missing.text;

  auto draft = call("POST", "/api/courses", teacher_, {{"title", "Draft"}, {"description", "d"}});
  ASSERT_EQ(draft.status, 201) << draft.text;
  const std::string hidden =
      path("/api/courses/", draft.body.at("id").as_int64(), "/announcements");
  EXPECT_EQ(call("GET", hidden).status, 404);
  EXPECT_EQ(call("POST", hidden, rival_, {{"title", "Hi"}, {"body", "x"}}).status, 404);
}

LECTERN_INSTANTIATE_BACKENDS(PortalApiTest);

}  // namespace
}  // namespace lectern
