#include "apps/accounts/handlers.hpp"
#include "apps/api.hpp"
#include "apps/courses/handlers.hpp"
#include "apps/instructor_portal/handlers.hpp"

namespace lectern::apps {

namespace {

struct Health {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(Health, (), (status))

void register_operations(Api& api) {
  api.route(
      "GET", "/api/health", Auth::kPublic,
      {.summary = "The process is up", .tag = "operations", .response = schema<Health>("Health")},
      [](Call&) { return json(200, Health{"ok"}); });
  api.route("GET", "/api/ready", Auth::kPublic,
            {.summary = "The database answers and every migration is applied (503 otherwise)",
             .tag = "operations",
             .response = schema<Health>("Health"),
             .error_statuses = {503}},
            [](Call& call) {
              if (call.context.migrations_applied && !call.context.migrations_applied(call.db)) {
                return http::error_response(503, "migrations_pending",
                                            "Migrations are not applied; run lectern migrate.");
              }
              return json(200, Health{"ready"});
            });
}

}  // namespace

void register_api(Api& api) {
  register_operations(api);
  accounts::register_routes(api);
  courses::register_catalogue_routes(api);
  courses::register_learning_routes(api);
  courses::register_assessment_routes(api);
  courses::register_engagement_routes(api);
  instructor_portal::register_routes(api);
  // The document describes every route registered above, and itself.
  api.route("GET", "/api/openapi.json", Auth::kPublic,
            {.summary = "This API's OpenAPI 3.1 description", .tag = "operations"},
            [&api](Call&) { return http::json_response(200, openapi_document(api.routes())); });
}

}  // namespace lectern::apps
