#include "apps/courses/assessments.hpp"

#include <map>

#include "api/validation.hpp"
#include "apps/courses/grading.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxQuestions = 200;
constexpr std::size_t kMaxAnswers = 50;
constexpr std::size_t kMaxLongText = 10000;
constexpr std::size_t kMaxAnswerText = 2000;

// A field's name under its place in the request: ("questions[0].", "points").
std::string at(std::string_view prefix, std::string_view field) {
  return std::string(prefix) + std::string(field);
}

// The value an aliased pair writes to both its columns: whichever name was
// given, or nullopt when neither. Both names with different values is
// refused on the alias's field.
std::optional<std::string> resolve_alias(api::Validator& v, std::string_view prefix,
                                         std::string_view name, std::string_view alias,
                                         const std::optional<std::string>& value,
                                         const std::optional<std::string>& alias_value) {
  if (value && alias_value && *value != *alias_value) {
    v.fail(at(prefix, alias), std::string(alias) + " is an alias of " + std::string(name) +
                                  "; send one of them, or both with the same value.");
    return std::nullopt;
  }
  return value ? value : alias_value;
}

// Checks the question members of `input` and writes those present into
// `question` (both columns of an aliased pair).
void apply_question(const QuestionInput& input, bool creating, std::string_view prefix,
                    api::Validator& v, Question& question) {
  const auto type = v.choice<QuestionType>(at(prefix, "question_type"), input.question_type);
  auto text = resolve_alias(v, prefix, "question_text", "text", input.question_text, input.text);
  auto explanation =
      resolve_alias(v, prefix, "explanation", "feedback", input.explanation, input.feedback);
  if (!v.has(at(prefix, "text"))) {
    v.text(at(prefix, input.text && !input.question_text ? "text" : "question_text"), text,
           kMaxLongText, creating);
  }
  v.max_length(at(prefix, input.feedback && !input.explanation ? "feedback" : "explanation"),
               explanation, kMaxLongText);
  v.range(at(prefix, "points"), input.points, 1);
  v.range(at(prefix, "position"), input.position, 0);

  if (type) question.question_type = *type;
  if (text) question.question_text = question.text = *text;
  if (explanation) question.explanation = question.feedback = *explanation;
  if (input.points) question.points = *input.points;
  if (input.position) question.position = *input.position;
}

// The answers of a request as rows to insert (question_id not yet set).
std::vector<Answer> answers_from(const std::vector<AnswerInput>& inputs, std::string_view prefix,
                                 api::Validator& v, Timestamp now) {
  std::vector<Answer> out;
  for (std::size_t j = 0; j < inputs.size(); ++j) {
    const AnswerInput& input = inputs[j];
    const std::string item = at(prefix, "answers[" + std::to_string(j) + "].");
    v.text(at(item, "answer_text"), input.answer_text, kMaxAnswerText, true);
    v.range(at(item, "position"), input.position, 0);
    out.push_back(Answer{.answer_text = input.answer_text.value_or(""),
                         .is_correct = input.is_correct.value_or(false),
                         .position = input.position.value_or(0),
                         .created_at = now,
                         .updated_at = now});
  }
  return out;
}

// The rules of each question type over its whole answer set. A short
// answer's answers are accepted responses: all of them count as correct.
void check_answer_set(const Question& question, std::vector<Answer>& answers,
                      std::string_view prefix, api::Validator& v) {
  const std::string field = at(prefix, "answers");
  if (answers.size() > kMaxAnswers) {
    v.fail(field, "Give at most " + std::to_string(kMaxAnswers) + " answers.");
    return;
  }
  std::size_t correct = 0;
  for (const Answer& a : answers) correct += a.is_correct;
  const QuestionType type = question.question_type;
  if (type == QuestionType::short_answer) {
    if (answers.empty()) v.fail(field, "Give at least one accepted answer.");
    for (std::size_t j = 0; j < answers.size(); ++j) {
      answers[j].is_correct = true;
      if (normalize_short_answer(answers[j].answer_text).empty()) {
        v.fail(at(prefix, "answers[" + std::to_string(j) + "].answer_text"),
               "An accepted answer may not be blank.");
      }
    }
  } else if (answers.size() < 2) {
    v.fail(field, "Give at least two answers.");
  } else if (type == QuestionType::multiple_choice && correct == 0) {
    v.fail(field, "Mark at least one answer correct.");
  } else if ((type == QuestionType::single_choice || type == QuestionType::true_false) &&
             correct != 1) {
    v.fail(field, "Mark exactly one answer correct.");
  }
}

