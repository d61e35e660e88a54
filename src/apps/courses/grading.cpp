#include "apps/courses/grading.hpp"

#include <algorithm>
#include <set>

namespace lectern::apps::courses {

namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool choice_is_correct(const Question& question, std::span<const Answer> answers,
                       const Response& response) {
  std::set<Id> correct;
  for (const Answer& a : answers) {
    if (a.is_correct) correct.insert(a.id);
  }
  const std::set<Id> selected(response.answer_ids.begin(), response.answer_ids.end());
  if (question.question_type == QuestionType::multiple_choice)
    return !correct.empty() && selected == correct;
  // single_choice and true_false: exactly one selection, and it is a correct answer.
  return response.answer_ids.size() == 1 && correct.contains(response.answer_ids.front());
}

bool short_answer_is_correct(std::span<const Answer> answers, const Response& response) {
  const std::string given = normalize_short_answer(response.text_answer);
  if (given.empty()) return false;
  return std::any_of(answers.begin(), answers.end(), [&](const Answer& accepted) {
    return normalize_short_answer(accepted.answer_text) == given;
  });
}

}  // namespace

std::string normalize_short_answer(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

QuestionGrade grade_question(const Question& question, std::span<const Answer> answers,
                             const std::optional<Response>& response) {
  if (!response) return {};
  const bool right = question.question_type == QuestionType::short_answer
                         ? short_answer_is_correct(answers, *response)
                         : choice_is_correct(question, answers, *response);
  return {right, right ? question.points : 0};
}

AttemptScore score_attempt(std::int64_t points_earned, std::int64_t points_possible,
                           std::int64_t passing_score) {
  AttemptScore out{.points_earned = points_earned, .points_possible = points_possible};
  if (points_possible > 0) {
    // 10000 * earned / possible hundredths, rounded half up in integers (the
    // rule of average_hundredths in stats.cpp).
    out.score_hundredths = (points_earned * 20000 + points_possible) / (2 * points_possible);
  }
  out.passed = out.score_hundredths >= passing_score * 100;
  return out;
}

}  // namespace lectern::apps::courses
