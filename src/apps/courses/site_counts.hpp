// The whole site in a few numbers, for the administration page: courses
// (and how many are published), enrolments and assessment attempts. Admins
// only (ForbiddenError "admins_only").
#pragma once

#include <cstdint>

#include "api/actor.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct SiteCounts {
  std::int64_t courses = 0;
  std::int64_t published_courses = 0;
  std::int64_t enrollments = 0;
  std::int64_t attempts = 0;
};

SiteCounts site_counts(db::Connection& db, const api::Actor& actor);

}  // namespace lectern::apps::courses
