// The project's mixins: named field sets that models compose. A mixin's
// fields keep the mixin's name as their origin, so `lectern check` can say
// where a clashing field came from.
#pragma once

#include "schema/declaration.hpp"

namespace lectern::schema {

// created_at (set on insert) and updated_at (set on every update), UTC.
const Mixin& timestamped_mixin();

}  // namespace lectern::schema
