// The accounts app's HTTP endpoints: register, login (rate-limited per
// username and per client address), logout and /api/me.
#pragma once

#include "apps/api.hpp"

namespace lectern::apps::accounts {

void register_routes(Api& api);

// A user as the API shows them (never the password hash).
struct UserOut {
  std::int64_t id = 0;
  std::string username;
  std::string email;
  std::string display_name;
  std::string role;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(UserOut, (), (id, username, email, display_name, role, created_at))

}  // namespace lectern::apps::accounts
