// The accounts app's HTTP endpoints: register, login (rate-limited per
// username and per client address), logout and /api/me; and the
// authenticator the API is given to find who a bearer token stands for.
#pragma once

#include "api/api.hpp"
#include "apps/accounts/settings.hpp"

namespace lectern::apps::accounts {

void register_routes(api::Api& api, const Settings& settings);

// The user behind a raw bearer token (accounts::authenticate), as the API's
// Authenticator.
std::optional<api::Authentication> authenticate_bearer(db::Connection& db, std::string_view token,
                                                       Timestamp now);

// A user as the API shows them (never the password hash).
struct UserOut {
  std::int64_t id = 0;
  std::string username;
  std::string email;
  std::string display_name;
  api::Role role = api::Role::student;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(UserOut, (), (id, username, email, display_name, role, created_at))

}  // namespace lectern::apps::accounts
