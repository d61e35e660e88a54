#include "apps/courses/stats.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

using namespace std::chrono;

// One derived column: its name and the SQL that computes it for the course
// or user named by `{id}` (a placeholder or a column of the outer query).
struct Derived {
  const char* column;
  const char* expression;
};

// Averages in integers: round-half-up hundredths, then / 100.0 (see
// average_hundredths), so both backends store the very same number.
// PostgreSQL's SUM of bigint is numeric, hence the cast back before dividing.
constexpr std::array kCourseColumns = {
    Derived{"total_enrollments",
            "(SELECT COUNT(*) FROM courses_enrollment e WHERE e.course_id = {id})"},
    Derived{"active_enrollments",
            "(SELECT COUNT(*) FROM courses_enrollment e WHERE e.course_id = {id} AND e.status = "
            "'active')"},
    Derived{"completions",
            "(SELECT COUNT(*) FROM courses_enrollment e WHERE e.course_id = {id} AND e.status = "
            "'completed')"},
    Derived{"review_count", "(SELECT COUNT(*) FROM courses_review r WHERE r.course_id = {id})"},
    Derived{
        "average_rating",
        "(SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE ((SUM(r.rating) * 200 + COUNT(*)) / (2 * "
        "COUNT(*))) / 100.0 END FROM courses_review r WHERE r.course_id = {id})"},
    Derived{"attempt_count",
            "(SELECT COUNT(*) FROM courses_assessmentattempt t JOIN courses_assessment a ON a.id = "
            "t.assessment_id WHERE a.course_id = {id} AND t.status = 'graded')"},
    Derived{"average_score",
            "(SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE ((CAST(SUM(CAST(ROUND(t.score * 100) AS "
            "bigint)) AS bigint) * 2 + COUNT(*)) / (2 * COUNT(*))) / 100.0 END FROM "
            "courses_assessmentattempt t JOIN courses_assessment a ON a.id = t.assessment_id WHERE "
            "a.course_id = {id} AND t.status = 'graded')"},
};

constexpr std::array kUserColumns = {
    Derived{"courses_enrolled",
            "(SELECT COUNT(*) FROM courses_enrollment e WHERE e.user_id = {id})"},
    Derived{"courses_completed",
            "(SELECT COUNT(*) FROM courses_enrollment e WHERE e.user_id = {id} AND e.status = "
            "'completed')"},
    Derived{"lessons_completed",
            "(SELECT COUNT(*) FROM courses_lessonprogress p WHERE p.user_id = {id} AND "
            "p.is_completed)"},
    Derived{"assessments_passed",
            "(SELECT COUNT(DISTINCT t.assessment_id) FROM courses_assessmentattempt t WHERE "
            "t.user_id = {id} AND t.passed)"},
    Derived{"total_time_spent_seconds",
            "(SELECT COALESCE(SUM(p.time_spent_seconds), 0) FROM courses_lessonprogress p WHERE "
            "p.user_id = {id})"},
};

std::string with_id(const char* expression, std::string_view id) {
  std::string out = expression;
  for (auto at = out.find("{id}"); at != std::string::npos; at = out.find("{id}", at)) {
    out.replace(at, 4, id);
  }
  return out;
}

template <std::size_t N>
std::string update_statement(const char* table, const std::array<Derived, N>& columns,
                             const char* key, bool touch) {
  std::string sql = std::string("UPDATE ") + table + " SET ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) sql += ", ";
    sql += std::string(columns[i].column) + " = " + with_id(columns[i].expression, "$1");
  }
  if (touch) sql += ", updated_at = $2";
  sql += std::string(" WHERE ") + key + " = $1";
  return sql;
}

// Reads the derived columns of every course / user: id first, then the
// columns in order.
template <std::size_t N>
std::string select_all_statement(const char* from, const std::array<Derived, N>& columns) {
  std::string sql = "SELECT o.id";
  for (const auto& c : columns) sql += ", " + with_id(c.expression, "o.id");
  sql += std::string(" FROM ") + from + " o ORDER BY o.id";
  return sql;
}

