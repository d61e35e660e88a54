// The admin endpoints on users (accounts/admin.hpp): the searchable list,
// and PATCH of a user's role and active flag.
#include "apps/accounts/admin.hpp"
#include "apps/accounts/handlers.hpp"

namespace lectern::apps::accounts {

namespace {

// A user as an admin sees them: whether they are active and when they last
// changed, never the password hash.
struct AdminUserOut : User {
  static constexpr std::string_view kJsonHidden[] = {"password_hash"};
};
BOOST_DESCRIBE_STRUCT(AdminUserOut, (User), ())

AdminUserOut admin_out(const User& u) {
  return {u};
}

}  // namespace

void register_admin_routes(api::Api& api) {
  api.route("GET", "/api/admin/users", api::Auth::kRequired,
            {.summary = "Users (admins only), in the order they joined; ?search= matches the "
                        "username, display name or email; 50 a page unless ?page_size=",
             .tag = "admin",
             .response = api::schema<AdminUserOut>("AdminUser"),
             .error_statuses = {403},
             .paginated = true},
            [](api::Call& call) {
              api::PageRequest page = call.page();
              if (!call.query("page_size")) page.page_size = kUsersPerPage;
              return api::page_response(
                  list_users(call.db, call.user(), call.query("search").value_or(""), page),
                  [](JsonWriter& w, const User& u) { write_json(w, admin_out(u)); });
            });
  api.route("PATCH", "/api/admin/users/{id}", api::Auth::kRequired,
            {.summary = "Change a user's role or deactivate (is_active false: their tokens stop "
                        "working at once) or reactivate them (admins only; not themselves)",
             .tag = "admin",
             .request = api::schema<UserChange>("UserChangeRequest"),
             .response = api::schema<AdminUserOut>("AdminUser"),
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              return api::json(
                  200, admin_out(change_user(call.db, call.user(), call.id("id"),
                                             api::read_request<UserChange>(call.body()), call.now,
                                             call.context.tokens)));
            });
}

}  // namespace lectern::apps::accounts
