// Bad input over real HTTP gets its documented 4xx answer in the one error
// shape {"error": {"code", "message", "fields"?}}, never a 500 (the fixture
// checks every answer for that): malformed JSON, wrong types, oversized
// bodies and headers, unknown routes and methods, missing, invalid and
// expired tokens, bad pagination.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::ApiUser;
using testing::auth;
using testing::has_error;
using testing::has_field_errors;

class ApiErrorsTest : public testing::ApiTest {};

// Tokens changed behind the server's back (expired in the database) are
// seen at once only without the verified-token cache; with it (the
// default, 5 s) revocation through logout is still immediate (api_auth_test).
class ApiUncachedTokensTest : public testing::ApiTest {
 protected:
  testing::ServeOptions serve_options() const override {
    return {.args = {"--token-cache-seconds", "0"}};
  }
};

TEST_P(ApiErrorsTest, MalformedJsonIs400) {
  ApiUser ada = make_user("ada", "instructor");
  struct Case {
    const char* name;
    std::string body;
  };
  const std::string deep(10000, '[');
  for (const Case& c :
       {Case{"cut short", R"({"title": )"}, Case{"not JSON", "title=Intro"},
        Case{"trailing garbage", R"({"title": "x"} x)"}, Case{"an array", R"(["title"])"},
        Case{"a string", R"("title")"}, Case{"empty", ""}, Case{"nested too deep", deep},
        Case{"invalid UTF-8", "{\"title\": \"\xff\xfe\"}"}}) {
    SCOPED_TRACE(c.name);
    auto r =
        request("POST", "/api/courses", c.body,
                {{"Authorization", "Bearer " + ada.token}, {"Content-Type", "application/json"}});
    EXPECT_TRUE(has_error(r, 400, "malformed_request"));
  }
  // Public endpoints read their bodies the same way.
  auto r = request("POST", "/api/auth/login", "{", {{"Content-Type", "application/json"}});
  EXPECT_TRUE(has_error(r, 400, "malformed_request"));
}

TEST_P(ApiErrorsTest, WrongTypesAre422WithFields) {
  ApiUser ada = make_user("ada", "instructor");
  auto r = post("/api/courses", ada.token,
                {{"title", 5}, {"description", "ok"}, {"level", true}, {"price_cents", "free"}});
  EXPECT_TRUE(has_field_errors(r, {"title", "level", "price_cents"}));
  // A fraction is not an integer; an integer written as 3.0 is.
  r = post("/api/courses", ada.token, {{"title", "Fractions"}, {"price_cents", 1.5}});
  EXPECT_TRUE(has_field_errors(r, {"price_cents"}));
  r = post("/api/courses", ada.token, {{"title", "Whole"}, {"price_cents", 300.0}});
  EXPECT_EQ(r.status, 201) << r.body;
  // Out of range for any integer column.
  r = post("/api/courses", ada.token, {{"title", "Huge"}, {"price_cents", 1e30}});
  EXPECT_TRUE(has_field_errors(r, {"price_cents"}));
  r = request("POST", "/api/courses", R"({"title": "Huge", "price_cents": 99999999999999999999})",
              auth(ada.token));
  EXPECT_TRUE(has_field_errors(r, {"price_cents"}));
  // null where a value is required; an object where a string is.
  r = post("/api/auth/register", "",
           {{"username", nullptr}, {"email", {{"at", "x"}}}, {"password", json::array{}}});
  EXPECT_TRUE(has_field_errors(r, {"username", "email", "password"}));
  // Missing members are named too.
  r = post("/api/auth/register", "", json::object{});
  EXPECT_TRUE(has_field_errors(r, {"username", "email", "password"}));
  r = post("/api/activity", ada.token, {{"activity_type", "view_course"}, {"metadata", "x"}});
  EXPECT_TRUE(has_field_errors(r, {"metadata"}));
}

TEST_P(ApiErrorsTest, OversizedBodiesAre413) {
  ApiUser ada = make_user("ada", "instructor");
  const std::size_t limit = 1024 * 1024;  // serve's default --max-body-bytes
  // The declared length alone is refused, before the body is read.
  auto r =
      raw("POST /api/courses HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ada.token +
          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(limit + 1) +
          "\r\n\r\n");
  EXPECT_TRUE(has_error(r, 413, "payload_too_large"));
  // A body of exactly the limit is read (and refused for what it says).
  std::string body = R"({"title": ")" + std::string(limit - 13, 'x') + R"("})";
  ASSERT_EQ(body.size(), limit);
  r = request("POST", "/api/courses", body, auth(ada.token));
  EXPECT_TRUE(has_field_errors(r, {"title"}));
  // Chunked bodies are counted as they arrive.
  std::string chunked =
      "POST /api/courses HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 17; ++i) chunked += "10000\r\n" + std::string(0x10000, 'x') + "\r\n";
  chunked += "0\r\n\r\n";
  r = raw(chunked);
  EXPECT_TRUE(has_error(r, 413, "payload_too_large"));
}

