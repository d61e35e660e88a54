#include "schema/mixins.hpp"

#include "schema/fields.hpp"

namespace lectern::schema {

const Mixin& timestamped_mixin() {
  static const Mixin mixin{
      "TimeStampedMixin",
      {field::timestamp("created_at").auto_now_add(), field::timestamp("updated_at").auto_now()}};
  return mixin;
}

}  // namespace lectern::schema
