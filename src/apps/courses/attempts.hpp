// Attempts at assessments: a student with an active or completed enrolment
// starts one, answers and submits it; submitting grades it (grading.hpp),
// notifies the student and refreshes the stats, all in one transaction. An
// attempt is seen by its owner and the course's editors; to anyone else it
// does not exist (NotFoundError). Each call is one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct StartedAttempt {
  AssessmentAttempt attempt;
  std::optional<Timestamp> deadline;  // started_at + time limit; none without a limit
};

// Refused with ConflictError("attempt_in_progress") while an earlier attempt
// is in progress and before its deadline, ConflictError("attempt_limit_reached")
// once max_attempts attempts were started (submitted or not),
// ForbiddenError("not_enrolled") without an active or completed enrolment,
// NotFoundError for an unpublished assessment.
StartedAttempt start_attempt(db::Connection& db, const api::Actor& actor, Id assessment_id,
                             Timestamp now);

// One question's answer: the ids of the selected answers (choice questions)
// or a text (short_answer).
struct SubmittedAnswer {
  Id question_id = 0;
  std::optional<std::vector<Id>> answer_ids;
  std::optional<std::string> text_answer;
};
BOOST_DESCRIBE_STRUCT(SubmittedAnswer, (), (question_id, answer_ids, text_answer))

struct AnswerResult {
  Id question_id = 0;
  bool is_correct = false;
  std::int64_t points_awarded = 0;
  std::string explanation;
};
BOOST_DESCRIBE_STRUCT(AnswerResult, (), (question_id, is_correct, points_awarded, explanation))

struct AttemptResult {
  AssessmentAttempt attempt;
  std::optional<Timestamp> deadline;
  std::vector<AnswerResult> answers;  // in question order; empty until graded
};

// Grades the actor's own attempt (NotFoundError for anyone else's). Refused
// with ConflictError("already_submitted") when it is not in progress, and
// ValidationError("time_limit_exceeded") after its deadline, writing nothing.
// Answers are checked field by field ("answers[2].answer_ids"); questions
// left out are wrong.
AttemptResult submit_attempt(db::Connection& db, const api::Actor& actor, Id attempt_id,
                             const std::vector<SubmittedAnswer>& answers, Timestamp now);

// For its owner and the course's editors.
AttemptResult get_attempt(db::Connection& db, const api::Actor& actor, Id attempt_id);

struct MyAttempt {
  AssessmentAttempt attempt;
  Id course_id = 0;
  std::string assessment_title;
};
// The actor's attempts, newest first.
api::Page<MyAttempt> my_attempts(db::Connection& db, const api::Actor& actor,
                                 api::PageRequest page);

struct AttemptOfStudent {
  AssessmentAttempt attempt;
  UserBrief user;
};
// Every attempt at one assessment of the course, by student then attempt
// number: for the course's instructor and admins.
api::Page<AttemptOfStudent> assessment_results(db::Connection& db, const api::Actor& actor,
                                               Id course_id, Id assessment_id,
                                               api::PageRequest page);

// The assessment whose results the actor reads, found by its id alone:
// what assessment_results answers for its course (NotFoundError when it or
// its course is hidden, ForbiddenError for anyone but the course's editors).
Assessment results_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id);

// How the graded attempts at one assessment went, question by question
// (the same access as assessment_results).
struct QuestionSuccess {
  Id question_id = 0;
  std::string question_text;
  std::int64_t correct = 0;  // graded attempts that got it right
};
BOOST_DESCRIBE_STRUCT(QuestionSuccess, (), (question_id, question_text, correct))
struct AssessmentOutcome {
  std::int64_t graded = 0;                 // graded attempts
  std::int64_t passed = 0;                 // of them, passed
  std::vector<double> scores;              // each graded attempt's score, lowest first
  std::vector<QuestionSuccess> questions;  // in position order
};
BOOST_DESCRIBE_STRUCT(AssessmentOutcome, (), (graded, passed, scores, questions))
AssessmentOutcome assessment_outcome(db::Connection& db, const api::Actor& actor, Id course_id,
                                     Id assessment_id);

}  // namespace lectern::apps::courses
