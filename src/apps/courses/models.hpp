// The courses app's model declarations (domain.md): the catalogue (Category,
// Course, Module, Lesson, Enrollment), progress, assessments and analytics,
// reviews, notes, activity, statistics, notifications, bookmarks and
// preferences.
#pragma once

#include "schema/declaration.hpp"

namespace lectern::apps::courses {

void declare_models(schema::ModelRegistry& registry);

}  // namespace lectern::apps::courses