// A question and its answers from a request, ready to insert.
AuthoredQuestion question_from(const QuestionInput& input, std::string_view prefix,
                               api::Validator& v, Timestamp now) {
  AuthoredQuestion out{.question = Question{.created_at = now, .updated_at = now}};
  apply_question(input, true, prefix, v, out.question);
  out.answers = answers_from(input.answers.value_or(std::vector<AnswerInput>{}), prefix, v, now);
  if (!v.has(at(prefix, "question_type"))) check_answer_set(out.question, out.answers, prefix, v);
  return out;
}

void insert_answers(db::Connection& db, Id question_id, std::vector<Answer>& answers) {
  for (Answer& a : answers) {
    a.question_id = question_id;
    a.id = db::insert_record(db, a);
  }
}

void insert_question(db::Connection& db, Id assessment_id, AuthoredQuestion& q) {
  q.question.assessment_id = assessment_id;
  q.question.id = db::insert_record(db, q.question);
  insert_answers(db, q.question.id, q.answers);
}

// ForbiddenError unless the actor edits the assessment's course.
const AssessmentAccess& require_assessment_editor(const AssessmentAccess& access) {
  if (!access.course.can_edit) {
    throw ForbiddenError("not_course_instructor",
                         "Only the course's instructor may change its assessments.");
  }
  return access;
}

// assessment_access, then require_assessment_editor.
AssessmentAccess editable_assessment(db::Connection& db, const api::Actor& actor,
                                     Id assessment_id) {
  AssessmentAccess access = assessment_access(db, actor, assessment_id);
  require_assessment_editor(access);
  return access;
}

// The question, when the actor edits its course (NotFoundError naming the
// question otherwise, as for anything the actor may not see).
Question editable_question(db::Connection& db, const api::Actor& actor, Id question_id) {
  const std::string missing = "No question " + std::to_string(question_id) + ".";
  auto question = db::find_record<Question>(db, question_id);
  if (!question) throw NotFoundError(missing);
  auto access = find_assessment_access(db, actor, question->assessment_id);
  if (!access) throw NotFoundError(missing);
  require_assessment_editor(*access);
  return *question;
}

std::vector<Answer> answers_of(db::Connection& db, Id question_id) {
  static const std::string sql =
      "SELECT " + db::select_list<Answer>() +
      " FROM courses_answer WHERE question_id = $1 ORDER BY position, id";
  return db::read_records<Answer>(db.query(sql, question_id));
}

std::int64_t question_count(db::Connection& db, Id assessment_id) {
  return db.count("SELECT COUNT(*) FROM courses_question WHERE assessment_id = $1", assessment_id);
}

// The settings both creating and changing check (the title's rule differs:
// required on create).
void check_settings(api::Validator& v, const std::optional<std::string>& description,
                    const std::optional<std::int64_t>& passing_score,
                    const std::optional<std::int64_t>& time_limit_minutes,
                    const std::optional<std::int64_t>& max_attempts) {
  v.max_length("description", description, kMaxLongText);
  v.range("passing_score", passing_score, 0, 100);
  v.range("time_limit_minutes", time_limit_minutes, 1);
  v.range("max_attempts", max_attempts, 1);
}

