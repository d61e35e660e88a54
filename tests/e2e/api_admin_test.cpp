// The admin endpoints over real HTTP, on both backends: the user list
// (admins only, searchable, 50 a page) and PATCH of a user's role and active
// flag, which take effect at once even for tokens the server has just
// verified and cached (a demoted user loses their rights, a deactivated one
// is signed out everywhere and cannot log in); an admin cannot lock
// themselves out.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::has_error;
using testing::has_field_errors;
using testing::keys;
using testing::Keys;

class ApiAdminTest : public testing::ApiTest {};

TEST_P(ApiAdminTest, OnlyAdminsManageUsers) {
  const auto cast = make_cast();
  expect_access("GET", "/api/admin/users", cast,
                {.anonymous = 401,
                 .student = 403,
                 .other_student = 403,
                 .instructor = 403,
                 .other_instructor = 403,
                 .admin = 200});
  expect_access("PATCH", api_path("/api/admin/users/", cast.other_student.id), cast,
                {.anonymous = 401,
                 .student = 403,
                 .other_student = 403,
                 .instructor = 403,
                 .other_instructor = 403,
                 .admin = 200},
                {{"role", "student"}});
  EXPECT_TRUE(has_error(get("/api/admin/users", cast.student.token), 403, "admins_only"));
}

TEST_P(ApiAdminTest, TheListIsSearchedAndPaged) {
  const auto cast = make_cast();
  auto all = get("/api/admin/users", cast.admin.token);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all["count"], 5);
  EXPECT_EQ(all["page_size"], 50);
  const auto& first = all["results"].at(0);
  EXPECT_EQ(keys(first), (Keys{"id", "username", "email", "display_name", "role", "is_active",
                               "created_at", "updated_at"}));
  EXPECT_EQ(first.at("username"), "sam");  // in the order they joined
  EXPECT_EQ(first.at("is_active"), true);

  // Username, display name or email, in any case; LIKE wildcards are text.
  auto found = get("/api/admin/users?search=ADA", cast.admin.token);
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found["count"], 1);
  EXPECT_EQ(found["results"].at(0).at("username"), "ada");
  EXPECT_EQ(get("/api/admin/users?search=example.com", cast.admin.token)["count"], 5);
  EXPECT_EQ(get("/api/admin/users?search=%25", cast.admin.token)["count"], 0);
  auto second = get("/api/admin/users?page=2&page_size=2", cast.admin.token);
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second["results"].at(0).at("username"), "ada");
}

TEST_P(ApiAdminTest, ARoleChangeHoldsAtOnce) {
  const auto cast = make_cast();
  // The student's token is verified, and cached, as a student's.
  EXPECT_TRUE(has_error(post("/api/courses", cast.student.token, {{"title", "Mine"}}), 403, ""));
  auto r = patch(api_path("/api/admin/users/", cast.student.id), cast.admin.token,
                 {{"role", "instructor"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["role"], "instructor");
  EXPECT_EQ(r["is_active"], true);
  EXPECT_EQ(post("/api/courses", cast.student.token, {{"title", "Mine"}}).status, 201);
  EXPECT_EQ(get("/api/me", cast.student.token)["role"], "instructor");
}

TEST_P(ApiAdminTest, ADeactivatedUserIsSignedOutEverywhereAndCannotLogIn) {
  const auto cast = make_cast();
  const std::string second_token = login(cast.student.username);
  ASSERT_EQ(get("/api/me", cast.student.token).status, 200);  // now cached
  ASSERT_EQ(get("/api/me", second_token).status, 200);
  const std::string target = api_path("/api/admin/users/", cast.student.id);
  auto r = patch(target, cast.admin.token, {{"is_active", false}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["is_active"], false);
  EXPECT_TRUE(has_error(get("/api/me", cast.student.token), 401, "invalid_token"));
  EXPECT_TRUE(has_error(get("/api/me", second_token), 401, "invalid_token"));
  auto refused =
      post("/api/auth/login", "", {{"username", cast.student.username}, {"password", kPassword}});
  EXPECT_TRUE(has_error(refused, 401, "invalid_credentials"));
  // Reactivated: they log in again; the old tokens stay revoked.
  ASSERT_EQ(patch(target, cast.admin.token, {{"is_active", true}}).status, 200);
  EXPECT_EQ(get("/api/me", login(cast.student.username)).status, 200);
  EXPECT_TRUE(has_error(get("/api/me", cast.student.token), 401, "invalid_token"));
}

TEST_P(ApiAdminTest, BadChangesAndSelfLockoutAreRefused) {
  const auto cast = make_cast();
  const std::string other = api_path("/api/admin/users/", cast.student.id);
  const std::string self = api_path("/api/admin/users/", cast.admin.id);
  EXPECT_TRUE(has_field_errors(patch(other, cast.admin.token, {{"role", "king"}}), {"role"}));
  EXPECT_TRUE(
      has_field_errors(patch(other, cast.admin.token, {{"is_active", "no"}}), {"is_active"}));
  EXPECT_TRUE(has_field_errors(patch(self, cast.admin.token, {{"role", "student"}}), {"role"}));
  EXPECT_TRUE(
      has_field_errors(patch(self, cast.admin.token, {{"is_active", false}}), {"is_active"}));
  EXPECT_TRUE(has_error(patch("/api/admin/users/9999", cast.admin.token, {{"role", "student"}}),
                        404, "not_found"));
  // Nothing changed, and the admin still is one.
  auto me = get("/api/admin/users?search=root", cast.admin.token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me["results"].at(0).at("role"), "admin");
  EXPECT_EQ(me["results"].at(0).at("is_active"), true);
  EXPECT_EQ(get("/api/admin/users?search=sam", cast.admin.token)["results"].at(0).at("role"),
            "student");
  // Keeping one's own role and access is no change at all, and allowed.
  EXPECT_EQ(patch(self, cast.admin.token, {{"role", "admin"}, {"is_active", true}}).status, 200);
}

LECTERN_INSTANTIATE_BACKENDS(ApiAdminTest);

}  // namespace
}  // namespace lectern
