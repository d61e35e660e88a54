// Every app's routes, in one table, and the settings the apps take. Whoever
// builds the API (`serve`, tests, the fuzz target) registers them and gives
// the API its authenticator (accounts::authenticate_bearer).
#pragma once

#include "api/api.hpp"
#include "apps/accounts/settings.hpp"

namespace lectern::apps {

struct AppSettings {
  accounts::Settings accounts;
};

void register_api(api::Api& api, const AppSettings& settings);

}  // namespace lectern::apps
