// Instructor profiles on both backends: instructors and admins read and
// replace their own; students have none; expertise and website are bounded,
// the website is an http(s) URL or empty, and is_verified stays the
// platform's to set.
#include <gtest/gtest.h>

#include "apps/instructor_portal/profiles.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::instructor_portal;
using testing::error_of;
using testing::is_error;
using testing::is_field_error;

class ProfilesTest : public testing::DomainTest {};

TEST_P(ProfilesTest, AnInstructorReadsAnEmptyProfileThenReplacesIt) {
  auto teacher = make_actor("teacher", "instructor");
  InstructorProfile empty = get_profile(conn(), teacher);
  EXPECT_EQ(empty.id, 0);
  EXPECT_EQ(empty.user_id, teacher.user_id);
  EXPECT_EQ(empty.bio, "");

  InstructorProfile put = put_profile(
      conn(), teacher,
      {.bio = "Teaches C++.", .expertise = "C++, databases", .website = "https://example.com/me"},
      now());
  EXPECT_GT(put.id, 0);
  InstructorProfile got = get_profile(conn(), teacher);
  EXPECT_EQ(got.id, put.id);
  EXPECT_EQ(got.bio, "Teaches C++.");
  EXPECT_EQ(got.expertise, "C++, databases");
  EXPECT_EQ(got.website, "https://example.com/me");
  EXPECT_FALSE(got.is_verified);

  // A PUT replaces the whole profile; the platform's verification stays.
  conn().query("UPDATE instructor_portal_instructorprofile SET is_verified = $1", true);
  advance(std::chrono::minutes(1));
  InstructorProfile replaced = put_profile(conn(), teacher, {.expertise = "SQL"}, now());
  EXPECT_EQ(replaced.bio, "");
  EXPECT_EQ(replaced.expertise, "SQL");
  EXPECT_EQ(replaced.website, "");
  EXPECT_TRUE(replaced.is_verified);
  EXPECT_EQ(replaced.updated_at, now());
  EXPECT_LT(replaced.created_at, now());

  auto admin = make_actor("root", "admin");
  EXPECT_EQ(put_profile(conn(), admin, {.bio = "Runs the place."}, now()).user_id, admin.user_id);
}

TEST_P(ProfilesTest, StudentsHaveNoProfile) {
  auto student = make_actor("ada");
  EXPECT_TRUE(is_error(error_of([&] { get_profile(conn(), student); }), ErrorKind::kForbidden,
                       "instructors_only"));
  EXPECT_TRUE(is_error(error_of([&] { put_profile(conn(), student, {.bio = "x"}, now()); }),
                       ErrorKind::kForbidden, "instructors_only"));
}

TEST_P(ProfilesTest, ChecksExpertiseAndWebsite) {
  struct Case {
    std::string name;
    ProfileInput input;
    std::set<std::string> fields;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"empty website", {.website = ""}, {}},
      {"http", {.website = "http://example.org"}, {}},
      {"https with port, path, query", {.website = "https://a.example.org:8443/x?y=1#z"}, {}},
      {"localhost", {.website = "http://localhost:8000/"}, {}},
      {"expertise at the limit", {.expertise = std::string(255, 'e')}, {}},
      {"expertise too long", {.expertise = std::string(256, 'e')}, {"expertise"}},
      {"website too long",
       {.website = "https://example.com/" + std::string(190, 'p')},
       {"website"}},
      {"no scheme", {.website = "example.com"}, {"website"}},
      {"other scheme", {.website = "ftp://example.com"}, {"website"}},
      {"script", {.website = "javascript:alert(1)"}, {"website"}},
      {"no host", {.website = "https://"}, {"website"}},
      {"host without dot", {.website = "https://intranet"}, {"website"}},
      {"space", {.website = "https://exa mple.com"}, {"website"}},
      {"credentials", {.website = "https://user:pw@example.com"}, {"website"}},
      {"bad port", {.website = "https://example.com:99999"}, {"website"}},
      {"hyphen edge", {.website = "https://-example.com"}, {"website"}},
      {"both", {.expertise = std::string(300, 'e'), .website = "nope"}, {"expertise", "website"}},
  };
  auto teacher = make_actor("teacher", "instructor");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto error = error_of([&] { put_profile(conn(), teacher, c.input, now()); });
    if (c.fields.empty()) {
      EXPECT_FALSE(error) << error->what();
    } else {
      EXPECT_TRUE(is_field_error(error, c.fields));
    }
  }
}

LECTERN_INSTANTIATE_BACKENDS(ProfilesTest);

}  // namespace
}  // namespace lectern
