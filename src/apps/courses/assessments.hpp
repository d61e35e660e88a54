// Assessment authoring and the two ways of seeing an assessment. The course's
// instructor (or an admin) writes assessments, questions and answers; an
// enrolled student sees a published assessment without what gives the answers
// away. An unpublished assessment does not exist for anyone but its editors
// (NotFoundError). Each call is one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// Absent members take the model default (create) or keep the current value
// (update).
struct AnswerInput {
  std::optional<std::string> answer_text;
  std::optional<bool> is_correct;  // forced true for short_answer (accepted responses)
  std::optional<std::int64_t> position;
};
BOOST_DESCRIBE_STRUCT(AnswerInput, (), (answer_text, is_correct, position))

// `text` is an alias of `question_text` and `feedback` of `explanation`:
// either name writes both columns; both names with different values is a
// ValidationError on the alias's field.
struct QuestionInput {
  std::optional<std::string> question_type;
  std::optional<std::string> question_text;
  std::optional<std::string> text;
  std::optional<std::string> explanation;
  std::optional<std::string> feedback;
  std::optional<std::int64_t> points;
  std::optional<std::int64_t> position;
  // On update, present answers replace the question's answers.
  std::optional<std::vector<AnswerInput>> answers;
};
BOOST_DESCRIBE_STRUCT(QuestionInput, (),
                      (question_type, question_text, text, explanation, feedback, points, position,
                       answers))

struct AssessmentInput {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::int64_t> passing_score;       // 0..100, default 70
  std::optional<std::int64_t> time_limit_minutes;  // >= 1; none: no limit
  std::optional<std::int64_t> max_attempts;        // >= 1; none: unlimited
  OptionalId lesson_id;                            // a lesson of the same course
  std::vector<QuestionInput> questions;
};

// A change to an assessment (PATCH): absent members keep their value; a null
// time limit, attempt limit or lesson removes it. `questions`, when present,
// replaces every question with its answers (the same rules as creating).
// Once the assessment has attempts its questions stay as they are: sending
// `questions` then is a ConflictError("assessment_has_attempts"), so that no
// graded attempt loses the questions and answers it was graded on. The other
// members may still change; a new pass mark applies to attempts graded from
// then on (graded ones keep their stored result).
struct AssessmentChange {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::int64_t> passing_score;
  std::optional<std::optional<std::int64_t>> time_limit_minutes;
  std::optional<std::optional<std::int64_t>> max_attempts;
  std::optional<OptionalId> lesson_id;
  std::optional<std::vector<QuestionInput>> questions;
};
BOOST_DESCRIBE_STRUCT(AssessmentChange, (),
                      (title, description, passing_score, time_limit_minutes, max_attempts,
                       lesson_id, questions))

// The author's view: every column, is_correct included.
struct AuthoredQuestion {
  Question question;
  std::vector<Answer> answers;  // in position order
};
struct AuthoredAssessment {
  Assessment assessment;
  std::vector<AuthoredQuestion> questions;  // in position order
};

// The student's view (api.md, GET /api/assessments/{id}): no is_correct, no
// explanation, and a short_answer question lists no answers.
struct StudentAnswer {
  Id id = 0;
  std::string answer_text;
  std::int64_t position = 0;
};
BOOST_DESCRIBE_STRUCT(StudentAnswer, (), (id, answer_text, position))

struct StudentQuestion {
  Id id = 0;
  QuestionType question_type = QuestionType::single_choice;
  std::string question_text;
  std::string text;
  std::int64_t points = 0;
  std::int64_t position = 0;
  std::vector<StudentAnswer> answers;
};
BOOST_DESCRIBE_STRUCT(StudentQuestion, (),
                      (id, question_type, question_text, text, points, position, answers))

struct StudentAssessment {
  Id id = 0;
  Id course_id = 0;
  std::string title;
  std::string description;
  std::int64_t passing_score = 0;
  std::optional<std::int64_t> time_limit_minutes;
  std::optional<std::int64_t> max_attempts;
  std::vector<StudentQuestion> questions;
};
BOOST_DESCRIBE_STRUCT(StudentAssessment, (),
                      (id, course_id, title, description, passing_score, time_limit_minutes,
                       max_attempts, questions))

// Creates the assessment (unpublished) with its questions and answers.
// Field errors name their path: "questions[1].answers" is the second
// question's answers (indices from 0).
AuthoredAssessment create_assessment(db::Connection& db, const api::Actor& actor, Id course_id,
                                     const AssessmentInput& input, Timestamp now);
// Applies `change` in one transaction (see AssessmentChange); field errors
// name their path as create_assessment's do.
AuthoredAssessment update_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                                     const AssessmentChange& change, Timestamp now);
// How many attempts (in progress or graded) the assessment has.
std::int64_t attempt_count(db::Connection& db, Id assessment_id);
// The course's assessments the actor may see, by id: every one for its
// editors, the published ones for anyone else who sees the course
// (NotFoundError when the course is not visible).
api::Page<Assessment> list_assessments(db::Connection& db, const api::Actor& actor, Id course_id,
                                       api::PageRequest page);
// Publishing needs at least one question; publishing again changes nothing.
Assessment publish_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                              Timestamp now);
// Removes it with its questions and attempts; the course's and the
// attempters' stats follow in the same transaction.
void delete_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                       Timestamp now);

// Adding, changing or deleting a question of an assessment that has
// attempts is a ConflictError("assessment_has_attempts"), as in
// update_assessment: graded attempts keep the questions they were graded on.
AuthoredQuestion add_question(db::Connection& db, const api::Actor& actor, Id assessment_id,
                              const QuestionInput& input, Timestamp now);
// PATCH: absent members keep their value; the result is validated as a whole
// (changing the type checks the answers against the new type).
AuthoredQuestion update_question(db::Connection& db, const api::Actor& actor, Id question_id,
                                 const QuestionInput& input, Timestamp now);
void delete_question(db::Connection& db, const api::Actor& actor, Id question_id, Timestamp now);

// The editors' view.
AuthoredAssessment authored_assessment(db::Connection& db, const api::Actor& actor,
                                       Id assessment_id);
// For a student with an active or completed enrolment in the course (and for
// its editors, as a preview). Others get ForbiddenError("not_enrolled") for a
// published assessment of a published course, NotFoundError otherwise.
StudentAssessment student_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id);

// The access rule of assessments, shared with attempts.cpp.
struct AssessmentAccess {
  Assessment assessment;
  CourseAccess course;
  // An active or completed enrolment: who may take the assessment.
  bool enrolled() const {
    return course.enrollment && course.enrollment->status != EnrollmentStatus::dropped;
  }
};
// nullopt when the assessment does not exist, its course is not visible to
// the actor, or it is unpublished and the actor cannot edit it.
std::optional<AssessmentAccess> find_assessment_access(db::Connection& db, const api::Actor& actor,
                                                       Id assessment_id);
// find_assessment_access, or NotFoundError("No assessment <id>.").
AssessmentAccess assessment_access(db::Connection& db, const api::Actor& actor, Id assessment_id);

// The assessment's questions with their answers, both in position order.
std::vector<AuthoredQuestion> questions_of(db::Connection& db, Id assessment_id);

}  // namespace lectern::apps::courses