// The questions of a request ("questions[i]." naming each one's fields).
std::vector<AuthoredQuestion> questions_from(const std::vector<QuestionInput>& inputs,
                                             api::Validator& v, Timestamp now) {
  if (inputs.size() > kMaxQuestions) {
    v.fail("questions", "Give at most " + std::to_string(kMaxQuestions) + " questions.");
  }
  std::vector<AuthoredQuestion> out;
  for (std::size_t i = 0; i < inputs.size() && i < kMaxQuestions; ++i) {
    out.push_back(question_from(inputs[i], "questions[" + std::to_string(i) + "].", v, now));
  }
  return out;
}

// An assessment's lesson must be one of its course's.
void check_lesson(db::Connection& c, api::Validator& v, const OptionalId& lesson_id, Id course_id) {
  if (lesson_id &&
      c.query("SELECT 1 FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id "
              "WHERE l.id = $1 AND m.course_id = $2",
              *lesson_id, course_id)
          .empty()) {
    v.fail("lesson_id", "No lesson " + std::to_string(*lesson_id) + " in this course.");
  }
}

// The questions an attempt was graded on stay as they were: once an
// assessment has attempts, its questions no longer change.
void refuse_if_attempted(db::Connection& c, Id assessment_id) {
  if (attempt_count(c, assessment_id) > 0) {
    throw ConflictError("assessment_has_attempts",
                        "This assessment has attempts, so its questions can no longer change "
                        "(its other settings still can).",
                        FieldErrors{{"questions", "Attempts were made at these questions."}});
  }
}

}  // namespace

std::optional<AssessmentAccess> find_assessment_access(db::Connection& db, const api::Actor& actor,
                                                       Id assessment_id) {
  auto assessment = db::find_record<Assessment>(db, assessment_id);
  if (!assessment) return std::nullopt;
  auto course = find_course_access(db, assessment->course_id, &actor);
  if (!course || (!assessment->is_published && !course->can_edit)) return std::nullopt;
  return AssessmentAccess{.assessment = std::move(*assessment), .course = std::move(*course)};
}

AssessmentAccess assessment_access(db::Connection& db, const api::Actor& actor, Id assessment_id) {
  auto access = find_assessment_access(db, actor, assessment_id);
  if (!access) throw NotFoundError("No assessment " + std::to_string(assessment_id) + ".");
  return std::move(*access);
}

std::vector<AuthoredQuestion> questions_of(db::Connection& db, Id assessment_id) {
  static const std::string questions_sql =
      "SELECT " + db::select_list<Question>() +
      " FROM courses_question WHERE assessment_id = $1 ORDER BY position, id";
  static const std::string answers_sql =
      "SELECT " + db::select_list<Answer>("a") +
      " FROM courses_answer a JOIN courses_question q ON q.id = a.question_id WHERE "
      "q.assessment_id = $1 ORDER BY a.position, a.id";
  std::vector<AuthoredQuestion> out;
  std::map<Id, std::size_t> index;
  for (auto& question : db::read_records<Question>(db.query(questions_sql, assessment_id))) {
    index[question.id] = out.size();
    out.push_back({std::move(question), {}});
  }
  // Read outside a transaction, an answer may belong to a question added since.
  for (auto& answer : db::read_records<Answer>(db.query(answers_sql, assessment_id))) {
    if (auto it = index.find(answer.question_id); it != index.end()) {
      out[it->second].answers.push_back(std::move(answer));
    }
  }
  return out;
}

