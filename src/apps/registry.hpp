// The project's declared models: every app's declarations, in one registry.
#pragma once

#include "schema/declaration.hpp"

namespace lectern::apps {

schema::ModelRegistry project_models();

}  // namespace lectern::apps
