// Assessment authoring on both backends: nested creation in one call, the
// rules of each question type with field errors naming their path, the
// question_text/text and explanation/feedback aliases, PATCH of a question,
// who sees what (students never see is_correct) and which assessments a
// course lists to whom.
#include <gtest/gtest.h>

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>
#include <functional>

#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/courses/catalogue.hpp"
#include "db/record.hpp"
#include "quiz_fixture.hpp"

namespace lectern {
namespace {

using namespace apps::courses;

class AssessmentsTest : public testing::QuizTest {
 protected:
  Question stored(Id id) { return db::find_record<Question>(conn(), id).value(); }
};

template <typename T>
std::vector<std::string> member_names() {
  std::vector<std::string> out;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) { out.emplace_back(member.name); });
  return out;
}

TEST_P(AssessmentsTest, CreatesTheAssessmentWithItsQuestionsAndAnswersInOneCall) {
  auto quiz = make_quiz(quiz_input(), false);
  EXPECT_EQ(quiz.assessment.course_id, course.id);
  EXPECT_EQ(quiz.assessment.passing_score, 70);
  EXPECT_FALSE(quiz.assessment.is_published);
  EXPECT_FALSE(quiz.assessment.max_attempts);
  ASSERT_EQ(quiz.questions.size(), 4u);
  EXPECT_EQ(count("courses_question"), 4);
  EXPECT_EQ(count("courses_answer"), 10);

  auto seen = authored_assessment(conn(), teacher, quiz.assessment.id);
  ASSERT_EQ(seen.questions.size(), 4u);
  EXPECT_EQ(seen.questions[1].question.points, 2);
  EXPECT_TRUE(seen.questions[0].answers[1].is_correct);
  EXPECT_FALSE(seen.questions[0].answers[0].is_correct);
  // Accepted short answers are correct whatever the request said.
  for (const Answer& a : seen.questions[3].answers) EXPECT_TRUE(a.is_correct);
  // Either name of an aliased pair fills both columns.
  EXPECT_EQ(seen.questions[2].question.question_text, "The sky is blue.");
  EXPECT_EQ(seen.questions[2].question.text, "The sky is blue.");
  EXPECT_EQ(seen.questions[2].question.explanation, "Look up.");
  EXPECT_EQ(seen.questions[0].question.feedback, "Count.");
}

TEST_P(AssessmentsTest, RefusesBrokenInputNamingThePathAndWritesNothing) {
  auto other = make_course(teacher);
  const Id foreign_lesson = lessons_of(other.id).front().id;
  struct Case {
    std::string name;
    std::function<void(AssessmentInput&)> edit;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no title", [](auto& in) { in.title.reset(); }, "title"},
      {"passing score above 100", [](auto& in) { in.passing_score = 101; }, "passing_score"},
      {"time limit of 0", [](auto& in) { in.time_limit_minutes = 0; }, "time_limit_minutes"},
      {"max attempts of 0", [](auto& in) { in.max_attempts = 0; }, "max_attempts"},
      {"lesson of another course", [&](auto& in) { in.lesson_id = foreign_lesson; }, "lesson_id"},
      {"unknown type", [](auto& in) { in.questions[0].question_type = "essay"; },
       "questions[0].question_type"},
      {"no question text", [](auto& in) { in.questions[0].question_text.reset(); },
       "questions[0].question_text"},
      {"zero points", [](auto& in) { in.questions[1].points = 0; }, "questions[1].points"},
      {"single choice with two correct",
       [](auto& in) { (*in.questions[0].answers)[0].is_correct = true; }, "questions[0].answers"},
      {"single choice with one answer", [](auto& in) { in.questions[0].answers->resize(1); },
       "questions[0].answers"},
      {"true/false with none correct",
       [](auto& in) { (*in.questions[2].answers)[0].is_correct = false; }, "questions[2].answers"},
      {"multiple choice with none correct",
       [](auto& in) {
         for (auto& a : *in.questions[1].answers) a.is_correct = false;
       },
       "questions[1].answers"},
      {"short answer without accepted answers", [](auto& in) { in.questions[3].answers->clear(); },
       "questions[3].answers"},
      {"blank accepted answer", [](auto& in) { (*in.questions[3].answers)[1].answer_text = " "; },
       "questions[3].answers[1].answer_text"},
      {"answer without text", [](auto& in) { (*in.questions[1].answers)[2].answer_text.reset(); },
       "questions[1].answers[2].answer_text"},
      {"question_text and text differ", [](auto& in) { in.questions[0].text = "2 + 3?"; },
       "questions[0].text"},
      {"explanation and feedback differ", [](auto& in) { in.questions[1].feedback = "Other."; },
       "questions[1].feedback"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    AssessmentInput input = quiz_input();
    c.edit(input);
    try {
      create_assessment(conn(), teacher, course.id, input, now());
      ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.fields().size(), 1u) << e.fields().begin()->first;
      EXPECT_TRUE(e.fields().contains(c.field)) << e.fields().begin()->first;
    }
  }
  EXPECT_EQ(count("courses_assessment"), 0);
  EXPECT_EQ(count("courses_question"), 0);

  // Both names with the same value are one write.
  AssessmentInput same = quiz_input();
  same.questions[0].text = same.questions[0].question_text;
  EXPECT_EQ(create_assessment(conn(), teacher, course.id, same, now()).questions[0].question.text,
            "2 + 2?");
}

