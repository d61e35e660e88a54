// The accounts app's settings: the cost of new password hashes, how long a
// session's token lasts, and how many login attempts are allowed. Given to
// register_routes by whoever builds the API (`serve`, tests).
#pragma once

#include <chrono>
#include <memory>

#include "api/api.hpp"
#include "apps/accounts/passwords.hpp"

namespace lectern::apps::accounts {

struct Settings {
  std::chrono::seconds token_lifetime{14 * 24 * 3600};
  PasswordCost password_cost = PasswordCost::interactive();
  // Login attempts allowed per window, per username and per client address.
  int login_attempts_per_user = 10;
  int login_attempts_per_address = 50;
  std::chrono::seconds login_window{300};
  // The attempts counted so far: one per server, shared by every copy of
  // these settings (the API's login and the login form count together).
  std::shared_ptr<api::RateLimiter> login_limiter = std::make_shared<api::RateLimiter>();
};

}  // namespace lectern::apps::accounts
