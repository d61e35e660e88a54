// The domain's commands through the real binary on both backends:
// createuser (password from stdin, its refusals and exit codes), seed-demo
// (the data set's sizes, its rules, refusing a second load, --if-empty) and
// recompute-stats finding nothing to change after the load.
#include <gtest/gtest.h>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

using testing::lectern_binary;
using testing::run_process;

class DomainCommandsTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto migrate = lectern({"migrate"});
    ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  }
  testing::ProcessResult lectern(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {lectern_binary(), "--database", scratch().url()});
    return run_process(args, input);
  }
  std::int64_t count(const std::string& sql) {
    return conn().query(sql).front().get<std::int64_t>(0);
  }
};

TEST_P(DomainCommandsTest, CreateuserReadsThePasswordFromStdin) {
  auto r = lectern({"createuser", "--username", "ada", "--role", "instructor", "--email",
                    "ada@example.com", "--password-stdin"},
                   "a-long-password\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Created instructor ada (id 1).\n");
  auto row =
      conn().query("SELECT role, email, password_hash FROM accounts_user WHERE username = 'ada'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0].get<std::string>(0), "instructor");
  EXPECT_EQ(row[0].get<std::string>(1), "ada@example.com");
  EXPECT_EQ(row[0].get<std::string>(2).rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(row[0].get<std::string>(2).find("a-long-password"), std::string::npos);

  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::string input;
    int exit_code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"duplicate",
       {"createuser", "--username", "ada", "--password-stdin"},
       "a-long-password\n",
       4,
       "already exists"},
      {"short password",
       {"createuser", "--username", "bob", "--password-stdin"},
       "short\n",
       1,
       "at least 10"},
      {"bad role",
       {"createuser", "--username", "bob", "--role", "root", "--password-stdin"},
       "a-long-password\n",
       2,
       "root"},
      {"no --password-stdin",
       {"createuser", "--username", "bob"},
       "a-long-password\n",
       2,
       "password-stdin"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto refused = lectern(c.args, c.input);
    EXPECT_EQ(refused.exit_code, c.exit_code) << refused.out << refused.err;
    EXPECT_NE(refused.err.find(c.message), std::string::npos) << refused.err;
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts_user"), 1);
}

TEST_P(DomainCommandsTest, SeedDemoLoadsTheDataSetOnceWithStatsThatRecomputeAgreesWith) {
  auto seed = lectern({"seed-demo", "--password-cost", "minimal"});
  ASSERT_EQ(seed.exit_code, 0) << seed.err;
  for (const char* login : {"admin", "instructor001", "student0001", "bench"}) {
    EXPECT_NE(seed.out.find(std::string("  ") + login + " "), std::string::npos) << seed.out;
  }
  // The Django peer's sizes.
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts_user WHERE role = 'instructor'"), 50);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts_user WHERE username LIKE 'student%'"), 2000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_category"), 10);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_course"), 500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_course WHERE is_published"), 400);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_module"), 2500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_lesson"), 10000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_enrollment"), 20000);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_review"), 5000);
  EXPECT_GT(count("SELECT COUNT(*) FROM courses_assessmentattempt WHERE status = 'graded'"), 1000);
  EXPECT_GT(count("SELECT COUNT(*) FROM courses_notification"), 1000);
  // Its rules: ids like the peer's (7 and 32 have no category), reviews by
  // enrolled students only, enrolments in published courses only.
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM courses_course WHERE category_id IS NULL AND id IN (7, 32)"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_review r WHERE NOT EXISTS (SELECT 1 FROM "
                  "courses_enrollment e WHERE e.user_id = r.user_id AND e.course_id = r.course_id "
                  "AND e.status <> 'dropped')"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_enrollment e JOIN courses_course c ON c.id = "
                  "e.course_id WHERE NOT c.is_published"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_coursestats"), 500);

  auto recompute = lectern({"recompute-stats"});
  ASSERT_EQ(recompute.exit_code, 0) << recompute.err;
  EXPECT_EQ(recompute.out, "Recomputed the stats of 500 courses and 2052 users; 0 rows changed.\n");

  auto again = lectern({"seed-demo", "--password-cost", "minimal"});
  EXPECT_EQ(again.exit_code, 4) << again.out << again.err;
  EXPECT_NE(again.err.find("--reset"), std::string::npos) << again.err;
  auto if_empty = lectern({"seed-demo", "--if-empty"});
  EXPECT_EQ(if_empty.exit_code, 0) << if_empty.err;
  EXPECT_NE(if_empty.out.find("bench-password-2026"), std::string::npos) << if_empty.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM courses_course"), 500);
}

LECTERN_INSTANTIATE_BACKENDS(DomainCommandsTest);

}  // namespace
}  // namespace lectern
