// How an assessment went, for its course's instructor:
// /teach/assessments/{id}/results (every attempt, the pass rate, a histogram
// of the graded scores, the share of right answers per question) and
// /teach/assessments/{id}/results.csv (the attempts as the API's CSV).
#include <algorithm>

#include "apps/courses/attempts.hpp"
#include "apps/instructor_portal/exports.hpp"
#include "core/text.hpp"
#include "web/pages/teach_pages.hpp"

namespace lectern::web::pages::teach {

namespace {

using namespace apps::courses;

std::string percent_of(std::int64_t part, std::int64_t whole) {
  return two_decimals(100.0 * static_cast<double>(part) / static_cast<double>(whole)) + "%";
}

// Ten bands of ten points (the last one holds 100 too).
std::vector<ChartBar> score_bands(const std::vector<double>& scores) {
  std::vector<ChartBar> bands;
  for (int low = 0; low < 100; low += 10) {
    bands.push_back(
        {std::to_string(low) + "–" + std::to_string(low == 90 ? 100 : low + 9) + "%", 0});
  }
  for (double score : scores) {
    const auto band = std::clamp(static_cast<int>(score) / 10, 0, 9);
    ++bands[static_cast<std::size_t>(band)].value;
  }
  return bands;
}

http::Response results(PageCall& call) {
  const Assessment a = results_assessment(call.db, teacher(call), call.id("id"));
  const Course course = taught_course(call, a.course_id);
  const Reader reader = call.reader();
  const auto attempts = all_pages([&](api::PageRequest page) {
    return assessment_results(call.db, *call.actor(), course.id, a.id, page);
  });
  const AssessmentOutcome outcome = assessment_outcome(call.db, *call.actor(), course.id, a.id);

  View rows{View::type::list};
  for (const auto& r : attempts) {
    const auto& t = r.attempt;
    const bool graded = t.status == AttemptStatus::graded;
    View row{View::type::object};
    row.set("name", r.user.display_name.empty() ? r.user.username : r.user.display_name);
    row.set("number", std::to_string(t.attempt_number));
    row.set("score", graded ? two_decimals(t.score) + "%" : std::string("In progress"));
    row.set("passed", graded ? std::string(t.passed ? "Passed" : "Not passed") : std::string());
    if (t.submitted_at) {
      row.set("iso", format_rfc3339(*t.submitted_at));
      row.set("submitted", format_datetime(*t.submitted_at, reader));
    }
    rows.push_back(row);
  }
  View facts{View::type::list};
  add_fact(facts, "Attempts", format_count(static_cast<std::int64_t>(attempts.size()), reader));
  add_fact(facts, "Graded", format_count(outcome.graded, reader));
  add_fact(facts, "Passed", format_count(outcome.passed, reader));
  add_fact(facts, "Pass rate",
           outcome.graded ? percent_of(outcome.passed, outcome.graded) : "No graded attempts yet");
  add_fact(facts, "Pass mark", std::to_string(a.passing_score) + "%");

  View questions{View::type::list};
  for (const auto& q : outcome.questions) {
    View item{View::type::object};
    item.set("text", q.question_text);
    item.set("share", outcome.graded ? format_count(q.correct, reader) + " of " +
                                           format_count(outcome.graded, reader) + " (" +
                                           percent_of(q.correct, outcome.graded) + ")"
                                     : std::string("No graded attempts yet"));
    questions.push_back(item);
  }
  const std::string count = outcome.graded == 1
                                ? std::string("1 graded attempt")
                                : format_count(outcome.graded, reader) + " graded attempts";
  View view{View::type::object};
  view.set("heading", "Results of " + a.title);
  view.set("facts", facts);
  view.set("chart", bar_chart_html(call, "scores", "Scores",
                                   "Scores of " + count + ", in bands of ten points.",
                                   score_bands(outcome.scores)));
  view.set("attempts", rows);
  view.set("questions", questions);
  view.set("csv", "/teach/assessments/" + std::to_string(a.id) + "/results.csv");
  view.set("edit", "/teach/assessments/" + std::to_string(a.id));
  set_course_nav(call, view, course, "assessments");
  return call.render(200, "teach_results", view, "Results of " + a.title);
}

http::Response results_csv(PageCall& call) {
  const Assessment a = results_assessment(call.db, teacher(call), call.id("id"));
  http::Response r;
  r.status = 200;
  r.body = apps::instructor_portal::results_csv(call.db, *call.actor(), a.course_id, a.id);
  add_page_headers(r, true);
  r.content_type = "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"assessment-" +
                                                    std::to_string(a.id) + "-results.csv\"");
  return r;
}

}  // namespace

void register_results_pages(Site& site) {
  site.page("GET", "/teach/assessments/{id}/results", results);
  site.page("GET", "/teach/assessments/{id}/results.csv", results_csv);
}

}  // namespace lectern::web::pages::teach
