#include "apps/instructor_portal/models.hpp"

#include "schema/fields.hpp"
#include "schema/mixins.hpp"

namespace lectern::apps::instructor_portal {

using namespace schema;

void declare_models(ModelRegistry& registry) {
  ModelDeclaration profile{
      .app = "instructor_portal", .name = "InstructorProfile", .mixins = {&timestamped_mixin()}};
  profile.fields = {
      field::one_to_one("user", "accounts.User", OnDelete::kCascade),
      field::text("bio").default_text(""),
      field::varchar("expertise", 255).default_text(""),
      field::varchar("website", 200).default_text(""),
      field::boolean("is_verified").default_bool(false),
  };
  registry.add(std::move(profile));

  ModelDeclaration announcement{
      .app = "instructor_portal", .name = "Announcement", .mixins = {&timestamped_mixin()}};
  announcement.fields = {
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::foreign_key("author", "accounts.User", OnDelete::kProtect),
      field::varchar("title", 200),
      field::text("body"),
      field::timestamp("published_at").null(),
  };
  registry.add(std::move(announcement));
}

}  // namespace lectern::apps::instructor_portal
