// The property behind "statistics never drift": any sequence of events
// (enrolments, drops, lesson completions, attempts, reviews and their edits,
// lessons and students going away), applied through the services, leaves
// CourseStats and UserStats exactly what recompute_all computes from the
// rows. Random sequences from fixed seeds, on both backends; refusals the
// rules make (not enrolled, attempt limit, second review...) are part of the
// sequence and must change nothing.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/learning.hpp"
#include "apps/courses/reviews.hpp"
#include "apps/courses/stats.hpp"
#include "apps/courses/users.hpp"
#include "core/error.hpp"
#include "support/domain.hpp"

namespace lectern {
namespace {

using namespace apps;
using namespace apps::courses;
using namespace std::chrono_literals;

class StatsPropertyTest : public testing::DomainTest {
 protected:
  struct World {
    std::vector<api::Actor> teachers;
    std::vector<api::Actor> students;
    std::vector<Course> courses;
    std::vector<Id> assessments;
  };

  // Three courses (one unpublished) of two teachers, an assessment with a
  // choice and a short-answer question on each published one, six students.
  World build() {
    World w;
    w.teachers = {make_actor("teacher1", "instructor"), make_actor("teacher2", "instructor")};
    for (int i = 0; i < 3; ++i) {
      w.courses.push_back(make_course(w.teachers[i % 2], 2, 2, i != 2));
      if (i == 2) continue;
      AssessmentInput quiz{
          .title = "Quiz",
          .max_attempts = 3,
          .questions = {
              {.question_type = "single_choice",
               .question_text = "Pick",
               .points = 2,
               .answers = std::vector<AnswerInput>{{.answer_text = "yes", .is_correct = true},
                                                   {.answer_text = "no", .is_correct = false}}},
              {.question_type = "short_answer",
               .question_text = "Say",
               .position = 1,
               .answers = std::vector<AnswerInput>{{.answer_text = "word"}}}}};
      auto made = create_assessment(conn(), w.teachers[i % 2], w.courses.back().id, quiz, now());
      publish_assessment(conn(), w.teachers[i % 2], made.assessment.id, now());
      w.assessments.push_back(made.assessment.id);
    }
    for (int i = 0; i < 6; ++i) w.students.push_back(make_actor("student" + std::to_string(i)));
    return w;
  }

  // One random event; refusals by the rules are expected and ignored.
  void random_event(std::mt19937_64& rng, World& w) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const api::Actor& student = w.students[pick(w.students.size())];
    const Course& course = w.courses[pick(w.courses.size())];
    try {
      switch (pick(9)) {
        case 0:
        case 1:
          enroll(conn(), student, course.id, now());
          break;
        case 2:
          drop_enrollment(conn(), student, course.id, now());
          break;
        case 3:
        case 4: {
          auto lessons = lessons_of(course.id);
          if (!lessons.empty()) {
            complete_lesson(conn(), student, lessons[pick(lessons.size())].id,
                            static_cast<std::int64_t>(pick(600)), now());
          }
          break;
        }
        case 5: {
          const Id assessment = w.assessments[pick(w.assessments.size())];
          auto started = start_attempt(conn(), student, assessment, now());
          auto questions = questions_of(conn(), assessment);
          std::vector<SubmittedAnswer> answers;
          for (const auto& q : questions) {
            if (q.question.question_type == QuestionType::short_answer) {
              answers.push_back(
                  {.question_id = q.question.id, .text_answer = pick(2) ? " WORD " : "other"});
            } else {
              answers.push_back(
                  {.question_id = q.question.id,
                   .answer_ids = std::vector<Id>{q.answers[pick(q.answers.size())].id}});
            }
          }
          submit_attempt(conn(), student, started.attempt.id, answers, now());
          break;
        }
        case 6: {
          const std::int64_t rating = 1 + static_cast<std::int64_t>(pick(5));
          create_review(conn(), student, course.id, {.rating = rating, .comment = "ok"}, now());
          break;
        }
        case 7: {
          auto rows = conn().query("SELECT id, user_id FROM courses_review ORDER BY id");
          if (rows.empty()) break;
          const auto row = rows[pick(rows.size())];
          const api::Actor author{row.get<Id>(1), api::Role::student};
          if (pick(2)) {
            update_review(conn(), author, row.get<Id>(0),
                          {.rating = 1 + static_cast<std::int64_t>(pick(5))}, now());
          } else {
            delete_review(conn(), author, row.get<Id>(0), now());
          }
          break;
        }
        case 8: {
          // Rarer and destructive: a lesson or a student goes.
          if (pick(4) == 0) {
            auto lessons = lessons_of(course.id);
            if (lessons.size() > 1) {
              delete_lesson(conn(), w.teachers[(course.id - w.courses[0].id) % 2],
                            lessons[pick(lessons.size())].id, now());
            }
          } else if (pick(6) == 0 && w.students.size() > 2) {
            const std::size_t i = pick(w.students.size());
            courses::delete_user(conn(), w.students[i].user_id, now());
            w.students.erase(w.students.begin() + static_cast<std::ptrdiff_t>(i));
          }
          break;
        }
      }
    } catch (const Error& e) {
      // The rules refused it (not enrolled, limit reached, duplicate...):
      // never an internal failure.
      EXPECT_NE(e.kind(), ErrorKind::kInternal) << e.what();
    }
    advance(std::chrono::minutes(1 + static_cast<int>(pick(60 * 30))));
  }
};

TEST_P(StatsPropertyTest, RandomEventSequencesNeverLeaveStatsDifferentFromARecompute) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TearDown();
    SetUp();
    World world = build();
    std::mt19937_64 rng(seed);
    for (int step = 0; step < 120; ++step) {
      random_event(rng, world);
      if (step % 30 == 29) {
        ASSERT_EQ(recompute_all(conn(), now()).changed_rows, 0) << "after step " << step;
      }
    }
    // Something happened: the sequence exercised the counters.
    auto totals =
        conn()
            .query(
                "SELECT (SELECT COUNT(*) FROM courses_enrollment), (SELECT COUNT(*) FROM "
                "courses_assessmentattempt WHERE status = 'graded'), (SELECT COUNT(*) FROM "
                "courses_lessonprogress)")
            .front();
    EXPECT_GT(totals.get<std::int64_t>(0), 0);
    EXPECT_GT(totals.get<std::int64_t>(1), 0);
    EXPECT_GT(totals.get<std::int64_t>(2), 0);
    const auto summary = recompute_all(conn(), now());
    EXPECT_EQ(summary.changed_rows, 0);
    EXPECT_GE(summary.courses, 3);
  }
}

LECTERN_INSTANTIATE_BACKENDS(StatsPropertyTest);

}  // namespace
}  // namespace lectern
