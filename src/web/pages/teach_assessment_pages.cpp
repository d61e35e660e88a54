// The assessment builder: /teach/courses/{id}/assessments/new and
// /teach/assessments/{id}. One form holds the settings and every question
// with its answers; it works without JavaScript: "Add question" and "Add
// answer" post the form as typed and show it again with one more empty row,
// "Save assessment" creates or changes the assessment through the same
// service as the API (create_assessment, update_assessment), "Publish
// assessment" saves and then publishes. A question or answer left entirely
// empty is left out, which is also how one is removed. Once an assessment has
// attempts its questions are shown, not edited (update_assessment refuses to
// change them).
#include <charconv>
#include <map>

#include "apps/courses/assessments.hpp"
#include "core/text.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using namespace apps::courses;

struct TypeChoice {
  const char* value;
  const char* label;
};
constexpr TypeChoice kQuestionTypes[] = {{"single_choice", "Single choice"},
                                         {"multiple_choice", "Multiple choice"},
                                         {"true_false", "True or false"},
                                         {"short_answer", "Short answer"}};

// The form as typed (or as stored): every value as text.
struct AnswerRow {
  std::string text;
  bool correct = false;
  bool blank() const { return !correct && trim(text).empty(); }
};
struct QuestionRow {
  std::string type = "single_choice";
  std::string text, explanation, points = "1";
  std::vector<AnswerRow> answers = std::vector<AnswerRow>(2);
  bool blank() const {
    if (!trim(text).empty() || !trim(explanation).empty()) return false;
    for (const auto& a : answers) {
      if (!a.blank()) return false;
    }
    return true;
  }
};
struct BuilderForm {
  std::string title, description, passing_score = "70", time_limit, max_attempts;
  std::vector<QuestionRow> questions = std::vector<QuestionRow>(1);
};

std::string optional_text(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : "";
}

BuilderForm form_of(const AuthoredAssessment& stored) {
  const Assessment& a = stored.assessment;
  BuilderForm out{a.title,
                  a.description,
                  std::to_string(a.passing_score),
                  optional_text(a.time_limit_minutes),
                  optional_text(a.max_attempts),
                  {}};
  for (const auto& q : stored.questions) {
    QuestionRow row{std::string(enum_name(q.question.question_type)),
                    q.question.question_text,
                    q.question.explanation,
                    std::to_string(q.question.points),
                    {}};
    for (const auto& answer : q.answers)
      row.answers.push_back({answer.answer_text, answer.is_correct});
    out.questions.push_back(std::move(row));
  }
  return out;
}

std::string question_field(std::size_t i, std::string_view name) {
  return "q" + std::to_string(i) + "_" + std::string(name);
}
std::string answer_field(std::size_t i, std::size_t j, std::string_view name) {
  return question_field(i, "a" + std::to_string(j) + "_" + std::string(name));
}

// The rows the form posted: question i while "q<i>_type" is there, answer j
// while "q<i>_a<j>_text" is.
BuilderForm typed_form(const Form& form) {
  BuilderForm out{form.text("title"),         form.text("description"),
                  form.text("passing_score"), form.text("time_limit_minutes"),
                  form.text("max_attempts"),  {}};
  for (std::size_t i = 0; form.get(question_field(i, "type")); ++i) {
    QuestionRow row{form.text(question_field(i, "type")),
                    form.text(question_field(i, "text")),
                    form.text(question_field(i, "explanation")),
                    form.text(question_field(i, "points")),
                    {}};
    for (std::size_t j = 0; form.get(answer_field(i, j, "text")); ++j) {
      row.answers.push_back({form.text(answer_field(i, j, "text")),
                             form.get(answer_field(i, j, "correct")).has_value()});
    }
    out.questions.push_back(std::move(row));
  }
  return out;
}

// A whole number typed in a field: nullopt when left empty and `optional`;
// a message beside the field otherwise.
std::optional<std::int64_t> whole_number(const std::string& text, const std::string& field,
                                         bool optional, const char* message, FieldErrors& errors) {
  const std::string_view t = trim(text);
  if (t.empty() && optional) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size()) {
    errors[field] = message;
    return std::nullopt;
  }
  return value;
}

