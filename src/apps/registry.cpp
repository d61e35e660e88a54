#include "apps/registry.hpp"

#include "apps/accounts/models.hpp"
#include "apps/courses/models.hpp"
#include "apps/instructor_portal/models.hpp"

namespace lectern::apps {

schema::ModelRegistry project_models() {
  schema::ModelRegistry registry;
  accounts::declare_models(registry);
  courses::declare_models(registry);
  instructor_portal::declare_models(registry);
  return registry;
}

}  // namespace lectern::apps