TEST_P(AssessmentsTest, UpdatingAQuestionIsAPatchAndAliasesWriteBothColumns) {
  auto quiz = make_quiz();
  const Id id = quiz.questions[0].question.id;

  auto updated = update_question(conn(), teacher, id, {.points = 4}, now());
  EXPECT_EQ(updated.question.points, 4);
  EXPECT_EQ(updated.question.question_text, "2 + 2?");
  EXPECT_EQ(updated.answers.size(), 3u);

  update_question(conn(), teacher, id, {.text = "Two plus two?", .feedback = "Add."}, now());
  Question q = stored(id);
  EXPECT_EQ(q.question_text, "Two plus two?");
  EXPECT_EQ(q.text, "Two plus two?");
  EXPECT_EQ(q.explanation, "Add.");
  EXPECT_EQ(q.feedback, "Add.");
  EXPECT_EQ(q.points, 4);

  update_question(conn(), teacher, id, {.explanation = "Sum."}, now());
  EXPECT_EQ(stored(id).feedback, "Sum.");

  try {
    update_question(conn(), teacher, id, {.question_text = "A", .text = "B", .points = 9}, now());
    ADD_FAILURE() << "alias conflict accepted";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("text"));
  }
  EXPECT_EQ(stored(id).question_text, "Two plus two?");
  EXPECT_EQ(stored(id).points, 4);
}

TEST_P(AssessmentsTest, ChangingTypeOrAnswersIsCheckedAgainstTheWholeQuestion) {
  auto quiz = make_quiz();
  const Id id = quiz.questions[1].question.id;  // multiple choice, two correct
  // Two correct answers do not make a single choice.
  EXPECT_THROW(update_question(conn(), teacher, id, {.question_type = "single_choice"}, now()),
               ValidationError);
  // As a short answer its answers become accepted responses.
  auto short_one = update_question(conn(), teacher, id, {.question_type = "short_answer"}, now());
  ASSERT_EQ(short_one.answers.size(), 3u);
  for (const Answer& a : short_one.answers) EXPECT_TRUE(a.is_correct);

  auto replaced = update_question(
      conn(), teacher, id,
      {.question_type = "true_false",
       .answers = std::vector<AnswerInput>{{.answer_text = "Yes", .is_correct = false},
                                           {.answer_text = "No", .is_correct = true}}},
      now());
  ASSERT_EQ(replaced.answers.size(), 2u);
  EXPECT_EQ(stored(id).question_type, QuestionType::true_false);
  EXPECT_EQ(count("courses_answer"), 9);
}

