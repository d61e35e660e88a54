// Taking an assessment: /assessments/{id} (what it asks, the attempts used,
// "Start attempt" or "Resume attempt") and /attempts/{id} (the questions
// while in progress, with the timer; the graded result afterwards). What
// gives the answers away comes only from grading: the questions are the
// student's view of the assessment.
#include <chrono>
#include <cmath>
#include <cstdio>

#include "apps/courses/assessments.hpp"
#include "apps/courses/attempts.hpp"
#include "core/text.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using namespace apps::courses;

std::string attempt_href(Id id) {
  return "/attempts/" + std::to_string(id);
}

std::string points_text(std::int64_t earned, std::int64_t possible) {
  return std::to_string(earned) + " of " + std::to_string(possible) +
         (possible == 1 ? " point" : " points");
}

// "12:05" (minutes and seconds), "1:02:05" past an hour.
std::string time_left_text(std::int64_t seconds) {
  char text[32];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  }
  return text;
}

bool open_attempt(const AssessmentAttempt& attempt, const Assessment& assessment, Timestamp now) {
  if (attempt.status != AttemptStatus::in_progress) return false;
  return !assessment.time_limit_minutes ||
         now <= attempt.started_at + std::chrono::minutes(*assessment.time_limit_minutes);
}

http::Response assessment_page(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const Id id = call.id("id");
  const StudentAssessment shown = student_assessment(call.db, actor, id);
  const AssessmentAccess access = assessment_access(call.db, actor, id);
  const Assessment& assessment = access.assessment;

  auto attempts = all_pages([&](api::PageRequest p) { return my_attempts(call.db, actor, p); });
  std::erase_if(attempts, [&](const MyAttempt& a) { return a.attempt.assessment_id != id; });

  View page{View::type::object};
  page.set("id", std::to_string(id));
  page.set("title", shown.title);
  if (!shown.description.empty()) page.set("description", shown.description);
  page.set("pass_mark", std::to_string(shown.passing_score) + "%");
  page.set("time_limit", shown.time_limit_minutes
                             ? std::to_string(*shown.time_limit_minutes) +
                                   (*shown.time_limit_minutes == 1 ? " minute" : " minutes")
                             : std::string("None"));
  const auto used = static_cast<std::int64_t>(attempts.size());
  page.set("attempts_used",
           std::to_string(used) + " of " +
               (shown.max_attempts ? std::to_string(*shown.max_attempts) : "unlimited"));
  if (auto course = find_course_view(call.db, shown.course_id, &actor)) {
    page.set("course_title", course->course.title);
    page.set("course_href", "/courses/" + url_encode(course->course.slug));
  }

  View past{View::type::list};
  std::optional<Id> open;
  for (const MyAttempt& a : attempts) {
    if (open_attempt(a.attempt, assessment, call.now)) open = a.attempt.id;
    View item{View::type::object};
    item.set("number", std::to_string(a.attempt.attempt_number));
    item.set("href", attempt_href(a.attempt.id));
    item.set("iso", format_rfc3339(a.attempt.started_at));
    item.set("date", format_datetime(a.attempt.started_at, reader));
    if (a.attempt.status == AttemptStatus::graded) {
      item.set("result", "Score: " + two_decimals(a.attempt.score) + "%, " +
                             (a.attempt.passed ? "Passed" : "Not passed"));
    } else if (open_attempt(a.attempt, assessment, call.now)) {
      item.set("result", std::string("In progress"));
    } else {
      item.set("result", std::string("Not submitted in time"));
    }
    past.push_back(item);
  }
  page.set("attempts", past);

  if (open) {
    page.set("resume_href", attempt_href(*open));
  } else if (shown.max_attempts && used >= *shown.max_attempts) {
    page.set("refusal", "You have used all " + std::to_string(*shown.max_attempts) +
                            (*shown.max_attempts == 1 ? " attempt" : " attempts") +
                            " this assessment allows.");
  } else if (access.enrolled() && assessment.is_published) {
    page.set("can_start", true);
  }
  return call.render(200, "assessment", page, shown.title);
}

http::Response start(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const StartedAttempt started = start_attempt(call.db, actor, call.id("id"), call.now);
  return call.redirect(attempt_href(started.attempt.id));
}

