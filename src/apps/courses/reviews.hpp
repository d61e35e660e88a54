// Course reviews: a rating of 1 to 5 and a comment, one per user and course,
// written only by users with an active or completed enrolment, and public to
// whoever sees the course. Every change refreshes the course's review_count
// and average_rating in its transaction; a new review notifies the course's
// instructor. Each call is one transaction.
#pragma once

#include <optional>
#include <string>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

// Create: rating is required, comment defaults to "". Update: absent members
// keep the current value.
struct ReviewInput {
  std::optional<std::int64_t> rating;
  std::optional<std::string> comment;
};
BOOST_DESCRIBE_STRUCT(ReviewInput, (), (rating, comment))

// A review with its author, as the API shows it.
struct ReviewView {
  Review review;
  UserBrief user;
};

// NotFoundError when the course is not visible to the actor;
// ForbiddenError("not_enrolled") without an active or completed enrolment;
// ConflictError("duplicate") for a second review of the course.
ReviewView create_review(db::Connection& db, const api::Actor& actor, Id course_id,
                         const ReviewInput& input, Timestamp now);
// Only its author changes a review (ForbiddenError("not_review_author")).
ReviewView update_review(db::Connection& db, const api::Actor& actor, Id review_id,
                         const ReviewInput& input, Timestamp now);
// Its author or an admin (ForbiddenError("not_review_author") for others).
void delete_review(db::Connection& db, const api::Actor& actor, Id review_id, Timestamp now);
// Whether the user has reviewed the course (one indexed lookup: the course
// page asks on every visit of an enrolled student).
bool has_reviewed(db::Connection& db, Id user_id, Id course_id);
// The course's reviews, newest first; `viewer` may be null (anonymous).
api::Page<ReviewView> list_course_reviews(db::Connection& db, Id course_id,
                                          const api::Actor* viewer, api::PageRequest page);
// The same for a course whose access the caller holds and whose reviews it
// has counted (the course's stats: what its page says above the list).
api::Page<ReviewView> list_course_reviews(db::Connection& db, const CourseAccess& access,
                                          std::int64_t review_count, api::PageRequest page);

}  // namespace lectern::apps::courses
