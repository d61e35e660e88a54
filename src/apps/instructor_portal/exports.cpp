#include "apps/instructor_portal/exports.hpp"

#include "apps/courses/access.hpp"
#include "apps/courses/attempts.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "core/described_enum.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace lectern::apps::instructor_portal {

namespace {

using std::chrono::days;
using std::chrono::floor;

// Monday 00:00 UTC of the week holding `t` (1970-01-01 was a Thursday).
Timestamp week_start(Timestamp t) {
  const auto day = floor<days>(t);
  const auto weekday = (day.time_since_epoch().count() % 7 + 7 + 3) % 7;  // 0 = Monday
  return day - days(weekday);
}

}  // namespace

WeeklyStats weekly_stats(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                         Timestamp now) {
  courses::require_course_editor(db, course_id, actor);
  WeeklyStats out{.course_id = course_id};
  const Timestamp first = week_start(now) - days(7 * (kStatsWeeks - 1));
  for (int n = 0; n < kStatsWeeks; ++n) out.weeks.push_back({first + days(7 * n), 0, 0});
  auto bucket = [&](Timestamp t) -> WeekCounts* {
    if (t < first) return nullptr;
    const auto n = (week_start(t) - first) / days(7);
    return n < kStatsWeeks ? &out.weeks[static_cast<std::size_t>(n)] : nullptr;
  };
  for (const auto& row : db.query(
           "SELECT created_at FROM courses_enrollment WHERE course_id = $1 AND created_at >= $2",
           course_id, first)) {
    if (auto* week = bucket(row.get<Timestamp>(0))) ++week->enrollments;
  }
  for (const auto& row : db.query("SELECT completed_at FROM courses_enrollment WHERE course_id = "
                                  "$1 AND completed_at >= $2",
                                  course_id, first)) {
    if (auto* week = bucket(row.get<Timestamp>(0))) ++week->completions;
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string value;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    value = "'";
  }
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string students_csv(db::Connection& db, const api::Actor& actor, std::int64_t course_id) {
  std::string out = "name,username,status,progress_percent,enrolled_at,last_activity_at\r\n";
  for (std::int64_t page = 1;; ++page) {
    const auto students =
        course_students(db, actor, course_id, {page, api::PageRequest::kMaxPageSize});
    for (const auto& s : students.results) {
      const std::string& name = s.user.display_name.empty() ? s.user.username : s.user.display_name;
      out += csv_field(name) + "," + csv_field(s.user.username) + "," +
             std::string(enum_name(s.status)) + "," + std::to_string(s.progress_percent) + "," +
             format_rfc3339(s.enrolled_at) + "," + format_rfc3339(s.last_activity_at) + "\r\n";
    }
    if (page * students.page_size >= students.count) break;
  }
  return out;
}

std::string results_csv(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                        std::int64_t assessment_id) {
  std::string out =
      "name,username,attempt_number,status,score,points_earned,points_possible,passed,started_at,"
      "submitted_at\r\n";
  for (std::int64_t page = 1;; ++page) {
    const auto found = courses::assessment_results(db, actor, course_id, assessment_id,
                                                   {page, api::PageRequest::kMaxPageSize});
    for (const auto& r : found.results) {
      const auto& t = r.attempt;
      const bool graded = t.status == courses::AttemptStatus::graded;
      const std::string& name = r.user.display_name.empty() ? r.user.username : r.user.display_name;
      out += csv_field(name) + "," + csv_field(r.user.username) + "," +
             std::to_string(t.attempt_number) + "," + std::string(enum_name(t.status)) + "," +
             (graded ? two_decimals(t.score) : "") + "," +
             (graded ? std::to_string(t.points_earned) : "") + "," +
             (graded ? std::to_string(t.points_possible) : "") + "," +
             (graded ? (t.passed ? "true" : "false") : "") + "," + format_rfc3339(t.started_at) +
             "," + (t.submitted_at ? format_rfc3339(*t.submitted_at) : "") + "\r\n";
    }
    if (page * found.page_size >= found.count) break;
  }
  return out;
}

}  // namespace lectern::apps::instructor_portal
