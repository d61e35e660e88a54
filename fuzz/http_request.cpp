// libFuzzer: the whole request path in process. The input is one
// connection's bytes: Beast's parser and the refusals of a Server
// connection (http::serve_bytes), the router, the API's handlers with their
// JSON bodies, services and SQL, on SQLite in memory migrated with the
// shipped schema. "@STUDENT@", "@INSTRUCTOR@" and "@ADMIN@" in the input
// become those users' bearer tokens, so the corpus reaches what needs a
// login (as a bearer token or a session cookie), and "@CSRF@" becomes an
// anti-CSRF token, so forms get past the check. The pages (web/) are served
// beside the API. A finding is a crash, a sanitizer report or any 500 (bad
// input must never get one).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "api/api.hpp"
#include "apps/accounts/handlers.hpp"
#include "apps/accounts/users.hpp"
#include "apps/routes.hpp"
#include "core/log.hpp"
#include "db/database.hpp"
#include "http/in_process.hpp"
#include "http/router.hpp"
#include "migrations/executor.hpp"
#include "migrations/loader.hpp"
#include "web/pages/pages.hpp"

namespace {

using namespace lectern;

struct World {
  std::unique_ptr<db::Database> database = db::Database::open("sqlite::memory:");
  api::ApiContext context{.database = *database};
  http::Router router;
  api::Api api{context, router};
  web::WebContext web_context{.api = context,
                              .new_token = &apps::accounts::new_token,
                              .describe = &web::pages::describe_user};
  web::Site site{web_context, router};
  std::vector<std::pair<std::string, std::string>> tokens;  // placeholder, token
  http::ServerOptions options;

  World() {
    log::set_level(log::Level::kError);
    const Timestamp now = now_utc();
    apps::AppSettings settings;
    const auto cost = apps::accounts::PasswordCost::minimal();
    settings.accounts.password_cost = cost;
    settings.accounts.login_attempts_per_user = 1000000;
    settings.accounts.login_attempts_per_address = 1000000;
    context.authenticate = &apps::accounts::authenticate_bearer;
    {
      auto connection = database->acquire();
      migrations::MigrationExecutor(*connection, migrations::load_embedded()).migrate({});
      for (const char* role : {"student", "instructor", "admin"}) {
        const std::string name = std::string("fuzz_") + role;
        apps::accounts::create_user(*connection,
                                    {.username = name,
                                     .email = name + "@example.com",
                                     .password = "password-2026",
                                     .display_name = name,
                                     .role = role},
                                    cost, now);
        auto session = apps::accounts::login(*connection, name, "password-2026",
                                             settings.accounts.token_lifetime, now, cost);
        std::string placeholder = std::string("@") + role + "@";
        for (auto& c : placeholder) c = char(std::toupper(static_cast<unsigned char>(c)));
        tokens.emplace_back(placeholder, session.token);
      }
    }  // the pool's one :memory: connection goes back for the handlers
    apps::register_api(api, settings);
    web::pages::register_pages(site, settings);
    tokens.emplace_back("@CSRF@", std::string(43, 'c'));
    options.max_body_bytes = 64 * 1024;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  std::string input(reinterpret_cast<const char*>(data), size);
  for (const auto& [placeholder, token] : world.tokens) {
    for (auto at = input.find(placeholder); at != std::string::npos;
         at = input.find(placeholder, at + token.size())) {
      input.replace(at, placeholder.size(), token);
    }
  }
  auto exchange = http::serve_bytes(
      input, world.options, [](const http::Request& r) { return world.router.dispatch(r); });
  for (const auto& response : exchange.responses) {
    if (response.status >= 500) {
      std::fprintf(stderr, "fuzz_http_request: %d for bad input: %s\n", response.status,
                   response.body.c_str());
      std::abort();
    }
  }
  return 0;
}
