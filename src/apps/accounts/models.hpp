// The accounts app's model declarations: User and AuthToken (domain.md).
#pragma once

#include "schema/declaration.hpp"

namespace lectern::apps::accounts {

void declare_models(schema::ModelRegistry& registry);

}  // namespace lectern::apps::accounts
