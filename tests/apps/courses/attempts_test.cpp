// Attempts on both backends: starting within max_attempts and one at a time,
// submitting before the time limit, grading with per-question results, who
// may see an attempt, and the stats and notification written with the grade
// (which recompute_all then finds nothing to change in).
#include <gtest/gtest.h>

#include <functional>

#include "apps/courses/attempts.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"
#include "quiz_fixture.hpp"

namespace lectern {
namespace {

using namespace apps::courses;
using namespace std::chrono_literals;

class AttemptsTest : public testing::QuizTest {
 protected:
  // Every question answered right (5 of 5 points).
  static std::vector<SubmittedAnswer> all_right(const AuthoredAssessment& quiz) {
    return {{quiz.questions[0].question.id, std::vector<Id>{answer_id(quiz, 0, "4")}, {}},
            {quiz.questions[1].question.id,
             std::vector<Id>{answer_id(quiz, 1, "3"), answer_id(quiz, 1, "2")},
             {}},
            {quiz.questions[2].question.id, std::vector<Id>{answer_id(quiz, 2, "True")}, {}},
            {quiz.questions[3].question.id, {}, "Paris"}};
  }
  AttemptResult take(const api::Actor& who, const AuthoredAssessment& quiz,
                     const std::vector<SubmittedAnswer>& answers) {
    auto started = start_attempt(conn(), who, quiz.assessment.id, now());
    return submit_attempt(conn(), who, started.attempt.id, answers, now());
  }
  AssessmentAttempt stored(Id id) { return db::find_record<AssessmentAttempt>(conn(), id).value(); }
};

TEST_P(AttemptsTest, StartingNumbersTheAttemptAndGivesItsDeadline) {
  AssessmentInput input = quiz_input();
  input.time_limit_minutes = 30;
  auto quiz = make_quiz(input);
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  EXPECT_EQ(started.attempt.attempt_number, 1);
  EXPECT_EQ(started.attempt.status, AttemptStatus::in_progress);
  EXPECT_EQ(started.attempt.started_at, now());
  EXPECT_EQ(started.deadline, now() + 30min);
  EXPECT_EQ(count("courses_useractivity WHERE activity_type = 'start_attempt'"), 1);

  auto untimed = make_quiz();
  EXPECT_FALSE(start_attempt(conn(), student, untimed.assessment.id, now()).deadline);
}

TEST_P(AttemptsTest, OneAttemptInProgressAtATimeUntilItsDeadline) {
  AssessmentInput input = quiz_input();
  input.time_limit_minutes = 10;
  auto quiz = make_quiz(input);
  auto first = start_attempt(conn(), student, quiz.assessment.id, now());
  try {
    start_attempt(conn(), student, quiz.assessment.id, now() + 10min);
    ADD_FAILURE() << "a second attempt started";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "attempt_in_progress");
  }
  advance(10min + 1s);  // the first one expired unsubmitted
  auto second = start_attempt(conn(), student, quiz.assessment.id, now());
  EXPECT_EQ(second.attempt.attempt_number, 2);
  submit_attempt(conn(), student, second.attempt.id, all_right(quiz), now());
  EXPECT_EQ(start_attempt(conn(), student, quiz.assessment.id, now()).attempt.attempt_number, 3);
  EXPECT_EQ(stored(first.attempt.id).status, AttemptStatus::in_progress);
}

TEST_P(AttemptsTest, AttemptsBeyondMaxAttemptsAreRefused) {
  AssessmentInput input = quiz_input();
  input.max_attempts = 2;
  input.time_limit_minutes = 5;
  auto quiz = make_quiz(input);
  take(student, quiz, all_right(quiz));
  start_attempt(conn(), student, quiz.assessment.id, now());  // left unsubmitted: it still counts
  advance(6min);
  try {
    start_attempt(conn(), student, quiz.assessment.id, now());
    ADD_FAILURE() << "a third attempt started";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "attempt_limit_reached");
  }
  EXPECT_EQ(count("courses_assessmentattempt"), 2);
  // The limit is per student.
  auto classmate = make_actor("classmate");
  enroll(conn(), classmate, course.id, now());
  EXPECT_EQ(start_attempt(conn(), classmate, quiz.assessment.id, now()).attempt.attempt_number, 1);
}

