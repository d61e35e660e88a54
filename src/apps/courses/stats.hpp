// CourseStats and UserStats: derived data kept true in the transaction of
// every event that changes what they summarise. Counters and averages are
// refreshed from the rows they count, with the same SQL that
// `lectern recompute-stats` runs, so an event can never leave them off by
// one; the learning streak follows events as they happen and is recomputed
// from the activity rows by recompute_all().
// Every function here runs inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// Activity types that are learning events: they count towards
// last_activity_at and the streak (recorded by the services, never posted
// by clients).
inline constexpr ActivityType kLearningActivities[] = {
    ActivityType::enroll, ActivityType::complete_lesson, ActivityType::submit_attempt,
    ActivityType::review};
bool is_learning_activity(ActivityType activity_type);

// Refreshes every counter and average of one course's / one user's stats
// row from the rows it summarises, creating the row when missing.
void refresh_course_stats(db::Connection& db, Id course_id, Timestamp now);
void refresh_user_stats(db::Connection& db, Id user_id);
void refresh_users_stats(db::Connection& db, const std::vector<Id>& user_ids);

// Recounts completed lessons and percent of every enrolment of the course
// (CourseProgress; after lessons were added or removed).
void refresh_course_progress(db::Connection& db, Id course_id, Timestamp now);

// A learning event of this user at `when`: last_activity_at and the streak
// of consecutive UTC days with learning events.
void note_learning_event(db::Connection& db, Id user_id, Timestamp when);

// The stored rows (zeros and nulls when a course or user has none yet).
CourseStats course_stats(db::Connection& db, Id course_id);
UserStats user_stats(db::Connection& db, Id user_id);

// The streak as of `now`: the stored streak when the last learning event was
// today or yesterday (UTC), else 0.
std::int64_t current_streak(const UserStats& stats, Timestamp now);

struct RecomputeSummary {
  std::int64_t courses = 0;
  std::int64_t users = 0;
  std::int64_t changed_rows = 0;  // rows whose stored numbers were different
};

// Rebuilds every CourseStats and UserStats row from scratch (creating the
// missing ones), in one transaction: `lectern recompute-stats`.
RecomputeSummary recompute_all(db::Connection& db, Timestamp now);

// Round-half-up hundredths of sum/count: the one rounding rule of averages
// (both backends compute it in integers).
double average_hundredths(std::int64_t sum, std::int64_t count);

}  // namespace lectern::apps::courses
