#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/courses/handlers.hpp"

namespace lectern::apps::courses {

namespace {

// The author's view of a question: every column, is_correct included.
struct QuestionOut {
  Id id = 0;
  Id assessment_id = 0;
  QuestionType question_type{};
  std::string question_text;
  std::string text;
  std::string explanation;
  std::string feedback;
  std::int64_t points = 0;
  std::int64_t position = 0;
  std::vector<Answer> answers;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(QuestionOut, (),
                      (id, assessment_id, question_type, question_text, text, explanation, feedback,
                       points, position, answers, created_at, updated_at))

struct AssessmentOut {
  Id id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string title;
  std::string description;
  std::int64_t passing_score = 0;
  std::optional<std::int64_t> time_limit_minutes;
  std::optional<std::int64_t> max_attempts;
  bool is_published = false;
  std::vector<QuestionOut> questions;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(AssessmentOut, (),
                      (id, course_id, lesson_id, title, description, passing_score,
                       time_limit_minutes, max_attempts, is_published, questions, created_at,
                       updated_at))

// An attempt as its owner and the course's editors see it; `answers` is
// empty until it is graded.
struct AttemptOut {
  Id id = 0;
  Id user_id = 0;
  Id assessment_id = 0;
  std::int64_t attempt_number = 0;
  AttemptStatus status{};
  Timestamp started_at;
  std::optional<Timestamp> deadline;
  std::optional<Timestamp> submitted_at;
  std::int64_t points_earned = 0;
  std::int64_t points_possible = 0;
  double score = 0;
  bool passed = false;
  std::vector<AnswerResult> answers;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(AttemptOut, (),
                      (id, user_id, assessment_id, attempt_number, status, started_at, deadline,
                       submitted_at, points_earned, points_possible, score, passed, answers,
                       created_at, updated_at))

// One of my attempts, with the assessment it belongs to.
struct MyAttemptOut {
  Id id = 0;
  Id assessment_id = 0;
  std::string assessment_title;
  Id course_id = 0;
  std::int64_t attempt_number = 0;
  AttemptStatus status{};
  Timestamp started_at;
  std::optional<Timestamp> submitted_at;
  std::int64_t points_earned = 0;
  std::int64_t points_possible = 0;
  double score = 0;
  bool passed = false;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(MyAttemptOut, (),
                      (id, assessment_id, assessment_title, course_id, attempt_number, status,
                       started_at, submitted_at, points_earned, points_possible, score, passed,
                       created_at, updated_at))

// AssessmentInput as the wire has it: the nullable members take null too
// (the author's view shows them as null), and questions may come later
// (POST /api/assessments/{id}/questions).
struct AssessmentRequest {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::int64_t> passing_score;
  std::optional<std::optional<std::int64_t>> time_limit_minutes;
  std::optional<std::optional<std::int64_t>> max_attempts;
  std::optional<OptionalId> lesson_id;
  std::optional<std::vector<QuestionInput>> questions;
};
BOOST_DESCRIBE_STRUCT(AssessmentRequest, (),
                      (title, description, passing_score, time_limit_minutes, max_attempts,
                       lesson_id, questions))

AssessmentInput assessment_input(AssessmentRequest r) {
  return {.title = std::move(r.title),
          .description = std::move(r.description),
          .passing_score = r.passing_score,
          .time_limit_minutes = r.time_limit_minutes.value_or(std::nullopt),
          .max_attempts = r.max_attempts.value_or(std::nullopt),
          .lesson_id = r.lesson_id.value_or(std::nullopt),
          .questions = std::move(r.questions).value_or(std::vector<QuestionInput>{})};
}

struct SubmitRequest {
  std::vector<SubmittedAnswer> answers;
};
BOOST_DESCRIBE_STRUCT(SubmitRequest, (), (answers))

QuestionOut question_out(const AuthoredQuestion& q) {
  const Question& c = q.question;
  return {c.id,       c.assessment_id, c.question_type, c.question_text,
          c.text,     c.explanation,   c.feedback,      c.points,
          c.position, q.answers,       c.created_at,    c.updated_at};
}

AssessmentOut assessment_out(const AuthoredAssessment& authored) {
  const Assessment& a = authored.assessment;
  AssessmentOut out{a.id,
                    a.course_id,
                    a.lesson_id,
                    a.title,
                    a.description,
                    a.passing_score,
                    a.time_limit_minutes,
                    a.max_attempts,
                    a.is_published,
                    {},
                    a.created_at,
                    a.updated_at};
  for (const auto& q : authored.questions) out.questions.push_back(question_out(q));
  return out;
}

AttemptOut attempt_out(const AssessmentAttempt& t, std::optional<Timestamp> deadline,
                       std::vector<AnswerResult> answers) {
  return {t.id,         t.user_id, t.assessment_id,    t.attempt_number, t.status,
          t.started_at, deadline,  t.submitted_at,     t.points_earned,  t.points_possible,
          t.score,      t.passed,  std::move(answers), t.created_at,     t.updated_at};
}

AttemptOut attempt_out(const AttemptResult& r) {
  return attempt_out(r.attempt, r.deadline, r.answers);
}

// GET /api/assessments/{id} answers with one of two shapes.
void assessment_views_schema(JsonWriter& w) {
  w.begin_object();
  w.key("description");
  w.string(
      "AuthoredAssessment for the course's instructor and admins, StudentAssessment for "
      "enrolled students.");
  w.key("oneOf");
  w.begin_array();
  api::json_schema_of<AssessmentOut>(w);
  api::json_schema_of<StudentAssessment>(w);
  w.end_array();
  w.end_object();
}

void register_authoring(api::Api& api) {
  api.route("POST", "/api/courses/{id}/assessments", api::Auth::kRequired,
            {.summary = "Create an unpublished assessment with its questions and answers",
             .tag = "assessments",
             .request = api::schema<AssessmentRequest>("AssessmentRequest"),
             .response = api::schema<AssessmentOut>("AuthoredAssessment"),
             .success_status = 201,
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              AssessmentInput input =
                  assessment_input(api::read_request<AssessmentRequest>(call.body()));
              return api::json(201, assessment_out(create_assessment(
                                        call.db, call.user(), call.id("id"), input, call.now)));
            });
  api.route("GET", "/api/courses/{id}/assessments", api::Auth::kRequired,
            {.summary = "A course's assessments by id (drafts only for its instructor and admins)",
             .tag = "assessments",
             .response = api::schema<Assessment>("Assessment"),
             .error_statuses = {404},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_assessments(call.db, call.user(), call.id("id"), call.page()));
            });
  api.route("GET", "/api/assessments/{id}", api::Auth::kRequired,
            {.summary = "An assessment: the author's view for its course's instructor and admins, "
                        "without correct answers for enrolled students",
             .tag = "assessments",
             .response = {"AssessmentView", &assessment_views_schema},
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              const Id id = call.id("id");
              if (assessment_access(call.db, call.user(), id).course.can_edit) {
                return api::json(200,
                                 assessment_out(authored_assessment(call.db, call.user(), id)));
              }
              return api::json(200, student_assessment(call.db, call.user(), id));
            });
  api.route("POST", "/api/assessments/{id}/publish", api::Auth::kRequired,
            {.summary = "Publish an assessment (it needs a question)",
             .tag = "assessments",
             .response = api::schema<AssessmentOut>("AuthoredAssessment"),
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              const Id id = call.id("id");
              publish_assessment(call.db, call.user(), id, call.now);
              return api::json(200, assessment_out(authored_assessment(call.db, call.user(), id)));
            });
  api.route("DELETE", "/api/assessments/{id}", api::Auth::kRequired,
            {.summary = "Delete an assessment with its questions and attempts",
             .tag = "assessments",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_assessment(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
  api.route("POST", "/api/assessments/{id}/questions", api::Auth::kRequired,
            {.summary = "Add a question with its answers to an assessment",
             .tag = "assessments",
             .request = api::schema<QuestionInput>("QuestionRequest"),
             .response = api::schema<QuestionOut>("AuthoredQuestion"),
             .success_status = 201,
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              return api::json(201, question_out(add_question(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<QuestionInput>(call.body()), call.now)));
            });
  api.route("PATCH", "/api/questions/{id}", api::Auth::kRequired,
            {.summary = "Change a question (text/question_text and feedback/explanation are "
                        "aliases; answers, when given, replace the question's answers)",
             .tag = "assessments",
             .request = api::schema<QuestionInput>("QuestionRequest"),
             .response = api::schema<QuestionOut>("AuthoredQuestion"),
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              return api::json(200, question_out(update_question(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<QuestionInput>(call.body()), call.now)));
            });
  api.route("DELETE", "/api/questions/{id}", api::Auth::kRequired,
            {.summary = "Delete a question",
             .tag = "assessments",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_question(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
}

void register_attempts(api::Api& api) {
  api.route("POST", "/api/assessments/{id}/attempts", api::Auth::kRequired,
            {.summary = "Start an attempt at a published assessment (enrolled students)",
             .tag = "assessments",
             .response = api::schema<AttemptOut>("Attempt"),
             .success_status = 201,
             .error_statuses = {403, 404, 409}},
            [](api::Call& call) {
              StartedAttempt s = start_attempt(call.db, call.user(), call.id("id"), call.now);
              return api::json(201, attempt_out(s.attempt, s.deadline, {}));
            });
  api.route("POST", "/api/attempts/{id}/submit", api::Auth::kRequired,
            {.summary = "Submit my attempt's answers and get it graded (questions left out are "
                        "wrong)",
             .tag = "assessments",
             .request = api::schema<SubmitRequest>("SubmitRequest"),
             .response = api::schema<AttemptOut>("Attempt"),
             .error_statuses = {404, 409, 422}},
            [](api::Call& call) {
              auto request = api::read_request<SubmitRequest>(call.body());
              return api::json(200, attempt_out(submit_attempt(call.db, call.user(), call.id("id"),
                                                               request.answers, call.now)));
            });
  api.route("GET", "/api/attempts/{id}", api::Auth::kRequired,
            {.summary = "An attempt (its student, the course's instructor and admins)",
             .tag = "assessments",
             .response = api::schema<AttemptOut>("Attempt"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(200, attempt_out(get_attempt(call.db, call.user(), call.id("id"))));
            });
  api.route(
      "GET", "/api/me/attempts", api::Auth::kRequired,
      {.summary = "My attempts, newest first",
       .tag = "assessments",
       .response = api::schema<MyAttemptOut>("MyAttempt"),
       .paginated = true},
      [](api::Call& call) {
        return api::page_response(
            my_attempts(call.db, call.user(), call.page()), [](JsonWriter& w, const MyAttempt& m) {
              const AssessmentAttempt& t = m.attempt;
              write_json(w, MyAttemptOut{t.id, t.assessment_id, m.assessment_title, m.course_id,
                                         t.attempt_number, t.status, t.started_at, t.submitted_at,
                                         t.points_earned, t.points_possible, t.score, t.passed,
                                         t.created_at, t.updated_at});
            });
      });
}

}  // namespace

void register_assessment_routes(api::Api& api) {
  register_authoring(api);
  register_attempts(api);
}

}  // namespace lectern::apps::courses
