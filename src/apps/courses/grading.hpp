// Grading of assessment attempts: pure functions over a question, its Answer
// rows and what the student answered; no database, no clock. The services in
// attempts.cpp load the rows and store what these functions decide.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "apps/courses/records.hpp"

namespace lectern::apps::courses {

// What a student answered to one question: the selected answers of a choice
// question, or the text of a short answer.
struct Response {
  std::vector<Id> answer_ids;
  std::string text_answer;
};

struct QuestionGrade {
  bool is_correct = false;
  std::int64_t points_awarded = 0;  // all of the question's points or none
};

// `answers` are the question's Answer rows (for short_answer: the accepted
// responses); `response` is nullopt when the question was left unanswered,
// which is wrong. Selected ids that are not the question's answers count as
// wrong choices.
QuestionGrade grade_question(const Question& question, std::span<const Answer> answers,
                             const std::optional<Response>& response);

// Trimmed of ASCII white space and folded to lower case byte by byte: only
// ASCII letters change case, other UTF-8 text must match exactly.
std::string normalize_short_answer(std::string_view text);

struct AttemptScore {
  std::int64_t points_earned = 0;
  std::int64_t points_possible = 0;
  std::int64_t score_hundredths = 0;  // 100 * earned / possible, in hundredths, half up
  bool passed = false;                // score >= passing_score
  double score() const { return static_cast<double>(score_hundredths) / 100.0; }
};

// With nothing to earn (no questions) the score is 0.
AttemptScore score_attempt(std::int64_t points_earned, std::int64_t points_possible,
                           std::int64_t passing_score);

}  // namespace lectern::apps::courses
