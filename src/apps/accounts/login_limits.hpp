// How many login attempts a client address and a user get (Settings: per
// window), counted alike for the API's login and the login form, on the
// one limiter of the server (Settings::login_limiter).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "apps/accounts/settings.hpp"
#include "core/time.hpp"
#include "db/connection.hpp"

namespace lectern::apps::accounts {

// Counts one attempt to log in as `login` (a username or an email, any
// case: it counts for the user it names) from `remote_address`. Returns the
// seconds to wait when the address or the user is over its allowance (the
// attempt is then refused, and not counted); nullopt to go ahead.
std::optional<std::int64_t> login_refused(db::Connection& db, const Settings& settings,
                                          std::string_view remote_address, std::string_view login,
                                          Timestamp now);

}  // namespace lectern::apps::accounts
