#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/courses/handlers.hpp"

namespace lectern::apps::courses {

namespace {

// The author's view of a question: every column, is_correct included.
struct QuestionOut : Question {
  std::vector<Answer> answers;
  static constexpr JsonPlace kJsonPlaces[] = {{"answers", "created_at"}};
};
BOOST_DESCRIBE_STRUCT(QuestionOut, (Question), (answers))

struct AssessmentOut : Assessment {
  std::vector<QuestionOut> questions;
  static constexpr JsonPlace kJsonPlaces[] = {{"questions", "created_at"}};
};
BOOST_DESCRIBE_STRUCT(AssessmentOut, (Assessment), (questions))

// An attempt as its owner and the course's editors see it; `answers` is
// empty until it is graded.
struct AttemptOut : AssessmentAttempt {
  std::optional<Timestamp> deadline;
  std::vector<AnswerResult> answers;
  static constexpr JsonPlace kJsonPlaces[] = {{"deadline", "submitted_at"},
                                              {"answers", "created_at"}};
};
BOOST_DESCRIBE_STRUCT(AttemptOut, (AssessmentAttempt), (deadline, answers))

// One of my attempts, with the assessment it belongs to.
struct MyAttemptOut : AssessmentAttempt {
  std::string assessment_title;
  Id course_id = 0;
  static constexpr std::string_view kJsonHidden[] = {"user_id"};
  static constexpr JsonPlace kJsonPlaces[] = {{"assessment_title", "attempt_number"},
                                              {"course_id", "attempt_number"}};
};
BOOST_DESCRIBE_STRUCT(MyAttemptOut, (AssessmentAttempt), (assessment_title, course_id))

// The wire's request to create or change an assessment is AssessmentChange:
// its nullable members take null too (the author's view shows them as null),
// and on create questions may come later (POST /api/assessments/{id}/questions).
AssessmentInput assessment_input(AssessmentChange r) {
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
  return {q.question, q.answers};
}

AssessmentOut assessment_out(const AuthoredAssessment& authored) {
  AssessmentOut out{authored.assessment, {}};
  for (const auto& q : authored.questions) out.questions.push_back(question_out(q));
  return out;
}

AttemptOut attempt_out(const AssessmentAttempt& t, std::optional<Timestamp> deadline,
                       std::vector<AnswerResult> answers) {
  return {t, deadline, std::move(answers)};
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
             .request = api::schema<AssessmentChange>("AssessmentRequest"),
             .response = api::schema<AssessmentOut>("AuthoredAssessment"),
             .success_status = 201,
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              AssessmentInput input =
                  assessment_input(api::read_request<AssessmentChange>(call.body()));
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
  api.route("PATCH", "/api/assessments/{id}", api::Auth::kRequired,
            {.summary = "Change an assessment: absent members keep their value; questions, when "
                        "given, replace every question with its answers in one transaction, and "
                        "are refused (409 assessment_has_attempts) once the assessment has "
                        "attempts",
             .tag = "assessments",
             .request = api::schema<AssessmentChange>("AssessmentRequest"),
             .response = api::schema<AssessmentOut>("AuthoredAssessment"),
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(200,
                               assessment_out(update_assessment(
                                   call.db, call.user(), call.id("id"),
                                   api::read_request<AssessmentChange>(call.body()), call.now)));
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
            {.summary = "Add a question with its answers to an assessment (409 "
                        "assessment_has_attempts once it has attempts)",
             .tag = "assessments",
             .request = api::schema<QuestionInput>("QuestionRequest"),
             .response = api::schema<QuestionOut>("AuthoredQuestion"),
             .success_status = 201,
             .error_statuses = {403, 404, 409, 422}},
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
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(200, question_out(update_question(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<QuestionInput>(call.body()), call.now)));
            });
  api.route("DELETE", "/api/questions/{id}", api::Auth::kRequired,
            {.summary = "Delete a question",
             .tag = "assessments",
             .success_status = 204,
             .error_statuses = {403, 404, 409}},
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
  api.route("GET", "/api/me/attempts", api::Auth::kRequired,
            {.summary = "My attempts, newest first",
             .tag = "assessments",
             .response = api::schema<MyAttemptOut>("MyAttempt"),
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  my_attempts(call.db, call.user(), call.page()),
                  [](JsonWriter& w, const MyAttempt& m) {
                    write_json(w, MyAttemptOut{m.attempt, m.assessment_title, m.course_id});
                  });
            });
}

}  // namespace

void register_assessment_routes(api::Api& api) {
  register_authoring(api);
  register_attempts(api);
}

}  // namespace lectern::apps::courses
