#include "apps/courses/site_counts.hpp"

#include "core/error.hpp"

namespace lectern::apps::courses {

SiteCounts site_counts(db::Connection& db, const api::Actor& actor) {
  if (!actor.is_admin()) throw ForbiddenError("admins_only", "Only admins see the whole site.");
  // One statement: the four numbers are of one moment.
  const auto rows = db.query(
      "SELECT (SELECT COUNT(*) FROM courses_course), "
      "(SELECT COUNT(*) FROM courses_course WHERE is_published), "
      "(SELECT COUNT(*) FROM courses_enrollment), "
      "(SELECT COUNT(*) FROM courses_assessmentattempt)");
  const auto& row = rows.front();
  return {row.get<std::int64_t>(0), row.get<std::int64_t>(1), row.get<std::int64_t>(2),
          row.get<std::int64_t>(3)};
}

}  // namespace lectern::apps::courses