// What the service takes from the form, and where each of its questions and
// answers sits on the form (empty rows are left out, so the numbers differ).
struct BuilderInput {
  AssessmentChange change;
  std::vector<std::size_t> question_rows;
  std::vector<std::vector<std::size_t>> answer_rows;
};

BuilderInput builder_input(const BuilderForm& form, bool with_questions) {
  BuilderInput out;
  FieldErrors errors;
  AssessmentChange& c = out.change;
  c.title = form.title;
  c.description = form.description;
  c.passing_score = whole_number(form.passing_score, "passing_score", false,
                                 "Enter the pass mark as a whole number from 0 to 100.", errors);
  c.time_limit_minutes =
      whole_number(form.time_limit, "time_limit_minutes", true,
                   "Enter the time limit as a whole number of minutes, or leave it empty.", errors);
  c.max_attempts =
      whole_number(form.max_attempts, "max_attempts", true,
                   "Enter the number of attempts as a whole number, or leave it empty.", errors);
  if (with_questions) {
    c.questions.emplace();
    for (std::size_t i = 0; i < form.questions.size(); ++i) {
      const QuestionRow& row = form.questions[i];
      if (row.blank()) continue;
      QuestionInput q{.question_type = row.type,
                      .question_text = row.text,
                      .explanation = row.explanation,
                      .points = whole_number(row.points, question_field(i, "points"), false,
                                             "Enter the points as a whole number.", errors),
                      .position = static_cast<std::int64_t>(c.questions->size()),
                      .answers = std::vector<AnswerInput>{}};
      std::vector<std::size_t> rows;
      for (std::size_t j = 0; j < row.answers.size(); ++j) {
        const AnswerRow& a = row.answers[j];
        if (a.blank()) continue;
        q.answers->push_back({.answer_text = a.text,
                              .is_correct = a.correct,
                              .position = static_cast<std::int64_t>(rows.size())});
        rows.push_back(j);
      }
      c.questions->push_back(std::move(q));
      out.question_rows.push_back(i);
      out.answer_rows.push_back(std::move(rows));
    }
  }
  if (!errors.empty()) throw ValidationError(errors, "Some fields need another look.");
  return out;
}

// The service's field names ("questions[1].answers[0].answer_text") as the
// form's ("q2_a3_text"), through the rows builder_input left out.
std::string form_field(const BuilderInput& input, const std::string& field) {
  constexpr std::string_view kQuestions = "questions[";
  if (!field.starts_with(kQuestions)) return field;
  std::size_t i = 0;
  const char* p = field.data() + kQuestions.size();
  const char* end = field.data() + field.size();
  auto [after, ec] = std::from_chars(p, end, i);
  if (ec != std::errc() || after == end || *after != ']' || i >= input.question_rows.size()) {
    return "questions";
  }
  const std::size_t row = input.question_rows[i];
  const std::string_view rest(after + 1, static_cast<std::size_t>(end - after - 1));
  if (rest == ".question_type") return question_field(row, "type");
  if (rest == ".question_text" || rest == ".text") return question_field(row, "text");
  if (rest == ".explanation" || rest == ".feedback") return question_field(row, "explanation");
  if (rest == ".points") return question_field(row, "points");
  constexpr std::string_view kAnswers = ".answers[";
  if (rest.starts_with(kAnswers)) {
    std::size_t j = 0;
    const auto parsed = std::from_chars(rest.data() + kAnswers.size(), end, j);
    if (parsed.ec == std::errc() && j < input.answer_rows[i].size()) {
      return answer_field(row, input.answer_rows[i][j], "text");
    }
  }
  return question_field(row, "answers");
}

// `error` with its fields named as the form names them.
Error on_form(const Error& error, const BuilderInput* input) {
  if (!input) return error;
  FieldErrors fields;
  for (const auto& [field, message] : error.fields()) {
    auto& text = fields[form_field(*input, field)];
    text += (text.empty() ? "" : " ") + message;
  }
  return Error(error.kind(), std::string(error.code()), error.what(), fields);
}