TEST_P(AssessmentsTest, QuestionsAreAddedAndDeletedByTheCoursesEditorsOnly) {
  auto quiz = make_quiz();
  const QuestionInput extra{
      .question_type = "true_false",
      .question_text = "Is C++ fun?",
      .answers = std::vector<AnswerInput>{{.answer_text = "Yes"}, {.answer_text = "No"}}};
  try {
    add_question(conn(), teacher, quiz.assessment.id, extra, now());
    ADD_FAILURE() << "accepted a true/false question without a correct answer";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("answers"));
  }
  QuestionInput fixed = extra;
  (*fixed.answers)[0].is_correct = true;
  auto added = add_question(conn(), teacher, quiz.assessment.id, fixed, now());
  EXPECT_EQ(authored_assessment(conn(), teacher, quiz.assessment.id).questions.size(), 5u);

  auto other = make_actor("other", "instructor");
  EXPECT_THROW(add_question(conn(), other, quiz.assessment.id, fixed, now()), ForbiddenError);
  EXPECT_THROW(delete_question(conn(), student, added.question.id, now()), ForbiddenError);
  delete_question(conn(), teacher, added.question.id, now());
  EXPECT_EQ(count("courses_question"), 4);
  EXPECT_EQ(count("courses_answer"), 10);
  EXPECT_THROW(delete_question(conn(), teacher, added.question.id, now()), NotFoundError);
}

TEST_P(AssessmentsTest, StudentsNeverSeeIsCorrectAndShortAnswersListNoAnswers) {
  // The view's types carry no key that gives the answers away.
  EXPECT_EQ(member_names<StudentAnswer>(),
            (std::vector<std::string>{"id", "answer_text", "position"}));
  EXPECT_EQ(member_names<StudentQuestion>(),
            (std::vector<std::string>{"id", "question_type", "question_text", "text", "points",
                                      "position", "answers"}));

  auto quiz = make_quiz();
  StudentAssessment view = student_assessment(conn(), student, quiz.assessment.id);
  EXPECT_EQ(view.id, quiz.assessment.id);
  EXPECT_EQ(view.course_id, course.id);
  EXPECT_EQ(view.passing_score, 70);
  ASSERT_EQ(view.questions.size(), 4u);
  EXPECT_EQ(view.questions[0].answers.size(), 3u);
  EXPECT_EQ(view.questions[0].answers[1].answer_text, "4");
  EXPECT_EQ(view.questions[2].text, "The sky is blue.");
  EXPECT_EQ(view.questions[3].question_type, QuestionType::short_answer);
  EXPECT_TRUE(view.questions[3].answers.empty());
}

TEST_P(AssessmentsTest, WhoSeesWhat) {
  auto draft = make_quiz(quiz_input(), false);
  auto published = make_quiz();
  auto stranger = make_actor("stranger");
  auto other = make_actor("other", "instructor");
  auto admin = make_actor("admin", "admin");
  // A draft does not exist for students or other instructors.
  EXPECT_THROW(student_assessment(conn(), student, draft.assessment.id), NotFoundError);
  EXPECT_THROW(authored_assessment(conn(), other, draft.assessment.id), NotFoundError);
  EXPECT_THROW(publish_assessment(conn(), other, draft.assessment.id, now()), NotFoundError);
  // A published one: students must be enrolled; only editors see the answers.
  try {
    student_assessment(conn(), stranger, published.assessment.id);
    ADD_FAILURE() << "a student who is not enrolled saw it";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.code(), "not_enrolled");
  }
  EXPECT_THROW(authored_assessment(conn(), student, published.assessment.id), ForbiddenError);
  EXPECT_THROW(create_assessment(conn(), other, course.id, quiz_input(), now()), ForbiddenError);
  EXPECT_EQ(authored_assessment(conn(), admin, draft.assessment.id).questions.size(), 4u);
  EXPECT_EQ(student_assessment(conn(), teacher, draft.assessment.id).questions.size(), 4u);
  // A dropped enrolment no longer opens it.
  drop_enrollment(conn(), student, course.id, now());
  EXPECT_THROW(student_assessment(conn(), student, published.assessment.id), ForbiddenError);
}