AuthoredAssessment create_assessment(db::Connection& db, const api::Actor& actor, Id course_id,
                                     const AssessmentInput& input, Timestamp now) {
  api::Validator v;
  v.text("title", input.title, kMaxTitle, true);
  check_settings(v, input.description, input.passing_score, input.time_limit_minutes,
                 input.max_attempts);
  AuthoredAssessment out{.assessment = Assessment{.course_id = course_id,
                                                  .lesson_id = input.lesson_id,
                                                  .title = input.title.value_or(""),
                                                  .description = input.description.value_or(""),
                                                  .passing_score = input.passing_score.value_or(70),
                                                  .time_limit_minutes = input.time_limit_minutes,
                                                  .max_attempts = input.max_attempts,
                                                  .created_at = now,
                                                  .updated_at = now}};
  out.questions = questions_from(input.questions, v, now);
  return db::in_transaction(db, [&](db::Connection& c) {
    require_course_editor(c, course_id, actor);
    check_lesson(c, v, input.lesson_id, course_id);
    v.check();
    out.assessment.id = db::insert_record(c, out.assessment);
    for (AuthoredQuestion& q : out.questions) insert_question(c, out.assessment.id, q);
    return out;
  });
}

AuthoredAssessment update_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                                     const AssessmentChange& change, Timestamp now) {
  api::Validator v;
  v.text("title", change.title, kMaxTitle, false);
  check_settings(v, change.description, change.passing_score,
                 change.time_limit_minutes.value_or(std::nullopt),
                 change.max_attempts.value_or(std::nullopt));
  std::vector<AuthoredQuestion> questions;
  if (change.questions) questions = questions_from(*change.questions, v, now);
  return db::in_transaction(db, [&](db::Connection& c) {
    Assessment a = editable_assessment(c, actor, assessment_id).assessment;
    if (change.lesson_id) check_lesson(c, v, *change.lesson_id, a.course_id);
    v.check();
    if (change.questions) refuse_if_attempted(c, assessment_id);
    if (change.title) a.title = *change.title;
    if (change.description) a.description = *change.description;
    if (change.passing_score) a.passing_score = *change.passing_score;
    if (change.time_limit_minutes) a.time_limit_minutes = *change.time_limit_minutes;
    if (change.max_attempts) a.max_attempts = *change.max_attempts;
    if (change.lesson_id) a.lesson_id = *change.lesson_id;
    a.updated_at = now;
    db::update_record(c, a);
    if (change.questions) {
      // Answers go with their questions (ON DELETE CASCADE).
      c.query("DELETE FROM courses_question WHERE assessment_id = $1", assessment_id);
      for (AuthoredQuestion& q : questions) insert_question(c, assessment_id, q);
    }
    return AuthoredAssessment{a, questions_of(c, assessment_id)};
  });
}

std::int64_t attempt_count(db::Connection& db, Id assessment_id) {
  return db.count("SELECT COUNT(*) FROM courses_assessmentattempt WHERE assessment_id = $1",
                  assessment_id);
}

api::Page<Assessment> list_assessments(db::Connection& db, const api::Actor& actor, Id course_id,
                                       api::PageRequest page) {
  static const std::string all = " FROM courses_assessment WHERE course_id = $1";
  static const std::string published = all + " AND is_published";
  static const std::string select = "SELECT " + db::select_list<Assessment>();
  const std::string& where = course_access(db, course_id, &actor).can_edit ? all : published;
  return api::query_record_page<Assessment>(db, page, "SELECT COUNT(*)" + where,
                                            select + where + " ORDER BY id", course_id);
}

Assessment publish_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                              Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    Assessment assessment = editable_assessment(c, actor, assessment_id).assessment;
    if (assessment.is_published) return assessment;
    if (question_count(c, assessment_id) == 0) {
      throw ValidationError(FieldErrors{{"questions", "Add a question before publishing."}});
    }
    assessment.is_published = true;
    assessment.updated_at = now;
    db::update_record(c, assessment);
    return assessment;
  });
}

void delete_assessment(db::Connection& db, const api::Actor& actor, Id assessment_id,
                       Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    const Assessment assessment = editable_assessment(c, actor, assessment_id).assessment;
    std::vector<Id> users;
    for (const auto& row :
         c.query("SELECT DISTINCT user_id FROM courses_assessmentattempt WHERE assessment_id = $1",
                 assessment_id)) {
      users.push_back(row.get<Id>(0));
    }
    c.query("DELETE FROM courses_assessment WHERE id = $1", assessment_id);
    refresh_course_stats(c, assessment.course_id, now);
    refresh_users_stats(c, users);
  });
}

