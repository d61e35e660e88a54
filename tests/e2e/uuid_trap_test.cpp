// The reproduction of the failure Lectern exists to prevent, through the real
// CLI (the "uuid_trap" fixture): analytics models picked up a UUID key from a
// mixin while their migrations created bigint keys. `check` explains it,
// `makemigrations` refuses until told how, and the public-id path applies
// with every row and foreign key intact. Both backends.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::fixture_binary;
using testing::run_process;

constexpr int kBefore = 0, kTrap = 1, kFixed = 2, kTrapWithoutException = 3;

class UuidTrapTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-trap-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
    fs::copy(LECTERN_UUID_TRAP_MIGRATIONS, dir_, fs::copy_options::recursive);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    BackendTest::TearDown();
  }
  testing::ProcessResult lectern(int stage, std::vector<std::string> args) {
    ::setenv("LECTERN_FIXTURE_STAGE", std::to_string(stage).c_str(), 1);
    std::vector<std::string> argv = {fixture_binary("uuid_trap"), "--database", scratch().url(),
                                     "--migrations-dir", dir_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_process(argv);
    ::unsetenv("LECTERN_FIXTURE_STAGE");
    return r;
  }
  std::vector<std::string> files(const std::string& app) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_ / app)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string read(const std::string& app, const std::string& name) {
    std::ifstream in(dir_ / app / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::int64_t insert(const std::string& sql, std::vector<db::Value> values) {
    return conn().execute(sql + " RETURNING id", values).front().get<std::int64_t>(0);
  }
  std::int64_t count(const std::string& sql) {
    return conn().query(sql).front().get<std::int64_t>(0);
  }
  // Two assessments with questions, attempts, answers and a certificate.
  void seed() {
    auto course = insert("INSERT INTO courses_course (title) VALUES ($1)", {"Databases"});
    for (int i = 0; i < 2; ++i) {
      auto assessment =
          insert("INSERT INTO analytics_assessment (course_id, title) VALUES ($1, $2)",
                 {course, "Quiz " + std::to_string(i)});
      auto question =
          insert("INSERT INTO analytics_question (assessment_id, prompt) VALUES ($1, $2)",
                 {assessment, "Why?"});
      auto attempt =
          insert("INSERT INTO analytics_assessmentattempt (assessment_id, score) VALUES ($1, $2)",
                 {assessment, std::int64_t{7}});
      insert("INSERT INTO analytics_answer (attempt_id, question_id, body) VALUES ($1, $2, $3)",
             {attempt, question, "Because"});
      insert("INSERT INTO courses_certificate (attempt_id) VALUES ($1)", {attempt});
    }
  }
  void migrate() {
    auto r = lectern(kBefore, {"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST_P(UuidTrapTest, TheFilesAreWhatTheModelsWereBeforeTheMixin) {
  auto pending = lectern(kBefore, {"makemigrations", "--check"});
  EXPECT_EQ(pending.exit_code, 0) << pending.out << pending.err;
  migrate();
  auto check = lectern(kBefore, {"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(has(check.out, "System check identified no issues.")) << check.out;
}

TEST_P(UuidTrapTest, CheckExplainsTheTrapNamingTheMixinEveryModelAndForeignKey) {
  migrate();
  seed();
  auto r = lectern(kTrap, {"check"});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string& out = r.out;
  for (const char* needle : {
           "schema.E002 error: analytics.Assessment: primary key \"id\" is uuid in the "
           "declarations (from UUIDPrimaryKeyMixin) but bigint in the migration files "
           "(analytics.0001_initial)",
           "schema.E002 error: analytics.AssessmentAttempt: primary key \"id\" is uuid",
           "analytics.Question.assessment (analytics_question.assessment_id)",
           "analytics.AssessmentAttempt.assessment (analytics_assessmentattempt.assessment_id)",
           "analytics.Answer.attempt (analytics_answer.attempt_id)",
           "courses.Certificate.attempt (courses_certificate.attempt_id)",
           "PostgreSQL cannot cast type bigint to uuid",
           "remove UUIDPrimaryKeyMixin from analytics.Assessment",
           "--unsafe-change=keep",
           "--unsafe-change=public-id",
           "alter_field using=",
           "migrations.E005 error: app analytics",
           "Database checks ran against",
       }) {
    EXPECT_TRUE(has(out, needle)) << "missing: " << needle << "\n" << out;
  }
  // One screen: a line per finding and its hint, and the summary.
  EXPECT_LE(std::count(out.begin(), out.end(), '\n'), 16) << out;

  // Without the declared exception, the key policy names the mixin too.
  auto strict = lectern(kTrapWithoutException, {"check", "--offline"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_TRUE(has(strict.out,
                  "schema.E001 error: analytics.Assessment gets primary key \"id\" of "
                  "type uuid from UUIDPrimaryKeyMixin"))
      << strict.out;
  EXPECT_TRUE(has(strict.out, "Database checks skipped (--offline)")) << strict.out;
}

TEST_P(UuidTrapTest, MakemigrationsRefusesUntilToldHow) {
  migrate();
  auto refused = lectern(kTrap, {"makemigrations"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_TRUE(has(refused.err,
                  "schema.E002 error: analytics.Assessment: primary key \"id\" is "
                  "uuid in the declarations (from UUIDPrimaryKeyMixin)"))
      << refused.err;
  EXPECT_TRUE(has(refused.err, "courses.Certificate.attempt")) << refused.err;
  EXPECT_TRUE(has(refused.err, "choose how with --unsafe-change=keep|public-id|convert"))
      << refused.err;
  EXPECT_EQ(files("analytics"), std::vector<std::string>{"0001_initial.lmig"});

  // No cast exists: convert cannot write it either.
  auto convert = lectern(kTrap, {"makemigrations", "--unsafe-change=convert"});
  EXPECT_EQ(convert.exit_code, 1) << convert.out << convert.err;
  EXPECT_TRUE(has(convert.err, "--unsafe-change=convert cannot write this one")) << convert.err;

  // keep writes nothing for the keys and says what the declarations must do.
  auto keep = lectern(kTrap, {"makemigrations", "--unsafe-change=keep"});
  EXPECT_EQ(keep.exit_code, 0) << keep.out << keep.err;
  EXPECT_TRUE(has(keep.out, "Kept the bigint key of analytics.Assessment")) << keep.out;
  EXPECT_TRUE(has(keep.out, "remove UUIDPrimaryKeyMixin from analytics.AssessmentAttempt"))
      << keep.out;
  EXPECT_TRUE(has(keep.out, "No changes detected")) << keep.out;
  EXPECT_EQ(files("analytics"), std::vector<std::string>{"0001_initial.lmig"});
  EXPECT_EQ(files("courses"),
            (std::vector<std::string>{"0001_initial.lmig", "0002_certificate.lmig"}));
}

TEST_P(UuidTrapTest, PublicIdAppliesWithEveryRowAndForeignKeyIntact) {
  migrate();
  seed();
  auto ids = conn().query("SELECT id FROM analytics_assessment ORDER BY id");
  auto made = lectern(kTrap, {"makemigrations", "--unsafe-change=public-id"});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  EXPECT_TRUE(has(made.out, "analytics/0002_public_ids.lmig")) << made.out;
  EXPECT_TRUE(has(made.out,
                  "declare field::uuid(\"public_id\").unique() on analytics.Assessment "
                  "instead of UUIDPrimaryKeyMixin"))
      << made.out;
  std::string file = read("analytics", "0002_public_ids.lmig");
  EXPECT_TRUE(has(file, "gen_random_uuid()")) << file;
  EXPECT_TRUE(has(file, "randomblob(")) << file;
  EXPECT_FALSE(has(file, "field id ")) << "the key is not touched:\n" << file;

  auto applied = lectern(kTrap, {"migrate"});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_TRUE(has(applied.out, "Applying analytics.0002_public_ids... OK")) << applied.out;

  // Every row and key kept; every foreign key still joins.
  auto ids_after = conn().query("SELECT id FROM analytics_assessment ORDER BY id");
  ASSERT_EQ(ids_after.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids_after[i].get<std::int64_t>(0), ids[i].get<std::int64_t>(0));
  }
  EXPECT_EQ(
      count("SELECT count(*) FROM analytics_answer a "
            "JOIN analytics_assessmentattempt t ON a.attempt_id = t.id "
            "JOIN analytics_question q ON a.question_id = q.id "
            "JOIN analytics_assessment s ON t.assessment_id = s.id AND q.assessment_id = s.id "
            "JOIN courses_certificate c ON c.attempt_id = t.id"),
      2);
  for (const char* table : {"analytics_assessment", "analytics_assessmentattempt"}) {
    SCOPED_TRACE(table);
    std::string t = table;
    EXPECT_EQ(count("SELECT count(*) FROM " + t), 2);
    EXPECT_EQ(count("SELECT count(DISTINCT public_id) FROM " + t), 2);
    EXPECT_EQ(count("SELECT count(*) FROM " + t + " WHERE public_id IS NULL"), 0);
  }

  // Declaring public_id instead of the mixin leaves nothing to report.
  auto fixed = lectern(kFixed, {"check"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  EXPECT_TRUE(has(fixed.out, "System check identified no issues.")) << fixed.out;
  EXPECT_EQ(lectern(kFixed, {"makemigrations", "--check"}).exit_code, 0);
  // And the new migration round-trips.
  EXPECT_EQ(lectern(kFixed, {"migrate", "analytics", "0001"}).exit_code, 0);
  EXPECT_EQ(lectern(kFixed, {"migrate"}).exit_code, 0);
}

TEST_P(UuidTrapTest, TheAlterFieldThatFailedAtDeployIsCaughtBeforeIt) {
  migrate();
  seed();
  // What makemigrations used to write for the trap.
  std::ofstream(dir_ / "analytics" / "0002_alter_assessment_id.lmig") << R"(# Lectern migration
migration analytics 0002_alter_assessment_id
depends analytics 0001_initial

alter_field Assessment
  field id type=uuid primary_key
end

alter_field Question
  field assessment type=uuid relation=foreign_key target=analytics.Assessment on_delete=cascade
end
)";
  auto r = lectern(kTrap, {"check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.out, "migrations.E007 error: analytics.0002_alter_assessment_id (" +
                             (dir_ / "analytics" / "0002_alter_assessment_id.lmig").string() +
                             ":5): analytics.Assessment.id changes type from bigint to uuid: "
                             "PostgreSQL cannot cast type bigint to uuid"))
      << r.out;
  // migrate runs the same check and refuses before any statement, on both
  // backends (SQLite would otherwise turn every id into text).
  auto deploy = lectern(kTrap, {"migrate"});
  EXPECT_EQ(deploy.exit_code, 1) << deploy.out << deploy.err;
  EXPECT_TRUE(has(deploy.out, "migrations.E007 error: analytics.0002_alter_assessment_id"))
      << deploy.out;
  EXPECT_EQ(count("SELECT count(*) FROM lectern_migrations WHERE name = "
                  "'0002_alter_assessment_id'"),
            0);
}

LECTERN_INSTANTIATE_BACKENDS(UuidTrapTest);

}  // namespace
}  // namespace lectern