// One question of an attempt in progress: a fieldset of radios or
// checkboxes named by the answers, or a textbox named by the question.
View question_form(const StudentQuestion& q) {
  View item{View::type::object};
  const std::string field = "q" + std::to_string(q.id);
  item.set("id", std::to_string(q.id));
  item.set("text", q.question_text);
  item.set("points", q.points == 1 ? std::string("1 point") : std::to_string(q.points) + " points");
  if (q.question_type == QuestionType::short_answer) {
    item.set("short_answer", true);
    item.set("field", field);
    return item;
  }
  const bool multiple = q.question_type == QuestionType::multiple_choice;
  View answers{View::type::list};
  for (const StudentAnswer& a : q.answers) {
    View answer{View::type::object};
    answer.set("type", multiple ? "checkbox" : "radio");
    // A checkbox is a field of its own (a form keeps one value per name).
    answer.set("name", multiple ? field + "-" + std::to_string(a.id) : field);
    answer.set("value", std::to_string(a.id));
    answer.set("input_id", field + "-" + std::to_string(a.id));
    answer.set("text", a.answer_text);
    answers.push_back(answer);
  }
  item.set("answers", answers);
  return item;
}

View graded_question(const StudentQuestion& q, const AttemptResult& result) {
  View item{View::type::object};
  item.set("text", q.question_text);
  const AnswerResult* graded = nullptr;
  for (const AnswerResult& r : result.answers) {
    if (r.question_id == q.id) graded = &r;
  }
  item.set("right", graded && graded->is_correct);
  item.set("points", points_text(graded ? graded->points_awarded : 0, q.points));
  if (graded && !graded->explanation.empty()) item.set("explanation", graded->explanation);
  return item;
}

http::Response attempt_page(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const AttemptResult result = get_attempt(call.db, actor, call.id("id"));
  const AssessmentAttempt& attempt = result.attempt;
  const StudentAssessment shown = student_assessment(call.db, actor, attempt.assessment_id);

  View page{View::type::object};
  page.set("id", std::to_string(attempt.id));
  page.set("title", shown.title);
  page.set("number", std::to_string(attempt.attempt_number));
  page.set("assessment_href", "/assessments/" + std::to_string(shown.id));
  if (auto course = find_course_view(call.db, shown.course_id, &actor)) {
    page.set("course_href", "/courses/" + url_encode(course->course.slug));
  }

  View questions{View::type::list};
  if (attempt.status == AttemptStatus::graded) {
    page.set("graded", true);
    page.set("score", "Score: " + two_decimals(attempt.score) + "%");
    page.set("passed", attempt.passed);
    page.set("points", points_text(attempt.points_earned, attempt.points_possible));
    for (const StudentQuestion& q : shown.questions)
      questions.push_back(graded_question(q, result));
  } else if (result.deadline && call.now > *result.deadline) {
    page.set("expired", true);
  } else {
    page.set("in_progress", true);
    if (result.deadline) {
      const auto left =
          std::chrono::duration_cast<std::chrono::seconds>(*result.deadline - call.now).count();
      page.set("seconds_left", std::to_string(left));
      page.set("time_left", time_left_text(left));
    }
    for (const StudentQuestion& q : shown.questions) questions.push_back(question_form(q));
  }
  page.set("questions", questions);
  return call.render(200, "attempt", page, shown.title);
}

http::Response submit(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Id id = call.id("id");
  const AttemptResult current = get_attempt(call.db, actor, id);
  const StudentAssessment shown = student_assessment(call.db, actor, current.attempt.assessment_id);
  std::vector<SubmittedAnswer> answers;
  for (const StudentQuestion& q : shown.questions) {
    const std::string field = "q" + std::to_string(q.id);
    SubmittedAnswer answer{.question_id = q.id};
    // A question left unanswered is left out (and graded wrong).
    if (q.question_type == QuestionType::short_answer) {
      answer.text_answer = call.form().text(field);
      if (answer.text_answer->empty()) continue;
    } else {
      std::vector<Id> chosen;
      for (const StudentAnswer& a : q.answers) {
        const std::string value = std::to_string(a.id);
        const bool multiple = q.question_type == QuestionType::multiple_choice;
        if (call.form().get(multiple ? field + "-" + value : field) == value)
          chosen.push_back(a.id);
      }
      if (chosen.empty()) continue;
      answer.answer_ids = chosen;
    }
    answers.push_back(std::move(answer));
  }
  submit_attempt(call.db, actor, id, answers, call.now);
  return call.redirect(attempt_href(id));
}

}  // namespace

void register_assessment_pages(Site& site) {
  site.page("GET", "/assessments/{id}", assessment_page);
  site.page("POST", "/assessments/{id}/attempts", start);
  site.page("GET", "/attempts/{id}", attempt_page);
  site.page("POST", "/attempts/{id}/submit", submit);
}

}  // namespace lectern::web::pages
