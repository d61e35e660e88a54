// UserActivity: what users did, newest first. Services record the learning
// events themselves (enroll, complete_lesson, submit_attempt, review, and
// login/start_attempt); clients may post only what the server cannot see
// (viewing a course or a lesson).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// Inside the caller's transaction: inserts the row and, for a learning
// event, moves the user's last_activity_at and streak.
UserActivity record_activity(db::Connection& db, Id user_id, ActivityType activity_type,
                             OptionalId course_id, OptionalId lesson_id, Timestamp now,
                             std::string metadata_json = "{}");

struct ActivityInput {
  std::string activity_type;  // as posted: its refusal has words of its own
  OptionalId course_id;
  OptionalId lesson_id;
  std::string metadata_json = "{}";  // a JSON object's text, already parsed once by the caller
};

// POST /api/activity: validates the type (view_course or view_lesson), that
// the course / lesson exist for the actor (a draft only for its instructor
// and admins), and commits the row before returning.
UserActivity post_activity(db::Connection& db, const api::Actor& actor, const ActivityInput& input,
                           Timestamp now);

api::Page<UserActivity> list_activity(db::Connection& db, const api::Actor& actor,
                                      api::PageRequest page);

}  // namespace lectern::apps::courses