TEST_P(AttemptsTest, OnlyEnrolledStudentsStartPublishedAssessments) {
  auto draft = make_quiz(quiz_input(), false);
  auto quiz = make_quiz();
  EXPECT_THROW(start_attempt(conn(), student, draft.assessment.id, now()), NotFoundError);
  EXPECT_THROW(start_attempt(conn(), teacher, draft.assessment.id, now()), NotFoundError);
  auto stranger = make_actor("stranger");
  try {
    start_attempt(conn(), stranger, quiz.assessment.id, now());
    ADD_FAILURE() << "started without enrolment";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.code(), "not_enrolled");
  }
  EXPECT_EQ(count("courses_assessmentattempt"), 0);
}

TEST_P(AttemptsTest, SubmittingGradesEachQuestionAllOrNothing) {
  auto quiz = make_quiz();
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  advance(3min);
  // Right, partly right (no credit), right, right once trimmed and folded;
  // the answers may come in any order.
  std::vector<SubmittedAnswer> answers = {
      {quiz.questions[3].question.id, {}, "  pARIS "},
      {quiz.questions[0].question.id, std::vector<Id>{answer_id(quiz, 0, "4")}, {}},
      {quiz.questions[1].question.id, std::vector<Id>{answer_id(quiz, 1, "2")}, {}},
      {quiz.questions[2].question.id, std::vector<Id>{answer_id(quiz, 2, "True")}, {}}};
  AttemptResult result = submit_attempt(conn(), student, started.attempt.id, answers, now());
  EXPECT_EQ(result.attempt.status, AttemptStatus::graded);
  EXPECT_EQ(result.attempt.submitted_at, now());
  EXPECT_EQ(result.attempt.points_earned, 3);
  EXPECT_EQ(result.attempt.points_possible, 5);
  EXPECT_DOUBLE_EQ(result.attempt.score, 60.0);
  EXPECT_FALSE(result.attempt.passed);
  ASSERT_EQ(result.answers.size(), 4u);
  const std::vector<AnswerResult> expected = {
      {quiz.questions[0].question.id, true, 1, "Count."},
      {quiz.questions[1].question.id, false, 0, "Two divisors."},
      {quiz.questions[2].question.id, true, 1, "Look up."},
      {quiz.questions[3].question.id, true, 1, ""}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(result.answers[i].question_id, expected[i].question_id);
    EXPECT_EQ(result.answers[i].is_correct, expected[i].is_correct);
    EXPECT_EQ(result.answers[i].points_awarded, expected[i].points_awarded);
    EXPECT_EQ(result.answers[i].explanation, expected[i].explanation);
  }
  AssessmentAttempt row = stored(started.attempt.id);
  EXPECT_DOUBLE_EQ(row.score, 60.0);
  EXPECT_EQ(row.status, AttemptStatus::graded);
  EXPECT_EQ(count("courses_attemptanswer"), 4);
  EXPECT_EQ(count("courses_attemptanswer_selected_answers"), 3);
  // The text is stored as typed.
  EXPECT_EQ(count("courses_attemptanswer WHERE text_answer = '  pARIS '"), 1);

  // Questions left out are wrong: 2 of 5 is 40.00.
  answers.resize(2);
  auto second = take(student, quiz, answers);
  EXPECT_DOUBLE_EQ(second.attempt.score, 40.0);
  EXPECT_EQ(second.answers.size(), 4u);
  EXPECT_FALSE(second.answers[1].is_correct);
}