TEST_P(AssessmentsTest, PublishingNeedsAQuestion) {
  AssessmentInput empty{.title = "Empty"};
  auto made = create_assessment(conn(), teacher, course.id, empty, now());
  try {
    publish_assessment(conn(), teacher, made.assessment.id, now());
    ADD_FAILURE() << "published without questions";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("questions"));
  }
  auto quiz = make_quiz();
  EXPECT_TRUE(quiz.assessment.is_published);
  EXPECT_TRUE(db::find_record<Assessment>(conn(), quiz.assessment.id)->is_published);
}

TEST_P(AssessmentsTest, ListsTheAssessmentsTheActorMaySee) {
  auto draft = make_quiz(quiz_input(), false);
  auto published = make_quiz();
  auto ids = [](const api::Page<Assessment>& page) {
    std::vector<Id> out;
    for (const Assessment& a : page.results) out.push_back(a.id);
    return out;
  };
  EXPECT_EQ(ids(list_assessments(conn(), teacher, course.id, {})),
            (std::vector<Id>{draft.assessment.id, published.assessment.id}));
  auto seen = list_assessments(conn(), student, course.id, {});
  EXPECT_EQ(seen.count, 1);
  EXPECT_EQ(ids(seen), std::vector<Id>{published.assessment.id});
  EXPECT_EQ(
      list_assessments(conn(), teacher, course.id, {.page = 2, .page_size = 1}).results.size(), 1u);
  auto hidden = make_course(teacher, 1, 1, false);
  EXPECT_THROW(list_assessments(conn(), student, hidden.id, {}), NotFoundError);
}

TEST_P(AssessmentsTest, AChangeKeepsWhatItLeavesOutAndReplacesTheQuestions) {
  AssessmentInput input = quiz_input();
  input.time_limit_minutes = 20;
  input.max_attempts = 3;
  auto quiz = make_quiz(input, false);
  const Id id = quiz.assessment.id;

  auto renamed = update_assessment(
      conn(), teacher, id,
      {.title = "Quiz two", .time_limit_minutes = std::optional<std::int64_t>{}}, now());
  EXPECT_EQ(renamed.assessment.title, "Quiz two");
  EXPECT_EQ(renamed.assessment.description, "Warm-up");
  EXPECT_FALSE(renamed.assessment.time_limit_minutes);  // null removes it
  EXPECT_EQ(renamed.assessment.max_attempts, 3);
  EXPECT_EQ(renamed.questions.size(), 4u);  // questions left out stay
  EXPECT_EQ(count("courses_answer"), 10);

  // Without positions, the questions keep the request's order.
  AssessmentInput other = quiz_input();
  for (auto& q : other.questions) q.position.reset();
  auto replaced = update_assessment(
      conn(), teacher, id,
      {.passing_score = 50,
       .questions = std::vector<QuestionInput>{other.questions[2], other.questions[0]}},
      now());
  EXPECT_EQ(replaced.assessment.passing_score, 50);
  ASSERT_EQ(replaced.questions.size(), 2u);
  EXPECT_EQ(replaced.questions[0].question.question_text, "The sky is blue.");
  EXPECT_EQ(replaced.questions[1].question.question_text, "2 + 2?");
  EXPECT_EQ(count("courses_question"), 2);
  EXPECT_EQ(count("courses_answer"), 5);
  EXPECT_EQ(authored_assessment(conn(), teacher, id).questions.size(), 2u);
}

