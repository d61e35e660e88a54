// Accounts over real HTTP: registration (201, no admins, duplicates 409,
// rules 422 with fields), login (200 with a token, wrong credentials 401,
// 429 with Retry-After per user and per address), logout revoking the token,
// and /api/me.
#include <gtest/gtest.h>

#include <regex>

#include "core/time.hpp"
#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::ApiResponse;
using testing::ApiUser;
using testing::has_error;
using testing::has_field_errors;
using testing::keys;
using testing::str;

using testing::Keys;
const Keys kUserKeys = {"id", "username", "email", "display_name", "role", "created_at"};

json::value registration(const std::string& username, const std::string& role) {
  return {{"username", username},
          {"email", username + "@example.com"},
          {"password", "password-2026"},
          {"role", role}};
}

class ApiAuthTest : public testing::ApiTest {
 protected:
  ApiResponse login_as(const std::string& username, const std::string& password) {
    return post("/api/auth/login", "", {{"username", username}, {"password", password}});
  }
};

TEST_P(ApiAuthTest, RegisterAnswers201WithTheUser) {
  auto r = post("/api/auth/register", "",
                {{"username", "ada"},
                 {"email", "Ada@Example.com"},
                 {"password", "password-2026"},
                 {"display_name", "Ada Lovelace"},
                 {"role", "instructor"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(keys(r.json), kUserKeys);
  EXPECT_TRUE(r["id"].is_int64());
  EXPECT_EQ(r["username"], "ada");
  EXPECT_EQ(r["email"], "Ada@Example.com");
  EXPECT_EQ(r["display_name"], "Ada Lovelace");
  EXPECT_EQ(r["role"], "instructor");
  EXPECT_TRUE(std::regex_match(str(r["created_at"]),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)")));
  EXPECT_EQ(r.body.find("password"), std::string::npos) << r.body;

  // Without a role (and a display name) one is a student.
  r = post("/api/auth/register", "",
           {{"username", "sam"}, {"email", "sam@example.com"}, {"password", "password-2026"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r["role"], "student");
  EXPECT_EQ(r["display_name"], "");
}

TEST_P(ApiAuthTest, AdminsCannotRegisterThemselves) {
  auto r = post("/api/auth/register", "", registration("eve", "admin"));
  EXPECT_TRUE(has_field_errors(r, {"role"}));
  r = post("/api/auth/register", "", registration("eve", "teacher"));
  EXPECT_TRUE(has_field_errors(r, {"role"}));
  // Nothing was created: the name is still free.
  EXPECT_EQ(post("/api/auth/register", "", registration("eve", "student")).status, 201);
}

TEST_P(ApiAuthTest, DuplicateUsernameOrEmailIs409) {
  ASSERT_EQ(post("/api/auth/register", "", registration("ada", "student")).status, 201);
  auto r = post("/api/auth/register", "", registration("ada", "instructor"));
  EXPECT_TRUE(has_error(r, 409, "duplicate"));
  // Emails compare case-insensitively.
  r = post("/api/auth/register", "",
           {{"username", "ada2"}, {"email", "ADA@example.com"}, {"password", "password-2026"}});
  EXPECT_TRUE(has_error(r, 409, "duplicate"));
}

TEST_P(ApiAuthTest, RegistrationRulesAre422WithFields) {
  auto r = post("/api/auth/register", "",
                {{"username", "a"}, {"email", "not-an-email"}, {"password", "short"}});
  EXPECT_TRUE(has_field_errors(r, {"username", "email", "password"}));
  r = post("/api/auth/register", "",
           {{"username", "has space"},
            {"email", "x@example.com"},
            {"password", "password-2026"},
            {"display_name", std::string(151, 'd')}});
  EXPECT_TRUE(has_field_errors(r, {"username", "display_name"}));
}

TEST_P(ApiAuthTest, LoginAnswersATokenItsExpiryAndTheUser) {
  ApiResponse created = register_user("sam");
  const Timestamp before = now_utc();
  for (const char* name : {"sam", "sam@example.com", "SAM@example.com"}) {
    SCOPED_TRACE(name);
    auto r = login_as(name, kPassword);
    ASSERT_EQ(r.status, 200) << r.body;
    // api.md: {token, expires_at, user: {id, username, display_name, role}}.
    ASSERT_TRUE(r.json.is_object());
    EXPECT_TRUE(r["token"].is_string());
    EXPECT_GE(str(r["token"]).size(), 32u);
    auto expires = parse_timestamp(str(r["expires_at"]));
    ASSERT_TRUE(expires) << r.body;
    // 14 days by default.
    EXPECT_GE(*expires, before + std::chrono::days(14) - std::chrono::minutes(1));
    EXPECT_LE(*expires, now_utc() + std::chrono::days(14) + std::chrono::minutes(1));
    const json::value& user = r["user"];
    EXPECT_EQ(user.at("id"), created["id"]);
    EXPECT_EQ(user.at("username"), "sam");
    EXPECT_EQ(user.at("display_name"), "User sam");
    EXPECT_EQ(user.at("role"), "student");
    // The token works.
    auto me = get("/api/me", str(r["token"]));
    EXPECT_EQ(me.status, 200) << me.body;
  }
}

TEST_P(ApiAuthTest, WrongCredentialsAre401AndSayNothingMore) {
  register_user("sam");
  auto wrong = login_as("sam", "password-2025");
  EXPECT_TRUE(has_error(wrong, 401, "invalid_credentials"));
  EXPECT_EQ(wrong.header("www-authenticate"), "Bearer");
  // An unknown user gets the very same answer.
  auto unknown = login_as("nobody", "password-2026");
  EXPECT_TRUE(has_error(unknown, 401, "invalid_credentials"));
  EXPECT_EQ(unknown.body, wrong.body);
  EXPECT_TRUE(has_field_errors(post("/api/auth/login", "", {{"username", "sam"}}), {"password"}));
}

TEST_P(ApiAuthTest, LogoutRevokesOnlyThatToken) {
  ApiUser sam = make_user("sam");
  const std::string other = login("sam");
  auto r = post("/api/auth/logout", sam.token);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(has_error(get("/api/me", sam.token), 401, "invalid_token"));
  EXPECT_TRUE(has_error(post("/api/auth/logout", sam.token), 401, "invalid_token"));
  EXPECT_EQ(get("/api/me", other).status, 200);
  EXPECT_TRUE(has_error(post("/api/auth/logout"), 401, "not_authenticated"));
}

TEST_P(ApiAuthTest, MeIsTheAuthenticatedUser) {
  ApiResponse created = register_user("ada", "instructor");
  const std::string token = login("ada");
  auto r = get("/api/me", token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(keys(r.json), kUserKeys);
  EXPECT_EQ(r.json, created.json);
  ApiUser admin = make_user("root", "admin");
  EXPECT_EQ(get("/api/me", admin.token)["role"], "admin");
}

LECTERN_INSTANTIATE_BACKENDS(ApiAuthTest);

// Login attempts per user: 3 in the window, then 429 with Retry-After, even
// with the right password and by email; other users are not affected.
class ApiLoginLimitPerUserTest : public ApiAuthTest {
 protected:
  testing::ServeOptions serve_options() const override {
    return {.args = {"--login-attempts-per-user", "3", "--login-attempts-per-address", "1000"}};
  }
};

TEST_P(ApiLoginLimitPerUserTest, TheFourthAttemptIs429WithRetryAfter) {
  register_user("sam");
  register_user("ada");
  EXPECT_EQ(login_as("sam", "wrong-password").status, 401);
  EXPECT_EQ(login_as("sam", "wrong-password").status, 401);
  EXPECT_EQ(login_as("sam", kPassword).status, 200);
  for (const char* password : {"wrong-password", kPassword}) {
    auto r = login_as("sam", password);
    EXPECT_TRUE(has_error(r, 429, "too_many_requests"));
    const std::string retry = r.header("retry-after");
    ASSERT_TRUE(std::regex_match(retry, std::regex(R"(\d+)"))) << retry;
    EXPECT_GE(std::stoi(retry), 1);
    EXPECT_LE(std::stoi(retry), 300);
  }
  // The allowance is the user's, however the login spells them.
  EXPECT_TRUE(has_error(login_as("SAM@example.com", kPassword), 429, "too_many_requests"));
  EXPECT_EQ(login_as("ada", kPassword).status, 200);
}

LECTERN_INSTANTIATE_BACKENDS(ApiLoginLimitPerUserTest);

// Login attempts per client address: 5 in the window across all usernames.
class ApiLoginLimitPerAddressTest : public ApiAuthTest {
 protected:
  testing::ServeOptions serve_options() const override {
    return {.args = {"--login-attempts-per-user", "1000", "--login-attempts-per-address", "5"}};
  }
};

TEST_P(ApiLoginLimitPerAddressTest, TheSixthAttemptFromOneAddressIs429) {
  register_user("sam");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(login_as("user" + std::to_string(i), kPassword).status, 401);
  }
  EXPECT_EQ(login_as("sam", kPassword).status, 200);
  auto r = login_as("sam", kPassword);
  EXPECT_TRUE(has_error(r, 429, "too_many_requests"));
  EXPECT_FALSE(r.header("retry-after").empty());
  // Registration is not a login attempt.
  EXPECT_EQ(register_user("ada").status, 201);
}

LECTERN_INSTANTIATE_BACKENDS(ApiLoginLimitPerAddressTest);

}  // namespace
}  // namespace lectern