TEST_P(AttemptsTest, SubmissionAfterTheTimeLimitIsRefusedAndWritesNothing) {
  AssessmentInput input = quiz_input();
  input.time_limit_minutes = 10;
  auto quiz = make_quiz(input);
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  const UserStats stats_before = user_stats(conn(), student.user_id);
  advance(10min + 1s);
  try {
    submit_attempt(conn(), student, started.attempt.id, all_right(quiz), now());
    ADD_FAILURE() << "late submission accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.code(), "time_limit_exceeded");
  }
  EXPECT_EQ(stored(started.attempt.id).status, AttemptStatus::in_progress);
  EXPECT_FALSE(stored(started.attempt.id).submitted_at);
  EXPECT_EQ(count("courses_attemptanswer"), 0);
  EXPECT_EQ(count("courses_attemptanswer_selected_answers"), 0);
  EXPECT_EQ(count("courses_notification"), 0);
  EXPECT_EQ(count("courses_useractivity WHERE activity_type = 'submit_attempt'"), 0);
  EXPECT_EQ(course_stats(conn(), course.id).attempt_count, 0);
  EXPECT_EQ(db::record_values(user_stats(conn(), student.user_id), true),
            db::record_values(stats_before, true));

  // At the deadline itself it is still in time.
  auto again = start_attempt(conn(), student, quiz.assessment.id, now());
  advance(10min);
  EXPECT_EQ(submit_attempt(conn(), student, again.attempt.id, all_right(quiz), now()).attempt.score,
            100.0);
}

TEST_P(AttemptsTest, AnAttemptIsSubmittedOnce) {
  auto quiz = make_quiz();
  auto result = take(student, quiz, all_right(quiz));
  try {
    submit_attempt(conn(), student, result.attempt.id, {}, now());
    ADD_FAILURE() << "submitted twice";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "already_submitted");
  }
  EXPECT_DOUBLE_EQ(stored(result.attempt.id).score, 100.0);
  EXPECT_EQ(count("courses_attemptanswer"), 4);
}

TEST_P(AttemptsTest, AnotherStudentsAttemptDoesNotExistForThem) {
  auto quiz = make_quiz();
  auto classmate = make_actor("classmate");
  enroll(conn(), classmate, course.id, now());
  auto other = make_actor("other", "instructor");
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  EXPECT_THROW(submit_attempt(conn(), classmate, started.attempt.id, all_right(quiz), now()),
               NotFoundError);
  EXPECT_THROW(get_attempt(conn(), classmate, started.attempt.id), NotFoundError);
  EXPECT_THROW(get_attempt(conn(), other, started.attempt.id), NotFoundError);
  EXPECT_THROW(get_attempt(conn(), student, started.attempt.id + 100), NotFoundError);
  EXPECT_EQ(stored(started.attempt.id).status, AttemptStatus::in_progress);

  submit_attempt(conn(), student, started.attempt.id, all_right(quiz), now());
  EXPECT_EQ(get_attempt(conn(), student, started.attempt.id).answers.size(), 4u);
  EXPECT_TRUE(get_attempt(conn(), teacher, started.attempt.id).attempt.passed);
}

TEST_P(AttemptsTest, RefusesBrokenAnswersFieldByFieldAndWritesNothing) {
  auto quiz = make_quiz();
  auto other_quiz = make_quiz();
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  const Id single = quiz.questions[0].question.id;
  const Id text = quiz.questions[3].question.id;
  struct Case {
    std::string name;
    std::function<void(std::vector<SubmittedAnswer>&)> edit;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"question of another assessment",
       [&](auto& a) { a[1].question_id = other_quiz.questions[1].question.id; },
       "answers[1].question_id"},
      {"question answered twice", [&](auto& a) { a[2].question_id = single; },
       "answers[2].question_id"},
      {"answer of another question",
       [&](auto& a) { a[0].answer_ids = std::vector<Id>{answer_id(quiz, 2, "True")}; },
       "answers[0].answer_ids"},
      {"answer selected twice",
       [&](auto& a) { a[1].answer_ids->push_back(answer_id(quiz, 1, "2")); },
       "answers[1].answer_ids"},
      {"text for a choice question", [](auto& a) { a[0].text_answer = "4"; },
       "answers[0].text_answer"},
      {"no answer_ids for a choice question", [](auto& a) { a[2].answer_ids.reset(); },
       "answers[2].answer_ids"},
      {"ids for a short answer",
       [&](auto& a) { a[3].answer_ids = std::vector<Id>{answer_id(quiz, 3, "Paris")}; },
       "answers[3].answer_ids"},
      {"no text for a short answer", [&](auto& a) { a[3] = SubmittedAnswer{.question_id = text}; },
       "answers[3].text_answer"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto answers = all_right(quiz);
    c.edit(answers);
    try {
      submit_attempt(conn(), student, started.attempt.id, answers, now());
      ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.fields().size(), 1u) << e.fields().begin()->first;
      EXPECT_TRUE(e.fields().contains(c.field)) << e.fields().begin()->first;
    }
  }
  EXPECT_EQ(stored(started.attempt.id).status, AttemptStatus::in_progress);
  EXPECT_EQ(count("courses_attemptanswer"), 0);
}

