// The engagement endpoints over real HTTP, on both backends: reviews (public
// listing, one per student, author-only changes), notes and bookmarks (own
// only: anyone else's is a 404) and preferences (422 on what is unknown).
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

class EngagementApiTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher_ = user("teacher", "instructor");
    student_ = user("student");
    other_ = user("other");
    course_ = course(teacher_, "Gardening");
    auto module = call("POST", path("/api/courses/", course_, "/modules"), teacher_,
                       {{"title", "Soil"}, {"position", 1}});
    ASSERT_EQ(module.status, 201) << module.text;
    auto lesson =
        call("POST", path("/api/modules/", module.body.at("id").as_int64(), "/lessons"), teacher_,
             {{"title", "Compost"},
              {"content", "Turn it weekly."},
              {"duration_minutes", 5},
              {"position", 1},
              {"is_free_preview", false}});
    ASSERT_EQ(lesson.status, 201) << lesson.text;
    lesson_ = lesson.body.at("id").as_int64();
    ASSERT_EQ(call("POST", path("/api/courses/", course_, "/enroll"), student_).status, 201);
  }

  User teacher_, student_, other_;
  std::int64_t course_ = 0, lesson_ = 0;
};

TEST_P(EngagementApiTest, EnrolledStudentsReviewOnce) {
  const std::string target = path("/api/courses/", course_, "/reviews");
  auto r = call("POST", target, student_, {{"rating", 4}, {"comment", "Useful."}});
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(keys(r.body), (std::vector<std::string>{"id", "user", "course_id", "rating", "comment",
                                                    "created_at", "updated_at"}));
  EXPECT_EQ(keys(r.body.at("user")), (std::vector<std::string>{"id", "username", "display_name"}));
  EXPECT_EQ(r.body.at("user").at("id"), student_.id);
  EXPECT_EQ(r.body.at("course_id"), course_);

  auto again = call("POST", target, student_, {{"rating", 5}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(code(again), "duplicate");
  EXPECT_EQ(code(call("POST", target, other_, {{"rating", 5}})), "not_enrolled");
  EXPECT_EQ(call("POST", target, {}, {{"rating", 5}}).status, 401);
  EXPECT_EQ(call("POST", "/api/courses/9999/reviews", student_, {{"rating", 5}}).status, 404);

  // The listing is public, and the course's stats follow.
  auto list = call("GET", target);
  ASSERT_EQ(list.status, 200) << list.text;
  EXPECT_EQ(keys(list.body), (std::vector<std::string>{"count", "page", "page_size", "results"}));
  EXPECT_EQ(list.body.at("count"), 1);
  EXPECT_EQ(list.body.at("results").at(0).at("comment"), "Useful.");
  auto stats = call("GET", path("/api/courses/", course_)).body.at("stats");
  EXPECT_EQ(stats.at("review_count"), 1);
  EXPECT_EQ(stats.at("average_rating"), 4.0);
}

TEST_P(EngagementApiTest, ReviewValidation) {
  const std::string target = path("/api/courses/", course_, "/reviews");
  for (const json::value& body : {json::value{{"rating", 6}}, json::value{{"rating", "5"}},
                                  json::value{{"comment", "no rating"}}}) {
    auto r = call("POST", target, student_, body);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_TRUE(names_field(r, "rating")) << r.text;
  }
  auto draft = call("POST", "/api/courses", teacher_, {{"title", "Draft"}, {"description", "d"}});
  ASSERT_EQ(draft.status, 201) << draft.text;
  EXPECT_EQ(call("GET", path("/api/courses/", draft.body.at("id").as_int64(), "/reviews")).status,
            404);
}

TEST_P(EngagementApiTest, OnlyTheAuthorChangesAReview) {
  auto r = call("POST", path("/api/courses/", course_, "/reviews"), student_, {{"rating", 2}});
  ASSERT_EQ(r.status, 201) << r.text;
  const std::string target = path("/api/reviews/", r.body.at("id").as_int64());
  auto patched = call("PATCH", target, student_, {{"rating", 5}, {"comment", "Better now."}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  EXPECT_EQ(patched.body.at("rating"), 5);
  EXPECT_EQ(patched.body.at("comment"), "Better now.");
  EXPECT_EQ(code(call("PATCH", target, other_, {{"rating", 1}})), "not_review_author");
  EXPECT_EQ(call("PATCH", target, teacher_, {{"rating", 1}}).status, 403);
  EXPECT_TRUE(names_field(call("PATCH", target, student_, {{"rating", 0}}), "rating"));
  EXPECT_EQ(call("DELETE", target, other_).status, 403);
  EXPECT_EQ(call("DELETE", target, student_).status, 204);
  EXPECT_EQ(call("PATCH", target, student_, {{"rating", 3}}).status, 404);
  EXPECT_EQ(call("GET", path("/api/courses/", course_, "/reviews")).body.at("count"), 0);
}

TEST_P(EngagementApiTest, NotesAreTheirAuthorsOnly) {
  auto r = call("POST", "/api/notes", student_,
                {{"course_id", course_}, {"lesson_id", lesson_}, {"content", "Buy a fork."}});
  ASSERT_EQ(r.status, 201) << r.text;
  EXPECT_EQ(keys(r.body), (std::vector<std::string>{"id", "course_id", "lesson_id", "content",
                                                    "created_at", "updated_at"}));
  const std::string target = path("/api/notes/", r.body.at("id").as_int64());
  ASSERT_EQ(call("POST", "/api/notes", student_,
                 {{"course_id", course_}, {"lesson_id", nullptr}, {"content", "Two."}})
                .status,
            201);

  EXPECT_EQ(call("GET", path("/api/notes?course_id=", course_), student_).body.at("count"), 2);
  EXPECT_EQ(call("GET", "/api/notes?course_id=9999", student_).body.at("count"), 0);
  EXPECT_EQ(call("GET", "/api/notes", other_).body.at("count"), 0);
  EXPECT_EQ(call("GET", "/api/notes?course_id=abc", student_).status, 400);
  EXPECT_EQ(call("GET", target, student_).body.at("content"), "Buy a fork.");

  // Someone else's note does not exist for them.
  EXPECT_EQ(call("GET", target, other_).status, 404);
  EXPECT_EQ(call("PATCH", target, other_, {{"content", "Mine now."}}).status, 404);
  EXPECT_EQ(call("DELETE", target, other_).status, 404);
  EXPECT_EQ(call("GET", target, teacher_).status, 404);

  auto detached = call("PATCH", target, student_, {{"lesson_id", nullptr}, {"content", "Forks."}});
  ASSERT_EQ(detached.status, 200) << detached.text;
  EXPECT_TRUE(detached.body.at("lesson_id").is_null());
  EXPECT_EQ(detached.body.at("content"), "Forks.");
  EXPECT_EQ(call("DELETE", target, student_).status, 204);
  EXPECT_EQ(call("GET", target, student_).status, 404);
}

TEST_P(EngagementApiTest, NoteValidation) {
  auto missing = call("POST", "/api/notes", student_, {{"content", "Where?"}});
  EXPECT_TRUE(names_field(missing, "course_id")) << missing.text;
  auto unknown = call("POST", "/api/notes", student_, {{"course_id", 9999}, {"content", "x"}});
  EXPECT_TRUE(names_field(unknown, "course_id")) << unknown.text;
  auto other_course = course(teacher_, "Other");
  auto foreign = call("POST", "/api/notes", student_,
                      {{"course_id", other_course}, {"lesson_id", lesson_}, {"content", "x"}});
  EXPECT_TRUE(names_field(foreign, "lesson_id")) << foreign.text;
  auto empty = call("POST", "/api/notes", student_, {{"course_id", course_}, {"content", ""}});
  EXPECT_TRUE(names_field(empty, "content")) << empty.text;
}

TEST_P(EngagementApiTest, BookmarksAreUniqueAndPrivate) {
  auto course_mark =
      call("POST", "/api/bookmarks", student_, {{"course_id", course_}, {"lesson_id", nullptr}});
  ASSERT_EQ(course_mark.status, 201) << course_mark.text;
  EXPECT_EQ(keys(course_mark.body),
            (std::vector<std::string>{"id", "course_id", "lesson_id", "label", "created_at",
                                      "updated_at"}));
  auto lesson_mark = call("POST", "/api/bookmarks", student_,
                          {{"course_id", course_}, {"lesson_id", lesson_}, {"label", "Later"}});
  ASSERT_EQ(lesson_mark.status, 201) << lesson_mark.text;
  EXPECT_EQ(code(call("POST", "/api/bookmarks", student_, {{"course_id", course_}})), "duplicate");
  EXPECT_EQ(
      call("POST", "/api/bookmarks", student_, {{"course_id", course_}, {"lesson_id", lesson_}})
          .status,
      409);
  EXPECT_EQ(call("POST", "/api/bookmarks", other_, {{"course_id", course_}}).status, 201);

  EXPECT_EQ(call("GET", "/api/bookmarks", student_).body.at("count"), 2);
  EXPECT_EQ(call("GET", path("/api/bookmarks?course_id=", course_), other_).body.at("count"), 1);

  const std::string target = path("/api/bookmarks/", lesson_mark.body.at("id").as_int64());
  auto relabelled = call("PATCH", target, student_, {{"label", "Tonight"}});
  ASSERT_EQ(relabelled.status, 200) << relabelled.text;
  EXPECT_EQ(relabelled.body.at("label"), "Tonight");
  EXPECT_TRUE(names_field(call("PATCH", target, student_, {{"title", "x"}}), "label"));
  EXPECT_EQ(call("PATCH", target, other_, {{"label", "Mine"}}).status, 404);
  EXPECT_EQ(call("DELETE", target, other_).status, 404);
  EXPECT_EQ(call("DELETE", target, student_).status, 204);
  EXPECT_EQ(call("GET", "/api/bookmarks", student_).body.at("count"), 1);
}

TEST_P(EngagementApiTest, PreferencesDefaultReplaceAndRefuseTheUnknown) {
  auto defaults = call("GET", "/api/me/preferences", student_);
  ASSERT_EQ(defaults.status, 200) << defaults.text;
  EXPECT_EQ(defaults.body, json::parse(R"({"language": "en", "timezone": "UTC",
      "email_notifications": true, "theme": "system", "extra": {}})"));
  EXPECT_EQ(
      keys(defaults.body),
      (std::vector<std::string>{"language", "timezone", "email_notifications", "theme", "extra"}));

  const json::value mine = {{"language", "pt-BR"},
                            {"timezone", "Europe/Paris"},
                            {"email_notifications", false},
                            {"theme", "dark"},
                            {"extra", {{"font_size", 14}}}};
  auto put = call("PUT", "/api/me/preferences", student_, mine);
  ASSERT_EQ(put.status, 200) << put.text;
  EXPECT_EQ(put.body, mine);
  EXPECT_EQ(call("GET", "/api/me/preferences", student_).body, mine);
  EXPECT_EQ(call("GET", "/api/me/preferences", other_).body, defaults.body);

  const std::vector<std::pair<json::value, std::string>> refused = {
      {{{"timezone", "Mars/Olympus_Mons"}}, "timezone"},
      {{{"language", "english please"}}, "language"},
      {{{"theme", "blue"}}, "theme"},
      {{{"extra", "not an object"}}, "extra"},
      {{{"email_notifications", "yes"}}, "email_notifications"}};
  for (const auto& [body, field] : refused) {
    auto r = call("PUT", "/api/me/preferences", student_, body);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_TRUE(names_field(r, field)) << r.text;
  }
  EXPECT_EQ(call("GET", "/api/me/preferences", student_).body, mine);
  EXPECT_EQ(call("GET", "/api/me/preferences").status, 401);
}

LECTERN_INSTANTIATE_BACKENDS(EngagementApiTest);

}  // namespace
}  // namespace lectern