std::int64_t utc_day(Timestamp t) {
  return floor<days>(t).time_since_epoch().count();
}

void ensure_course_row(db::Connection& db, Id course_id, Timestamp now) {
  db.query(
      "INSERT INTO courses_coursestats (course_id, updated_at) VALUES ($1, $2) "
      "ON CONFLICT (course_id) DO NOTHING",
      course_id, now);
}

void ensure_user_row(db::Connection& db, Id user_id) {
  db.query("INSERT INTO courses_userstats (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING",
           user_id);
}

// The streak ending at the latest of `days_desc` (distinct or not, newest
// first).
std::int64_t streak_of(const std::vector<std::int64_t>& days_desc) {
  if (days_desc.empty()) return 0;
  std::int64_t streak = 1;
  std::int64_t day = days_desc.front();
  for (std::int64_t d : days_desc) {
    if (d == day) continue;
    if (d != day - 1) break;
    ++streak;
    day = d;
  }
  return streak;
}

}  // namespace

bool is_learning_activity(ActivityType activity_type) {
  return std::find(std::begin(kLearningActivities), std::end(kLearningActivities), activity_type) !=
         std::end(kLearningActivities);
}

double average_hundredths(std::int64_t sum, std::int64_t count) {
  return static_cast<double>((sum * 200 + count) / (2 * count)) / 100.0;
}

void refresh_course_stats(db::Connection& db, Id course_id, Timestamp now) {
  static const std::string sql =
      update_statement("courses_coursestats", kCourseColumns, "course_id", true);
  ensure_course_row(db, course_id, now);
  db.query(sql, course_id, now);
}

void refresh_user_stats(db::Connection& db, Id user_id) {
  static const std::string sql =
      update_statement("courses_userstats", kUserColumns, "user_id", false);
  ensure_user_row(db, user_id);
  db.query(sql, user_id);
}

void refresh_users_stats(db::Connection& db, const std::vector<Id>& user_ids) {
  for (Id id : user_ids) refresh_user_stats(db, id);
}

void refresh_course_progress(db::Connection& db, Id course_id, Timestamp now) {
  // Completed lessons are counted per enrolment; the percent rounds down, as
  // complete_lesson computes it.
  db.query(
      "UPDATE courses_courseprogress SET completed_lessons = x.done, progress_percent = CASE WHEN "
      "x.total = 0 THEN 0 ELSE (x.done * 100) / x.total END, updated_at = $2 FROM ("
      "SELECT e.id AS enrollment_id, "
      "(SELECT COUNT(*) FROM courses_lessonprogress p JOIN courses_lesson l ON l.id = p.lesson_id "
      "JOIN courses_module m ON m.id = l.module_id WHERE m.course_id = e.course_id AND p.user_id = "
      "e.user_id AND p.is_completed) AS done, "
      "(SELECT COUNT(*) FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id WHERE "
      "m.course_id = e.course_id) AS total "
      "FROM courses_enrollment e WHERE e.course_id = $1) x "
      "WHERE courses_courseprogress.enrollment_id = x.enrollment_id",
      course_id, now);
}

void note_learning_event(db::Connection& db, Id user_id, Timestamp when) {
  ensure_user_row(db, user_id);
  const UserStats stats = user_stats(db, user_id);
  std::int64_t streak = stats.current_streak_days;
  Timestamp last = when;
  if (!stats.last_activity_at) {
    streak = 1;
  } else if (*stats.last_activity_at > when) {
    last = *stats.last_activity_at;  // an older event: the latest day is unchanged
  } else {
    const std::int64_t gap = utc_day(when) - utc_day(*stats.last_activity_at);
    if (gap == 1) {
      streak += 1;
    } else if (gap > 1) {
      streak = 1;
    }
  }
  db.query(
      "UPDATE courses_userstats SET last_activity_at = $2, current_streak_days = $3 WHERE "
      "user_id = $1",
      user_id, last, streak);
}

CourseStats course_stats(db::Connection& db, Id course_id) {
  static const std::string sql =
      "SELECT " + db::select_list<CourseStats>() + " FROM courses_coursestats WHERE course_id = $1";
  auto rows = db.query(sql, course_id);
  if (rows.empty()) return CourseStats{.course_id = course_id};
  return db::read_record<CourseStats>(rows[0]);
}