TEST_P(ApiErrorsTest, MalformedHttpIs400AndHugeHeadersAre431) {
  auto r = raw("NONSENSE\r\n\r\n");
  EXPECT_TRUE(has_error(r, 400, "malformed_request"));
  r = raw("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(20000, 'a') +
          "\r\n\r\n");
  EXPECT_TRUE(has_error(r, 431, "headers_too_large"));
  // The server still answers on a new connection.
  EXPECT_EQ(get("/api/health").status, 200);
}

TEST_P(ApiErrorsTest, UnknownRoutesAre404) {
  // Under /api/ only: elsewhere the pages answer (/ is the catalogue, an
  // unknown page is the pages' 404, tests/web/browser).
  for (const char* target :
       {"/api/nothing", "/api", "/api/courses/1/nothing", "/api/courses/abc", "/api/courses/0",
        "/api/courses/-1", "/api/courses/99999", "/api/courses/1.5", "/api/lessons/abc",
        "/api/courses/99999999999999999999999"}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(has_error(get(target), 404, "not_found"));
  }
}

TEST_P(ApiErrorsTest, WrongMethodsAre405WithAllow) {
  struct Case {
    const char* method;
    const char* target;
    const char* allow;
  };
  for (const Case& c :
       {Case{"DELETE", "/api/health", "GET"}, Case{"POST", "/api/me", "GET"},
        Case{"GET", "/api/auth/login", "POST"}, Case{"PUT", "/api/courses/1", "GET, PATCH, DELETE"},
        Case{"PUT", "/api/courses", "GET, POST"}, Case{"GET", "/api/courses/1/publish", "POST"},
        Case{"GET", "/api/courses/1/enroll", "POST, DELETE"}}) {
    SCOPED_TRACE(std::string(c.method) + " " + c.target);
    auto r = request(c.method, c.target);
    EXPECT_TRUE(has_error(r, 405, "method_not_allowed"));
    EXPECT_EQ(r.header("allow"), c.allow);
  }
}

TEST_P(ApiUncachedTokensTest, MissingInvalidAndExpiredTokensAre401) {
  ApiUser sam = make_user("sam");
  auto expect_401 = [&](const testing::Headers& headers, const char* code) {
    auto r = request("GET", "/api/me", "", headers);
    EXPECT_TRUE(has_error(r, 401, code));
    EXPECT_EQ(r.header("www-authenticate"), "Bearer");
  };
  expect_401({}, "not_authenticated");
  expect_401({{"Authorization", "Bearer not-a-token"}}, "invalid_token");
  expect_401({{"Authorization", "Bearer "}}, "invalid_token");
  expect_401({{"Authorization", "Basic c2FtOnBhc3N3b3Jk"}}, "invalid_token");
  expect_401({{"Authorization", sam.token}}, "invalid_token");
  // The scheme is case-insensitive.
  EXPECT_EQ(request("GET", "/api/me", "", {{"Authorization", "bearer " + sam.token}}).status, 200);
  // A token presented to a public endpoint is checked too.
  auto r = get("/api/courses", "not-a-token");
  EXPECT_TRUE(has_error(r, 401, "invalid_token"));

  ASSERT_EQ(get("/api/me", sam.token).status, 200);
  conn().query("UPDATE accounts_authtoken SET expires_at = created_at WHERE user_id = $1", sam.id);
  expect_401(auth(sam.token), "invalid_token");
  r = post("/api/activity", sam.token, {{"activity_type", "view_course"}});
  EXPECT_TRUE(has_error(r, 401, "invalid_token"));
}

TEST_P(ApiErrorsTest, BadPagesAre400AndPageSizeIsCappedAt100) {
  ApiUser ada = make_user("ada", "instructor");
  for (const char* query :
       {"page=0", "page=-1", "page=abc", "page=", "page=1.5", "page_size=0", "page_size=-5",
        "page_size=ten", "page=99999999999999999999", "page=2000000"}) {
    SCOPED_TRACE(query);
    EXPECT_TRUE(has_error(get(std::string("/api/courses?") + query), 400, "malformed_request"));
    EXPECT_TRUE(has_error(get(std::string("/api/me/enrollments?") + query, ada.token), 400,
                          "malformed_request"));
  }
  auto r = get("/api/courses?page_size=500");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["page_size"], 100);
  // A page past the end is empty, not an error.
  make_course(ada);
  r = get("/api/courses?page=3&page_size=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["count"], 1);
  EXPECT_EQ(r["page"], 3);
  EXPECT_TRUE(r["results"].as_array().empty());
  // Other malformed query values are 400s too.
  EXPECT_TRUE(
      has_error(get("/api/me/notifications?unread=maybe", ada.token), 400, "malformed_request"));
}

LECTERN_INSTANTIATE_BACKENDS(ApiErrorsTest);
LECTERN_INSTANTIATE_BACKENDS(ApiUncachedTokensTest);

}  // namespace
}  // namespace lectern