TEST_P(AssessmentsTest, ABrokenChangeNamesThePathAndChangesNothing) {
  auto quiz = make_quiz(quiz_input(), false);
  const Id id = quiz.assessment.id;
  AssessmentInput broken = quiz_input();
  (*broken.questions[1].answers)[0].is_correct = false;
  (*broken.questions[1].answers)[1].is_correct = false;
  try {
    update_assessment(conn(), teacher, id,
                      {.title = "", .passing_score = 101, .questions = broken.questions}, now());
    ADD_FAILURE() << "accepted";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("title"));
    EXPECT_TRUE(e.fields().contains("passing_score"));
    EXPECT_TRUE(e.fields().contains("questions[1].answers"));
    EXPECT_EQ(e.fields().size(), 3u);
  }
  auto seen = authored_assessment(conn(), teacher, id);
  EXPECT_EQ(seen.assessment.title, "Quiz");
  EXPECT_EQ(seen.assessment.passing_score, 70);
  EXPECT_EQ(count("courses_question"), 4);
  EXPECT_EQ(count("courses_answer"), 10);
}

TEST_P(AssessmentsTest, OnceAttemptedItsQuestionsNoLongerChange) {
  auto quiz = make_quiz();
  const Id id = quiz.assessment.id;
  start_attempt(conn(), student, id, now());
  EXPECT_EQ(attempt_count(conn(), id), 1);
  try {
    update_assessment(conn(), teacher, id,
                      {.title = "Renamed", .questions = std::vector<QuestionInput>{}}, now());
    ADD_FAILURE() << "the questions of an attempted assessment changed";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "assessment_has_attempts");
    EXPECT_TRUE(e.fields().contains("questions"));
  }
  EXPECT_EQ(authored_assessment(conn(), teacher, id).assessment.title, "Quiz");
  // Nor one question at a time.
  const Id first = quiz.questions[0].question.id;
  const QuestionInput extra = quiz_input().questions[2];
  for (const auto& change : std::vector<std::function<void()>>{
           [&] { add_question(conn(), teacher, id, extra, now()); },
           [&] { update_question(conn(), teacher, first, {.points = 9}, now()); },
           [&] { delete_question(conn(), teacher, first, now()); }}) {
    try {
      change();
      ADD_FAILURE() << "a question of an attempted assessment changed";
    } catch (const ConflictError& e) {
      EXPECT_EQ(e.code(), "assessment_has_attempts");
    }
  }
  EXPECT_EQ(count("courses_question"), 4);
  EXPECT_EQ(stored(first).points, 1);
  // Its other settings still change.
  auto renamed =
      update_assessment(conn(), teacher, id, {.title = "Renamed", .max_attempts = 2}, now());
  EXPECT_EQ(renamed.assessment.title, "Renamed");
  EXPECT_EQ(renamed.assessment.max_attempts, 2);
  EXPECT_EQ(renamed.questions.size(), 4u);
}

TEST_P(AssessmentsTest, OnlyTheCoursesEditorsChangeAnAssessment) {
  auto draft = make_quiz(quiz_input(), false);
  auto published = make_quiz();
  auto other = make_actor("other", "instructor");
  auto admin = make_actor("admin", "admin");
  const AssessmentChange rename{.title = "Mine now"};
  EXPECT_THROW(update_assessment(conn(), other, draft.assessment.id, rename, now()), NotFoundError);
  EXPECT_THROW(update_assessment(conn(), other, published.assessment.id, rename, now()),
               ForbiddenError);
  EXPECT_THROW(update_assessment(conn(), student, published.assessment.id, rename, now()),
               ForbiddenError);
  EXPECT_EQ(update_assessment(conn(), admin, draft.assessment.id, rename, now()).assessment.title,
            "Mine now");
  auto elsewhere = make_course(teacher);
  const Id foreign_lesson = lessons_of(elsewhere.id).front().id;
  try {
    update_assessment(conn(), teacher, draft.assessment.id,
                      {.lesson_id = OptionalId{foreign_lesson}}, now());
    ADD_FAILURE() << "a lesson of another course was accepted";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("lesson_id"));
  }
}

LECTERN_INSTANTIATE_BACKENDS(AssessmentsTest);

}  // namespace
}  // namespace lectern
