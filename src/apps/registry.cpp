#include "apps/registry.hpp"

namespace lectern::apps {

schema::ModelRegistry project_models() {
  schema::ModelRegistry registry;
  // The apps (accounts, courses, instructor_portal) add their declarations
  // here as they land.
  return registry;
}

}  // namespace lectern::apps
