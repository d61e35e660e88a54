// The instructor portal's model declarations: InstructorProfile and
// Announcement (domain.md).
#pragma once

#include "schema/declaration.hpp"

namespace lectern::apps::instructor_portal {

void declare_models(schema::ModelRegistry& registry);

}  // namespace lectern::apps::instructor_portal