// The builder: `course` always, `stored` when the assessment exists.
struct Builder {
  Course course;
  std::optional<AuthoredAssessment> stored;
  std::int64_t attempts = 0;
  bool questions_editable() const { return attempts == 0; }
  std::string action() const {
    return stored ? "/teach/assessments/" + std::to_string(stored->assessment.id)
                  : "/teach/courses/" + std::to_string(course.id) + "/assessments/new";
  }
};

View question_rows(const BuilderForm& form, const FieldErrors& errors) {
  auto error_of = [&](const std::string& field) -> std::optional<std::string> {
    auto it = errors.find(field);
    return it == errors.end() ? std::nullopt : std::optional(it->second);
  };
  View list{View::type::list};
  for (std::size_t i = 0; i < form.questions.size(); ++i) {
    const QuestionRow& q = form.questions[i];
    View row{View::type::object};
    row.set("index", std::to_string(i));
    row.set("number", std::to_string(i + 1));
    View types{View::type::list};
    for (const auto& t : kQuestionTypes) {
      View option{View::type::object};
      option.set("value", t.value);
      option.set("label", t.label);
      option.set("selected", q.type == t.value);
      types.push_back(option);
    }
    row.set("types", types);
    row.set("text", q.text);
    row.set("explanation", q.explanation);
    row.set("points", q.points);
    for (const char* name : {"type", "text", "explanation", "points", "answers"}) {
      if (auto message = error_of(question_field(i, name))) {
        row.set(std::string(name) + "_error", *message);
      }
    }
    View answers{View::type::list};
    for (std::size_t j = 0; j < q.answers.size(); ++j) {
      View answer{View::type::object};
      // Own names: a missing key would be looked up in the question's view.
      answer.set("a", std::to_string(j));
      answer.set("answer_text", q.answers[j].text);
      answer.set("correct", q.answers[j].correct);
      if (auto message = error_of(answer_field(i, j, "text"))) {
        answer.set("answer_error", *message);
      }
      answers.push_back(answer);
    }
    row.set("answers", answers);
    list.push_back(row);
  }
  return list;
}

// The stored questions as text, for an assessment whose questions can no
// longer change.
View question_summary(const AuthoredAssessment& stored) {
  View list{View::type::list};
  for (const auto& q : stored.questions) {
    View item{View::type::object};
    item.set("text", q.question.question_text);
    for (const auto& t : kQuestionTypes) {
      if (enum_name(q.question.question_type) == t.value) item.set("type", t.label);
    }
    item.set("points", std::to_string(q.question.points));
    View answers{View::type::list};
    for (const auto& a : q.answers) {
      View answer{View::type::object};
      answer.set("text", a.answer_text);
      answer.set("correct", a.is_correct);
      answers.push_back(answer);
    }
    item.set("answers", answers);
    list.push_back(item);
  }
  return list;
}

http::Response builder_page(PageCall& call, int status, const Builder& b, const BuilderForm& form,
                            const Error* error) {
  View view{View::type::object};
  view.set("action", b.action());
  view.set("title", form.title);
  view.set("description", form.description);
  view.set("passing_score", form.passing_score);
  view.set("time_limit_minutes", form.time_limit);
  view.set("max_attempts", form.max_attempts);
  FieldErrors errors;
  if (error) {
    set_errors(call, view, *error);
    errors = error->fields();
  }
  if (b.questions_editable()) {
    view.set("questions", question_rows(form, errors));
    view.set("editable", true);
  } else {
    view.set("fixed_questions", question_summary(*b.stored));
    view.set("attempts_text", b.attempts == 1 ? std::string("One attempt has")
                                              : std::to_string(b.attempts) + " attempts have");
  }
  if (auto message = errors.find("questions"); message != errors.end()) {
    view.set("questions_error", message->second);
  }
  std::string heading = "New assessment";
  if (b.stored) {
    const Assessment& a = b.stored->assessment;
    heading = a.title;
    view.set("id", std::to_string(a.id));
    view.set("published", a.is_published);
    view.set("results", "/teach/assessments/" + std::to_string(a.id) + "/results");
    if (!error && call.query("saved") == "1") view.set("status", "Assessment saved");
    if (!error && call.query("published") == "1") view.set("status", "Assessment published");
  }
  view.set("can_publish", !b.stored || !b.stored->assessment.is_published);
  view.set("heading", heading);
  set_course_nav(call, view, b.course, "assessments");
  return call.render(status, "teach_assessment", view, heading);
}

