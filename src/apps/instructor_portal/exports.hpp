// What the instructor takes away from a course: its students and an
// assessment's attempts as CSV (whole lists, safe to open in a spreadsheet) and its enrolments and
// completions week by week (the statistics charts). Same access as the
// portal's views (portal.hpp). Each call reads in one statement per table.
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/actor.hpp"
#include "core/time.hpp"
#include "db/connection.hpp"

namespace lectern::apps::instructor_portal {

// Weeks start on Monday 00:00 UTC.
struct WeekCounts {
  Timestamp week_start;
  std::int64_t enrollments = 0;  // enrolments made that week
  std::int64_t completions = 0;  // enrolments completed that week
};
BOOST_DESCRIBE_STRUCT(WeekCounts, (), (week_start, enrollments, completions))

struct WeeklyStats {
  std::int64_t course_id = 0;
  std::vector<WeekCounts> weeks;  // oldest first, the current week last
};
BOOST_DESCRIBE_STRUCT(WeeklyStats, (), (course_id, weeks))

inline constexpr int kStatsWeeks = 26;

// The last kStatsWeeks weeks up to the one holding `now`.
WeeklyStats weekly_stats(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                         Timestamp now);

// Every student ever enrolled (as course_students), one row each:
// name,username,status,progress_percent,enrolled_at,last_activity_at.
std::string students_csv(db::Connection& db, const api::Actor& actor, std::int64_t course_id);

// Every attempt at an assessment of the course (as
// courses::assessment_results), one row each:
// name,username,attempt_number,status,score,points_earned,points_possible,
// passed,started_at,submitted_at (score with at most two decimals; passed
// and submitted_at empty until the attempt is graded).
std::string results_csv(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                        std::int64_t assessment_id);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line
// break; text a spreadsheet would run as a formula (starting with = + - @,
// tab or carriage return) gets a leading apostrophe.
std::string csv_field(std::string_view text);

}  // namespace lectern::apps::instructor_portal
