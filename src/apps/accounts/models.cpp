#include "apps/accounts/models.hpp"

#include "api/actor.hpp"
#include "core/described_enum.hpp"

#include "schema/fields.hpp"
#include "schema/mixins.hpp"

namespace lectern::apps::accounts {

using namespace schema;

void declare_models(ModelRegistry& registry) {
  ModelDeclaration user{.app = "accounts", .name = "User", .mixins = {&timestamped_mixin()}};
  user.fields = {
      field::varchar("username", 150).unique().min_length(3),
      // Case-insensitive uniqueness is the service's job (see users.cpp);
      // the column keeps the address as typed.
      field::varchar("email", 254).unique(),
      field::varchar("password_hash", 255),
      field::varchar("display_name", 150).default_text(""),
      field::varchar("role", 20)
          .choices(enum_names<api::Role>())
          .default_text(enum_name(api::Role::student)),
      field::boolean("is_active").default_bool(true),
  };
  registry.add(std::move(user));

  ModelDeclaration token{.app = "accounts", .name = "AuthToken"};
  token.fields = {
      field::foreign_key("user", "accounts.User", OnDelete::kCascade),
      // SHA-256 of the raw token, hex: the raw token is shown once.
      field::varchar("token_hash", 64).unique(),
      field::timestamp("created_at").auto_now_add(),
      field::timestamp("expires_at"),
      field::timestamp("last_used_at").null(),
  };
  registry.add(std::move(token));
}

}  // namespace lectern::apps::accounts