// Saves (and publishes, for "Publish assessment") what was posted, or shows
// the form again: with one more row for "Add question" / "Add answer", with
// the refusal beside its fields (422, 409 for questions that have attempts).
http::Response post_builder(PageCall& call, Builder& b) {
  const BuilderForm typed = typed_form(call.form());
  const std::string action = call.form().text("action");
  if (action == "add_question" && b.questions_editable()) {
    BuilderForm more = typed;
    more.questions.emplace_back();
    return builder_page(call, 200, b, more, nullptr);
  }
  if (action.starts_with("add_answer_") && b.questions_editable()) {
    BuilderForm more = typed;
    std::size_t i = 0;
    const std::string n = action.substr(std::string_view("add_answer_").size());
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), i);
    if (ec != std::errc() || end != n.data() + n.size() || i >= more.questions.size()) {
      throw UsageError("There is no such question on the form.");
    }
    more.questions[i].answers.emplace_back();
    return builder_page(call, 200, b, more, nullptr);
  }
  const bool publish = action == "publish";
  std::optional<BuilderInput> input;
  try {
    // Questions go with the form only where it showed them as fields.
    input = builder_input(typed, call.form().text("questions_shown") == "yes");
    Id id = 0;
    if (b.stored) {
      id = update_assessment(call.db, *call.actor(), b.stored->assessment.id, input->change,
                             call.now)
               .assessment.id;
    } else {
      AssessmentChange& c = input->change;
      id = create_assessment(call.db, *call.actor(), b.course.id,
                             {.title = c.title,
                              .description = c.description,
                              .passing_score = c.passing_score,
                              .time_limit_minutes = c.time_limit_minutes.value_or(std::nullopt),
                              .max_attempts = c.max_attempts.value_or(std::nullopt),
                              .questions = c.questions.value_or(std::vector<QuestionInput>{})},
                             call.now)
               .assessment.id;
      // Shown again after a refused publication, the form changes the
      // assessment just made.
      b.stored = authored_assessment(call.db, *call.actor(), id);
    }
    if (publish) publish_assessment(call.db, *call.actor(), id, call.now);
    return call.redirect("/teach/assessments/" + std::to_string(id) +
                         (publish ? "?published=1" : "?saved=1"));
  } catch (const Error& e) {
    if (!refused_form(e)) throw;
    const Error shown = on_form(e, input ? &*input : nullptr);
    return builder_page(call, e.kind() == ErrorKind::kConflict ? 409 : 422, b, typed, &shown);
  }
}

http::Response new_assessment(PageCall& call) {
  const Builder b{taught_course(call, call.id("id")), std::nullopt, 0};
  return builder_page(call, 200, b, {}, nullptr);
}

http::Response create_assessment_page(PageCall& call) {
  Builder b{taught_course(call, call.id("id")), std::nullopt, 0};
  return post_builder(call, b);
}

// The assessment as the API's PATCH finds it (404 or 403 as there), then its
// course for the navigation.
Builder stored_builder(PageCall& call) {
  AuthoredAssessment stored = authored_assessment(call.db, teacher(call), call.id("id"));
  const std::int64_t attempts = attempt_count(call.db, stored.assessment.id);
  return {taught_course(call, stored.assessment.course_id), std::move(stored), attempts};
}

http::Response edit_assessment(PageCall& call) {
  const Builder b = stored_builder(call);
  return builder_page(call, 200, b, form_of(*b.stored), nullptr);
}

http::Response update_assessment_page(PageCall& call) {
  Builder b = stored_builder(call);
  return post_builder(call, b);
}

}  // namespace

void register_builder_pages(Site& site) {
  site.page("GET", "/teach/courses/{id}/assessments/new", new_assessment);
  site.page("POST", "/teach/courses/{id}/assessments/new", create_assessment_page);
  site.page("GET", "/teach/assessments/{id}", edit_assessment);
  site.page("POST", "/teach/assessments/{id}", update_assessment_page);
}

}  // namespace lectern::web::pages::teach