UserStats user_stats(db::Connection& db, Id user_id) {
  static const std::string sql =
      "SELECT " + db::select_list<UserStats>() + " FROM courses_userstats WHERE user_id = $1";
  auto rows = db.query(sql, user_id);
  if (rows.empty()) return UserStats{.user_id = user_id};
  return db::read_record<UserStats>(rows[0]);
}

std::int64_t current_streak(const UserStats& stats, Timestamp now) {
  if (!stats.last_activity_at) return 0;
  return utc_day(now) - utc_day(*stats.last_activity_at) <= 1 ? stats.current_streak_days : 0;
}

RecomputeSummary recompute_all(db::Connection& db, Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    RecomputeSummary summary;
    // Courses: compute every derived column, write the rows that differ.
    static const std::string courses_sql = select_all_statement("courses_course", kCourseColumns);
    for (const db::Row& row : c.query(courses_sql)) {
      const Id id = row.get<Id>(0);
      ++summary.courses;
      CourseStats want{.course_id = id,
                       .total_enrollments = row.get<std::int64_t>(1),
                       .active_enrollments = row.get<std::int64_t>(2),
                       .completions = row.get<std::int64_t>(3),
                       .review_count = row.get<std::int64_t>(4),
                       .average_rating = row.get<std::optional<double>>(5),
                       .attempt_count = row.get<std::int64_t>(6),
                       .average_score = row.get<std::optional<double>>(7)};
      // A missing row reads as zeros (course_stats()): creating it changes
      // no number, so only rows whose numbers differ count as changed.
      CourseStats have = course_stats(c, id);
      want.id = have.id;
      want.updated_at = have.updated_at;
      const bool same = db::record_values(want, true) == db::record_values(have, true);
      if (!same) ++summary.changed_rows;
      want.updated_at = now;
      if (have.id == 0) {
        db::insert_record(c, want);
      } else if (!same) {
        db::update_record(c, want);
      }
    }

    // Users: counters from their rows, the streak from their learning events.
    std::map<Id, std::vector<std::int64_t>> days;  // user -> event days, newest first
    std::map<Id, Timestamp> last_event;
    static const std::string events_sql = [] {
      std::string sql =
          "SELECT user_id, created_at FROM courses_useractivity WHERE activity_type IN (";
      for (std::size_t i = 0; i < std::size(kLearningActivities); ++i) {
        sql += (i ? ", '" : "'") + std::string(enum_name(kLearningActivities[i])) + "'";
      }
      return sql + ") ORDER BY user_id, created_at DESC";
    }();
    for (const db::Row& row : c.query(events_sql)) {
      const Id user = row.get<Id>(0);
      const Timestamp at = row.get<Timestamp>(1);
      if (!last_event.contains(user)) last_event[user] = at;
      days[user].push_back(utc_day(at));
    }
    static const std::string users_sql = select_all_statement("accounts_user", kUserColumns);
    for (const db::Row& row : c.query(users_sql)) {
      const Id id = row.get<Id>(0);
      ++summary.users;
      UserStats want{.user_id = id,
                     .courses_enrolled = row.get<std::int64_t>(1),
                     .courses_completed = row.get<std::int64_t>(2),
                     .lessons_completed = row.get<std::int64_t>(3),
                     .assessments_passed = row.get<std::int64_t>(4),
                     .total_time_spent_seconds = row.get<std::int64_t>(5)};
      if (auto it = last_event.find(id); it != last_event.end()) {
        want.last_activity_at = it->second;
        want.current_streak_days = streak_of(days[id]);
      }
      UserStats have = user_stats(c, id);
      want.id = have.id;
      const bool same = db::record_values(want, true) == db::record_values(have, true);
      if (!same) ++summary.changed_rows;
      if (have.id == 0) {
        db::insert_record(c, want);
      } else if (!same) {
        db::update_record(c, want);
      }
    }
    return summary;
  });
}

}  // namespace lectern::apps::courses