AuthoredQuestion add_question(db::Connection& db, const api::Actor& actor, Id assessment_id,
                              const QuestionInput& input, Timestamp now) {
  api::Validator v;
  AuthoredQuestion question = question_from(input, "", v, now);
  return db::in_transaction(db, [&](db::Connection& c) {
    editable_assessment(c, actor, assessment_id);
    refuse_if_attempted(c, assessment_id);
    if (question_count(c, assessment_id) >= static_cast<std::int64_t>(kMaxQuestions)) {
      v.fail("questions",
             "An assessment has at most " + std::to_string(kMaxQuestions) + " questions.");
    }
    v.check();
    insert_question(c, assessment_id, question);
    return question;
  });
}

AuthoredQuestion update_question(db::Connection& db, const api::Actor& actor, Id question_id,
                                 const QuestionInput& input, Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    AuthoredQuestion out{.question = editable_question(c, actor, question_id)};
    refuse_if_attempted(c, out.question.assessment_id);
    api::Validator v;
    apply_question(input, false, "", v, out.question);
    out.answers =
        input.answers ? answers_from(*input.answers, "", v, now) : answers_of(c, question_id);
    if (!v.has("question_type")) check_answer_set(out.question, out.answers, "", v);
    v.check();
    out.question.updated_at = now;
    db::update_record(c, out.question);
    if (input.answers) {
      c.query("DELETE FROM courses_answer WHERE question_id = $1", question_id);
      insert_answers(c, question_id, out.answers);
    } else if (out.question.question_type == QuestionType::short_answer) {
      // A change of type turns the answers into accepted responses.
      c.query(
          "UPDATE courses_answer SET is_correct = $2, updated_at = $3 WHERE question_id = $1 AND "
          "NOT is_correct",
          question_id, true, now);
      out.answers = answers_of(c, question_id);
    }
    return out;
  });
}

void delete_question(db::Connection& db, const api::Actor& actor, Id question_id, Timestamp now) {
  (void)now;
  db::in_transaction(db, [&](db::Connection& c) {
    refuse_if_attempted(c, editable_question(c, actor, question_id).assessment_id);
    c.query("DELETE FROM courses_question WHERE id = $1", question_id);
  });
}

AuthoredAssessment authored_assessment(db::Connection& db, const api::Actor& actor,
                                       Id assessment_id) {
  return {editable_assessment(db, actor, assessment_id).assessment,
          questions_of(db, assessment_id)};
}

StudentAssessment student_assessment(db::Connection& db, const api::Actor& actor,
                                     Id assessment_id) {
  const AssessmentAccess access = assessment_access(db, actor, assessment_id);
  if (!access.course.can_edit && !access.enrolled()) {
    throw ForbiddenError("not_enrolled", "Enrol in the course to take this assessment.");
  }
  const Assessment& a = access.assessment;
  StudentAssessment out{.id = a.id,
                        .course_id = a.course_id,
                        .title = a.title,
                        .description = a.description,
                        .passing_score = a.passing_score,
                        .time_limit_minutes = a.time_limit_minutes,
                        .max_attempts = a.max_attempts};
  for (const AuthoredQuestion& q : questions_of(db, assessment_id)) {
    StudentQuestion sq{.id = q.question.id,
                       .question_type = q.question.question_type,
                       .question_text = q.question.question_text,
                       .text = q.question.text,
                       .points = q.question.points,
                       .position = q.question.position};
    // A short answer's answers are what the student must type.
    if (q.question.question_type != QuestionType::short_answer) {
      for (const Answer& answer : q.answers) {
        sq.answers.push_back({answer.id, answer.answer_text, answer.position});
      }
    }
    out.questions.push_back(std::move(sq));
  }
  return out;
}

}  // namespace lectern::apps::courses
