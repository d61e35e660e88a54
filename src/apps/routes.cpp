#include "apps/routes.hpp"

#include "apps/accounts/handlers.hpp"
#include "apps/courses/handlers.hpp"
#include "apps/instructor_portal/handlers.hpp"

namespace lectern::apps {

namespace {

struct Health {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(Health, (), (status))

void register_operations(api::Api& api) {
  // Liveness: the process serves. It never asks the database, so that a
  // database outage does not get a healthy process restarted; readiness,
  // below, is the question about the database.
  api.route_without_database("GET", "/api/health",
                             {.summary = "The process is up (never asks the database)",
                              .tag = "operations",
                              .response = api::schema<Health>("Health")},
                             [](const http::Request&) { return api::json(200, Health{"ok"}); });
  api.route("GET", "/api/ready", api::Auth::kPublic,
            {.summary = "Readiness: the database answers and every migration is applied (503 "
                        "otherwise, with the code database_unavailable or migrations_pending)",
             .tag = "operations",
             .response = api::schema<Health>("Health"),
             .error_statuses = {503}},
            [](api::Call& call) {
              if (call.context.migrations_applied && !call.context.migrations_applied(call.db)) {
                return http::error_response(503, "migrations_pending",
                                            "Migrations are not applied; run lectern migrate.");
              }
              return api::json(200, Health{"ready"});
            });
}

}  // namespace

void register_api(api::Api& api, const AppSettings& settings) {
  register_operations(api);
  accounts::register_routes(api, settings.accounts);
  accounts::register_admin_routes(api);
  courses::register_catalogue_routes(api);
  courses::register_learning_routes(api);
  courses::register_assessment_routes(api);
  courses::register_engagement_routes(api);
  instructor_portal::register_routes(api);
  // The document describes every route registered above, and itself.
  api.route_without_database("GET", "/api/openapi.json",
                             {.summary = "This API's OpenAPI 3.1 description", .tag = "operations"},
                             [&api](const http::Request&) {
                               return http::json_response(200, api::openapi_document(api.routes()));
                             });
}

}  // namespace lectern::apps