TEST_P(AttemptsTest, StatsAndTheNotificationComeWithTheGrade) {
  auto quiz = make_quiz();
  EXPECT_EQ(course_stats(conn(), course.id).attempt_count, 0);
  EXPECT_FALSE(course_stats(conn(), course.id).average_score);

  // Graded inside an enclosing transaction that is rolled back: the grade,
  // its stats and its notification go together.
  auto started = start_attempt(conn(), student, quiz.assessment.id, now());
  {
    db::Transaction outer(conn());
    submit_attempt(conn(), student, started.attempt.id, all_right(quiz), now());
    EXPECT_EQ(course_stats(conn(), course.id).attempt_count, 1);
    EXPECT_EQ(user_stats(conn(), student.user_id).assessments_passed, 1);
    EXPECT_EQ(count("courses_notification"), 1);
  }
  EXPECT_EQ(stored(started.attempt.id).status, AttemptStatus::in_progress);
  EXPECT_EQ(course_stats(conn(), course.id).attempt_count, 0);
  EXPECT_EQ(user_stats(conn(), student.user_id).assessments_passed, 0);
  EXPECT_EQ(count("courses_notification"), 0);

  advance(1h);
  submit_attempt(conn(), student, started.attempt.id, all_right(quiz), now());
  CourseStats stats = course_stats(conn(), course.id);
  EXPECT_EQ(stats.attempt_count, 1);
  EXPECT_EQ(stats.average_score, 100.0);
  EXPECT_EQ(stats.updated_at, now());
  UserStats mine = user_stats(conn(), student.user_id);
  EXPECT_EQ(mine.assessments_passed, 1);
  EXPECT_EQ(mine.last_activity_at, now());
  auto notes = list_notifications(conn(), student, true, {});
  ASSERT_EQ(notes.count, 1);
  EXPECT_EQ(notes.results[0].notification_type, NotificationType::attempt_graded);
  EXPECT_EQ(notes.results[0].link, "/attempts/" + std::to_string(started.attempt.id));
  EXPECT_NE(notes.results[0].message.find("100.00"), std::string::npos) << notes.results[0].message;

  // 1 of 3 points: 33.33; the average of 100.00 and 33.33 is 66.67 (half
  // up); a failed attempt passes nothing new.
  AssessmentInput input = quiz_input();
  input.questions.resize(2);
  auto second = make_quiz(input);
  take(student, second,
       {{second.questions[0].question.id, std::vector<Id>{answer_id(second, 0, "4")}, {}}});
  stats = course_stats(conn(), course.id);
  EXPECT_EQ(stats.attempt_count, 2);
  EXPECT_EQ(stats.average_score, 66.67);
  EXPECT_EQ(user_stats(conn(), student.user_id).assessments_passed, 1);
}

TEST_P(AttemptsTest, RecomputingTheStatsAfterTheseEventsChangesNothing) {
  recompute_all(conn(), now());  // rows for users who never had an event
  AssessmentInput input = quiz_input();
  input.max_attempts = 3;
  input.time_limit_minutes = 20;
  auto quiz = make_quiz(input);
  auto other = make_quiz();
  auto classmate = make_actor("classmate");
  enroll(conn(), classmate, course.id, now());
  auto half_right = all_right(quiz);
  half_right.resize(2);

  take(student, quiz, half_right);
  advance(26h);
  take(student, quiz, all_right(quiz));
  start_attempt(conn(), student, other.assessment.id, now());  // never submitted
  take(classmate, quiz, half_right);
  advance(24h);
  take(classmate, other, all_right(other));
  take(classmate, quiz, all_right(quiz));
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);

  delete_assessment(conn(), teacher, other.assessment.id, now());
  EXPECT_EQ(user_stats(conn(), classmate.user_id).assessments_passed, 1);
  EXPECT_EQ(course_stats(conn(), course.id).attempt_count, 4);
  EXPECT_EQ(recompute_all(conn(), now()).changed_rows, 0);
}

