// Grading without a database: every question type right, wrong, partly right
// and unanswered; short answers trimmed and compared in ASCII lower case; the
// score rounded half up to hundredths in integers.
#include "apps/courses/grading.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lectern {
namespace {

using namespace apps::courses;

Question question(QuestionType type, std::int64_t points) {
  return Question{.id = 1, .question_type = type, .points = points};
}

// Answers with ids 10, 11, ... and the given correctness.
std::vector<Answer> answers(std::vector<std::pair<std::string, bool>> texts) {
  std::vector<Answer> out;
  Id id = 10;
  for (auto& [text, correct] : texts) {
    out.push_back(Answer{.id = id++, .question_id = 1, .answer_text = text, .is_correct = correct});
  }
  return out;
}

Response choose(std::vector<Id> ids) {
  return Response{.answer_ids = std::move(ids)};
}
Response type(std::string text) {
  return Response{.text_answer = std::move(text)};
}

TEST(Grading, EveryQuestionTypeAllOrNothing) {
  const auto single = answers({{"3", false}, {"4", true}, {"5", false}});
  const auto truth = answers({{"True", true}, {"False", false}});
  const auto multiple = answers({{"2", true}, {"3", true}, {"4", false}});
  const auto accepted = answers({{"Paris", true}, {"Ville de Paris", true}});
  struct Case {
    std::string name;
    Question question;
    std::vector<Answer> answers;
    std::optional<Response> response;
    bool correct;
  };
  const Question single_q = question(QuestionType::single_choice, 3);
  const Question truth_q = question(QuestionType::true_false, 3);
  const Question multiple_q = question(QuestionType::multiple_choice, 3);
  const Question short_q = question(QuestionType::short_answer, 3);
  const std::vector<Case> cases = {
      {"single: the correct one", single_q, single, choose({11}), true},
      {"single: a wrong one", single_q, single, choose({10}), false},
      {"single: correct plus another", single_q, single, choose({11, 12}), false},
      {"single: nothing selected", single_q, single, choose({}), false},
      {"single: unanswered", single_q, single, std::nullopt, false},
      {"single: an id of another question", single_q, single, choose({99}), false},
      {"true/false: right", truth_q, truth, choose({10}), true},
      {"true/false: wrong", truth_q, truth, choose({11}), false},
      {"true/false: both", truth_q, truth, choose({10, 11}), false},
      {"multiple: exactly the correct set", multiple_q, multiple, choose({11, 10}), true},
      {"multiple: partly right gets nothing", multiple_q, multiple, choose({10}), false},
      {"multiple: correct set plus a wrong one", multiple_q, multiple, choose({10, 11, 12}), false},
      {"multiple: only the wrong one", multiple_q, multiple, choose({12}), false},
      {"multiple: unanswered", multiple_q, multiple, std::nullopt, false},
      {"short: exact", short_q, accepted, type("Paris"), true},
      {"short: trimmed and in other case", short_q, accepted, type("  pARIS \n\t"), true},
      {"short: the second accepted answer", short_q, accepted, type("ville de paris"), true},
      {"short: inner spaces count", short_q, accepted, type("Ville  de Paris"), false},
      {"short: wrong", short_q, accepted, type("Lyon"), false},
      {"short: empty", short_q, accepted, type("   "), false},
      {"short: unanswered", short_q, accepted, std::nullopt, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const QuestionGrade grade = grade_question(c.question, c.answers, c.response);
    EXPECT_EQ(grade.is_correct, c.correct);
    EXPECT_EQ(grade.points_awarded, c.correct ? 3 : 0);
  }
}

TEST(Grading, ShortAnswersFoldOnlyAsciiCase) {
  EXPECT_EQ(normalize_short_answer("\t Über CAFÉ \r\n"), "Über cafÉ");
  const auto accepted = answers({{"café", true}});
  EXPECT_TRUE(
      grade_question(question(QuestionType::short_answer, 1), accepted, type(" CAFé")).is_correct);
  EXPECT_FALSE(
      grade_question(question(QuestionType::short_answer, 1), accepted, type("CAFÉ")).is_correct);
}

TEST(Grading, ScoreIsRoundedHalfUpToHundredths) {
  struct Case {
    std::int64_t earned, possible, passing_score;
    std::int64_t hundredths;
    bool passed;
  };
  const std::vector<Case> cases = {
      {5, 5, 100, 10000, true}, {0, 5, 0, 0, true},      {0, 5, 1, 0, false},
      {2, 3, 70, 6667, false},  {1, 3, 33, 3333, true},  {1, 6, 17, 1667, false},
      {1, 32, 3, 313, true},    {7, 10, 70, 7000, true}, {69, 100, 70, 6900, false},
      {1, 30000, 0, 0, true},   {0, 0, 70, 0, false},    {0, 0, 0, 0, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.earned) + "/" + std::to_string(c.possible));
    const AttemptScore score = score_attempt(c.earned, c.possible, c.passing_score);
    EXPECT_EQ(score.score_hundredths, c.hundredths);
    EXPECT_DOUBLE_EQ(score.score(), static_cast<double>(c.hundredths) / 100.0);
    EXPECT_EQ(score.passed, c.passed);
  }
}

}  // namespace
}  // namespace lectern
