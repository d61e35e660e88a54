// What removing a user means to the courses app: accounts::delete_user
// removes the user and (CASCADE) their enrolments, reviews and attempts; the
// stats of the courses those rows counted towards follow in the same
// transaction. This is the deletion every caller uses.
#pragma once

#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// NotFoundError for an unknown user; ConflictError("user_is_referenced")
// while they teach a course or authored an announcement (PROTECT).
void delete_user(db::Connection& db, Id user_id, Timestamp now);

}  // namespace lectern::apps::courses
