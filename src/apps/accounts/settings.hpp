// The accounts app's settings: the cost of new password hashes, how long a
// session's token lasts, and how many login attempts are allowed. Given to
// register_routes by whoever builds the API (`serve`, tests).
#pragma once

#include <chrono>

#include "apps/accounts/passwords.hpp"

namespace lectern::apps::accounts {

struct Settings {
  std::chrono::seconds token_lifetime{14 * 24 * 3600};
  PasswordCost password_cost = PasswordCost::interactive();
  // Login attempts allowed per window, per username and per client address.
  int login_attempts_per_user = 10;
  int login_attempts_per_address = 50;
  std::chrono::seconds login_window{300};
};

}  // namespace lectern::apps::accounts
