// Shared by the assessment and attempt tests: a published course of
// "teacher" with "student" enrolled, and a quiz with one question of each
// type (5 points in all) built through the authoring service.
#pragma once

#include <string>

#include "apps/courses/assessments.hpp"
#include "apps/courses/learning.hpp"
#include "support/domain.hpp"

namespace lectern::testing {

class QuizTest : public DomainTest {
 protected:
  void SetUp() override {
    DomainTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    teacher = make_actor("teacher", "instructor");
    course = make_course(teacher);
    student = make_actor("student");
    apps::courses::enroll(conn(), student, course.id, now());
  }

  // single_choice (1 point): "4" is right; multiple_choice (2): "2" and "3";
  // true_false (1): "True"; short_answer (1): "Paris" or "Ville de Paris".
  static apps::courses::AssessmentInput quiz_input() {
    using Answers = std::vector<apps::courses::AnswerInput>;
    return {
        .title = "Quiz",
        .description = "Warm-up",
        .questions = {{.question_type = "single_choice",
                       .question_text = "2 + 2?",
                       .explanation = "Count.",
                       .position = 0,
                       .answers = Answers{{.answer_text = "3", .is_correct = false},
                                          {.answer_text = "4", .is_correct = true},
                                          {.answer_text = "5", .is_correct = false}}},
                      {.question_type = "multiple_choice",
                       .question_text = "Primes?",
                       .explanation = "Two divisors.",
                       .points = 2,
                       .position = 1,
                       .answers = Answers{{.answer_text = "2", .is_correct = true},
                                          {.answer_text = "3", .is_correct = true},
                                          {.answer_text = "4", .is_correct = false}}},
                      {.question_type = "true_false",
                       .text = "The sky is blue.",
                       .feedback = "Look up.",
                       .position = 2,
                       .answers = Answers{{.answer_text = "True", .is_correct = true},
                                          {.answer_text = "False", .is_correct = false}}},
                      {.question_type = "short_answer",
                       .question_text = "Capital of France?",
                       .position = 3,
                       .answers =
                           Answers{{.answer_text = "Paris"}, {.answer_text = "Ville de Paris"}}}},
    };
  }

  apps::courses::AuthoredAssessment make_quiz(apps::courses::AssessmentInput input = quiz_input(),
                                              bool published = true) {
    auto quiz = apps::courses::create_assessment(conn(), teacher, course.id, input, now());
    if (published) {
      quiz.assessment =
          apps::courses::publish_assessment(conn(), teacher, quiz.assessment.id, now());
    }
    return quiz;
  }

  // The id of the answer with this text in the quiz's question `index`.
  static apps::courses::Id answer_id(const apps::courses::AuthoredAssessment& quiz,
                                     std::size_t index, const std::string& text) {
    for (const auto& a : quiz.questions.at(index).answers) {
      if (a.answer_text == text) return a.id;
    }
    ADD_FAILURE() << "no answer " << text;
    return 0;
  }

  // Rows of `from`: a table name, optionally followed by the test's own
  // constant WHERE clause.
  std::int64_t count(const std::string& from) {
    return conn().query("SELECT COUNT(*) FROM " + from).front().get<std::int64_t>(0);
  }

  api::Actor teacher;
  api::Actor student;
  apps::courses::Course course;
};

}  // namespace lectern::testing