TEST_P(AttemptsTest, MyAttemptsAndTheInstructorsResults) {
  auto quiz = make_quiz();
  auto classmate = make_actor("classmate");
  enroll(conn(), classmate, course.id, now());
  take(student, quiz, {});
  advance(1min);
  take(student, quiz, all_right(quiz));
  take(classmate, quiz, all_right(quiz));

  auto mine = my_attempts(conn(), student, {.page = 1, .page_size = 1});
  EXPECT_EQ(mine.count, 2);
  ASSERT_EQ(mine.results.size(), 1u);
  EXPECT_EQ(mine.results[0].attempt.attempt_number, 2);  // newest first
  EXPECT_EQ(mine.results[0].assessment_title, "Quiz");
  EXPECT_EQ(mine.results[0].course_id, course.id);

  auto results = assessment_results(conn(), teacher, course.id, quiz.assessment.id, {});
  ASSERT_EQ(results.count, 3);
  EXPECT_EQ(results.results[0].user.username, "classmate");
  EXPECT_EQ(results.results[1].user.username, "student");
  EXPECT_DOUBLE_EQ(results.results[1].attempt.score, 0.0);
  EXPECT_DOUBLE_EQ(results.results[2].attempt.score, 100.0);
  EXPECT_THROW(assessment_results(conn(), student, course.id, quiz.assessment.id, {}),
               ForbiddenError);
  auto elsewhere = make_course(teacher);
  EXPECT_THROW(assessment_results(conn(), teacher, elsewhere.id, quiz.assessment.id, {}),
               NotFoundError);
}

TEST_P(AttemptsTest, TheOutcomeCountsGradedAttemptsAndRightAnswersPerQuestion) {
  auto quiz = make_quiz();
  auto classmate = make_actor("classmate");
  enroll(conn(), classmate, course.id, now());
  auto first_two = all_right(quiz);
  first_two.resize(2);  // 3 of 5 points: 60%, not passed
  take(student, quiz, first_two);
  take(classmate, quiz, all_right(quiz));
  start_attempt(conn(), student, quiz.assessment.id, now());  // in progress: not counted

  const AssessmentOutcome outcome =
      assessment_outcome(conn(), teacher, course.id, quiz.assessment.id);
  EXPECT_EQ(outcome.graded, 2);
  EXPECT_EQ(outcome.passed, 1);
  ASSERT_EQ(outcome.scores.size(), 2u);
  EXPECT_DOUBLE_EQ(outcome.scores[0], 60.0);
  EXPECT_DOUBLE_EQ(outcome.scores[1], 100.0);
  ASSERT_EQ(outcome.questions.size(), 4u);
  EXPECT_EQ(outcome.questions[0].question_text, "2 + 2?");
  EXPECT_EQ(outcome.questions[0].correct, 2);
  EXPECT_EQ(outcome.questions[1].correct, 2);
  EXPECT_EQ(outcome.questions[2].correct, 1);
  EXPECT_EQ(outcome.questions[3].correct, 1);

  // Found by the assessment's id, with the answers of the results' own rule.
  EXPECT_EQ(results_assessment(conn(), teacher, quiz.assessment.id).id, quiz.assessment.id);
  auto rival = make_actor("rival", "instructor");
  EXPECT_THROW(results_assessment(conn(), rival, quiz.assessment.id), ForbiddenError);
  EXPECT_THROW(assessment_outcome(conn(), rival, course.id, quiz.assessment.id), ForbiddenError);
  EXPECT_THROW(results_assessment(conn(), teacher, quiz.assessment.id + 100), NotFoundError);
  auto hidden = make_course(teacher, 1, 1, false);
  auto draft = create_assessment(conn(), teacher, hidden.id, quiz_input(), now());
  EXPECT_THROW(results_assessment(conn(), rival, draft.assessment.id), NotFoundError);
  EXPECT_EQ(assessment_outcome(conn(), teacher, hidden.id, draft.assessment.id).graded, 0);
}

LECTERN_INSTANTIATE_BACKENDS(AttemptsTest);

}  // namespace
}  // namespace lectern
