// Users and sessions on both backends: registration rules, case-insensitive
// email uniqueness, login with argon2id, expiring and revocable tokens, and
// deletion refused while the user teaches a course.
#include <gtest/gtest.h>

#include "apps/accounts/users.hpp"
#include "apps/courses/catalogue.hpp"
#include "support/domain.hpp"

namespace lectern {
namespace {

using namespace apps::accounts;
using namespace std::chrono_literals;

class UsersTest : public testing::DomainTest {
 protected:
  NewUser valid(const std::string& name) {
    return {.username = name, .email = name + "@example.com", .password = "long-enough-pw"};
  }
  User create(const NewUser& input) {
    return create_user(conn(), input, PasswordCost::minimal(), now());
  }
};

TEST_P(UsersTest, CreatesAStudentWithAnArgon2idHash) {
  User user = create(valid("ada"));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(user.role, api::Role::student);
  EXPECT_EQ(user.password_hash.rfind("$argon2id$", 0), 0u) << user.password_hash;
  EXPECT_TRUE(verify_password(user.password_hash, "long-enough-pw"));
  EXPECT_FALSE(verify_password(user.password_hash, "long-enough-pX"));
  auto stored = find_user(conn(), user.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->username, "ada");
  EXPECT_EQ(stored->created_at, now());
}

TEST_P(UsersTest, RefusesBrokenInputFieldByField) {
  struct Case {
    std::string name;
    NewUser input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"short username",
       {.username = "ab", .email = "a@b.io", .password = "long-enough-pw"},
       "username"},
      {"bad character",
       {.username = "a b", .email = "a@b.io", .password = "long-enough-pw"},
       "username"},
      {"email without at",
       {.username = "abc", .email = "ab.io", .password = "long-enough-pw"},
       "email"},
      {"email without domain dot",
       {.username = "abc", .email = "a@b", .password = "long-enough-pw"},
       "email"},
      {"short password", {.username = "abc", .email = "a@b.io", .password = "short"}, "password"},
      {"unknown role",
       {.username = "abc", .email = "a@b.io", .password = "long-enough-pw", .role = "root"},
       "role"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    try {
      create(c.input);
      ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.code(), "validation_failed");
      EXPECT_EQ(e.fields().size(), 1u);
      EXPECT_TRUE(e.fields().contains(c.field));
    }
  }
  EXPECT_EQ(conn().query("SELECT COUNT(*) FROM accounts_user").front().get<std::int64_t>(0), 0);
}

TEST_P(UsersTest, UsernameAndCaseInsensitiveEmailAreUnique) {
  create(valid("ada"));
  try {
    create({.username = "ada", .email = "other@example.com", .password = "long-enough-pw"});
    ADD_FAILURE() << "duplicate username accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_EQ(e.code(), "duplicate");
    EXPECT_TRUE(e.fields().contains("username"));
  }
  try {
    create({.username = "ada2", .email = "ADA@Example.COM", .password = "long-enough-pw"});
    ADD_FAILURE() << "same email in other case accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_TRUE(e.fields().contains("email"));
  }
}

TEST_P(UsersTest, LoginIssuesATokenThatAuthenticatesUntilItExpiresOrIsRevoked) {
  User user = create(valid("ada"));
  Session session = login(conn(), "ada", "long-enough-pw", 14 * 24h, now());
  EXPECT_EQ(session.token.size(), 43u);
  EXPECT_EQ(session.expires_at, now() + 14 * 24h);
  // Only the digest is stored.
  EXPECT_TRUE(conn()
                  .query("SELECT 1 FROM accounts_authtoken WHERE token_hash = $1", session.token)
                  .empty());

  auto who = authenticate(conn(), session.token, now() + 1h);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.id, user.id);
  EXPECT_FALSE(authenticate(conn(), session.token + "x", now()));
  EXPECT_FALSE(authenticate(conn(), session.token, now() + 15 * 24h));

  // By email, in any case.
  Session second = login(conn(), "ADA@example.com", "long-enough-pw", 1h, now());
  EXPECT_TRUE(logout(conn(), second.token));
  EXPECT_FALSE(authenticate(conn(), second.token, now()));
  EXPECT_FALSE(logout(conn(), second.token));
  EXPECT_TRUE(authenticate(conn(), session.token, now()));
}

TEST_P(UsersTest, WrongPasswordUnknownUserAndInactiveUserGetTheSameRefusal) {
  create(valid("ada"));
  create(valid("bob"));
  conn().query("UPDATE accounts_user SET is_active = $1 WHERE username = 'bob'", false);
  for (auto [login_name, password] : std::vector<std::pair<std::string, std::string>>{
           {"ada", "wrong-password"}, {"nobody", "long-enough-pw"}, {"bob", "long-enough-pw"}}) {
    SCOPED_TRACE(login_name);
    try {
      login(conn(), login_name, password, 1h, now());
      ADD_FAILURE() << "logged in";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kUnauthenticated);
      EXPECT_EQ(e.code(), "invalid_credentials");
    }
  }
}

TEST_P(UsersTest, LastUsedIsRecordedAtMostOncePerMinute) {
  create(valid("ada"));
  Session session = login(conn(), "ada", "long-enough-pw", 24h, now());
  auto last_used = [&] {
    return conn()
        .query("SELECT last_used_at FROM accounts_authtoken")
        .front()
        .get<std::optional<Timestamp>>(0);
  };
  EXPECT_FALSE(last_used());
  authenticate(conn(), session.token, now() + 1s);
  EXPECT_EQ(last_used(), now() + 1s);
  authenticate(conn(), session.token, now() + 30s);
  EXPECT_EQ(last_used(), now() + 1s);
  authenticate(conn(), session.token, now() + 90s);
  EXPECT_EQ(last_used(), now() + 90s);
}

TEST_P(UsersTest, DeletingAUserWhoTeachesACourseIsRefusedAndChangesNothing) {
  auto teacher = make_actor("teacher", "instructor");
  auto course = make_course(teacher);
  try {
    delete_user(conn(), teacher.user_id);
    ADD_FAILURE() << "deleted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_EQ(e.code(), "user_is_referenced");
  }
  EXPECT_TRUE(find_user(conn(), teacher.user_id));
  EXPECT_TRUE(apps::courses::find_course_view(conn(), course.id, nullptr));
  // A student goes, with what is theirs.
  User student = create(valid("student"));
  login(conn(), "student", "long-enough-pw", 1h, now());
  delete_user(conn(), student.id);
  EXPECT_FALSE(find_user(conn(), student.id));
  EXPECT_EQ(conn().query("SELECT COUNT(*) FROM accounts_authtoken").front().get<std::int64_t>(0),
            0);
  EXPECT_THROW(delete_user(conn(), student.id), NotFoundError);
}

LECTERN_INSTANTIATE_BACKENDS(UsersTest);

}  // namespace
}  // namespace lectern
