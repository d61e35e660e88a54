#include "apps/accounts/login_limits.hpp"

#include "apps/accounts/users.hpp"
#include "core/text.hpp"

namespace lectern::apps::accounts {

std::optional<std::int64_t> login_refused(db::Connection& db, const Settings& s,
                                          std::string_view remote_address, std::string_view login,
                                          Timestamp now) {
  api::RateLimiter& limiter = *s.login_limiter;
  const std::string address_key = "addr:" + std::string(remote_address);
  if (!limiter.allow(address_key, s.login_attempts_per_address, s.login_window, now)) {
    return limiter.retry_after(address_key, s.login_window, now);
  }
  // Per user, however the login spells them (username, email, any case).
  std::string user_key;
  if (auto user = find_login_user(db, login)) {
    user_key = "user:" + std::to_string(user->id);
  } else {
    user_key = lower("login:" + std::string(login));
  }
  if (!limiter.allow(user_key, s.login_attempts_per_user, s.login_window, now)) {
    return limiter.retry_after(user_key, s.login_window, now);
  }
  return std::nullopt;
}

}  // namespace lectern::apps::accounts
