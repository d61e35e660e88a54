// The instructor portal's exports on both backends: enrolments and
// completions bucketed by week (Monday 00:00 UTC) over the last 26 weeks,
// the students' and an assessment's attempts' CSV, and CSV fields that a spreadsheet cannot run.
#include <gtest/gtest.h>

#include <algorithm>

#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/courses/learning.hpp"
#include "apps/instructor_portal/exports.hpp"
#include "support/domain.hpp"
#include "support/refusals.hpp"

namespace lectern {
namespace {

using namespace apps::instructor_portal;
using std::chrono::days;
using std::chrono::hours;
using testing::error_of;
using testing::is_error;

TEST(CsvFieldTest, QuotesAndDefusesFormulas) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"=1+2", "'=1+2"},
      {"+33 1 23", "'+33 1 23"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},
      {"=A1,B1", "\"'=A1,B1\""},
      {"a=b", "a=b"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(csv_field(c.input), c.expected);
  }
}

class ExportsTest : public testing::DomainTest {};

TEST_P(ExportsTest, WeeklyStatsBucketEnrolmentsAndCompletionsByWeek) {
  // The clock starts on Monday 2026-03-02 at 09:00 UTC.
  const api::Actor teacher = make_actor("teacher", "instructor");
  const auto course = make_course(teacher, 1, 1);
  const api::Actor ada = make_actor("ada");
  const api::Actor bob = make_actor("bob");
  const api::Actor cyd = make_actor("cyd");
  apps::courses::enroll(conn(), ada, course.id, now());
  advance(days(6) + hours(14));  // Sunday 23:00: still the first week
  apps::courses::enroll(conn(), bob, course.id, now());
  advance(hours(2));  // Monday 01:00: the second week
  apps::courses::enroll(conn(), cyd, course.id, now());
  apps::courses::complete_lesson(conn(), ada, lessons_of(course.id).at(0).id, 60, now());
  advance(days(14));  // Monday 2026-03-23 at 01:00

  const WeeklyStats stats = weekly_stats(conn(), teacher, course.id, now());
  EXPECT_EQ(stats.course_id, course.id);
  ASSERT_EQ(stats.weeks.size(), 26u);
  EXPECT_EQ(format_rfc3339(stats.weeks.back().week_start), "2026-03-23T00:00:00Z");
  EXPECT_EQ(format_rfc3339(stats.weeks.front().week_start), "2025-09-29T00:00:00Z");
  const auto& first = stats.weeks.at(22);
  EXPECT_EQ(format_rfc3339(first.week_start), "2026-03-02T00:00:00Z");
  EXPECT_EQ(first.enrollments, 2);
  EXPECT_EQ(first.completions, 0);
  EXPECT_EQ(stats.weeks.at(23).enrollments, 1);
  EXPECT_EQ(stats.weeks.at(23).completions, 1);
  EXPECT_EQ(stats.weeks.at(24).enrollments + stats.weeks.at(25).enrollments, 0);

  // Half a year on, they have left the window.
  advance(days(7 * 26));
  for (const auto& week : weekly_stats(conn(), teacher, course.id, now()).weeks) {
    EXPECT_EQ(week.enrollments + week.completions, 0);
  }

  const api::Actor rival = make_actor("rival", "instructor");
  EXPECT_TRUE(is_error(error_of([&] { weekly_stats(conn(), rival, course.id, now()); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
  EXPECT_TRUE(is_error(error_of([&] { students_csv(conn(), rival, course.id); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
}

TEST_P(ExportsTest, TheCsvHoldsEveryStudent) {
  const api::Actor teacher = make_actor("teacher", "instructor");
  const auto course = make_course(teacher, 1, 1);
  for (int n = 0; n < 105; ++n) {
    apps::courses::enroll(conn(), make_actor("student" + std::to_string(n)), course.id, now());
  }
  const std::string csv = students_csv(conn(), teacher, course.id);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 106);
  EXPECT_TRUE(
      csv.starts_with("name,username,status,progress_percent,enrolled_at,last_activity_at"
                      "\r\n"));
}

TEST_P(ExportsTest, TheResultsCsvHoldsEveryAttempt) {
  using namespace apps::courses;
  const api::Actor teacher = make_actor("teacher", "instructor");
  const auto course = make_course(teacher, 1, 1);
  const api::Actor ann = make_actor("ann");
  const api::Actor bob = make_actor("bob");
  enroll(conn(), ann, course.id, now());
  enroll(conn(), bob, course.id, now());
  auto quiz = create_assessment(
      conn(), teacher, course.id,
      {.title = "Quiz",
       .questions = {{.question_type = "short_answer",
                      .question_text = "Say hi",
                      .points = 3,
                      .answers = std::vector<AnswerInput>{{.answer_text = "hi"}}}}},
      now());
  publish_assessment(conn(), teacher, quiz.assessment.id, now());
  const Id question = quiz.questions[0].question.id;
  auto first = start_attempt(conn(), ann, quiz.assessment.id, now());
  submit_attempt(conn(), ann, first.attempt.id, {{question, {}, "hi"}}, now());
  auto second = start_attempt(conn(), ann, quiz.assessment.id, now());
  submit_attempt(conn(), ann, second.attempt.id, {{question, {}, "no"}}, now());
  start_attempt(conn(), bob, quiz.assessment.id, now());

  const std::string csv = results_csv(conn(), teacher, course.id, quiz.assessment.id);
  const std::string at = format_rfc3339(now());
  EXPECT_EQ(csv,
            "name,username,attempt_number,status,score,points_earned,points_possible,passed,"
            "started_at,submitted_at\r\n"
            "User ann,ann,1,graded,100,3,3,true," +
                at + "," + at +
                "\r\n"
                "User ann,ann,2,graded,0,0,3,false," +
                at + "," + at +
                "\r\n"
                "User bob,bob,1,in_progress,,,,," +
                at + ",\r\n");
  const api::Actor rival = make_actor("rival", "instructor");
  EXPECT_TRUE(is_error(error_of([&] { results_csv(conn(), rival, course.id, quiz.assessment.id); }),
                       ErrorKind::kForbidden, "not_course_instructor"));
  const auto other = make_course(teacher, 1, 1);
  EXPECT_TRUE(
      is_error(error_of([&] { results_csv(conn(), teacher, other.id, quiz.assessment.id); }),
               ErrorKind::kNotFound, "not_found"));
}

LECTERN_INSTANTIATE_BACKENDS(ExportsTest);

}  // namespace
}  // namespace lectern
