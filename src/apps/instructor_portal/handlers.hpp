// The instructor portal's HTTP endpoints: an instructor's own courses with
// their statistics, a course's students and an assessment's results, the
// instructor profile, and course announcements.
#pragma once

#include "api/api.hpp"

namespace lectern::apps::instructor_portal {

void register_routes(api::Api& api);

}  // namespace lectern::apps::instructor_portal
