// The accounts app's HTTP endpoints: register, login (rate-limited per
// username and per client address), logout and /api/me; and the
// authenticator the API is given to find who a bearer token stands for.
#pragma once

#include "api/api.hpp"
#include "apps/accounts/records.hpp"
#include "apps/accounts/settings.hpp"

namespace lectern::apps::accounts {

void register_routes(api::Api& api, const Settings& settings);
// GET /api/admin/users and PATCH /api/admin/users/{id} (accounts/admin.hpp).
void register_admin_routes(api::Api& api);

// The user behind a raw bearer token (accounts::authenticate), as the API's
// Authenticator.
std::optional<api::Authentication> authenticate_bearer(db::Connection& db, std::string_view token,
                                                       Timestamp now);

// A user as the API shows them (never the password hash).
struct UserOut : User {
  static constexpr std::string_view kJsonHidden[] = {"password_hash", "is_active", "updated_at"};
};
BOOST_DESCRIBE_STRUCT(UserOut, (User), ())

}  // namespace lectern::apps::accounts
