// The courses app's model declarations (domain.md): the catalogue (Category,
// Course, Module, Lesson, Enrollment), progress, assessments and analytics,
// reviews, notes, activity, statistics, notifications, bookmarks and
// preferences.
#pragma once

#include "api/model_input.hpp"
#include "schema/declaration.hpp"

namespace lectern::apps::courses {

void declare_models(schema::ModelRegistry& registry);

// These models (and the accounts app's, which they refer to) by table, built
// once: what the services validate inputs against.
const api::DeclaredModels& declared_models();

}  // namespace lectern::apps::courses
