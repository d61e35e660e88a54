#include "apps/accounts/handlers.hpp"

#include "apps/accounts/login_limits.hpp"
#include "apps/accounts/users.hpp"
#include "core/text.hpp"

namespace lectern::apps::accounts {

namespace {

UserOut out(const User& u) {
  return {u};
}

struct LoginOut {
  std::string token;
  std::string token_type = "Bearer";
  Timestamp expires_at;
  UserOut user;
};
BOOST_DESCRIBE_STRUCT(LoginOut, (), (token, token_type, expires_at, user))

struct RegisterRequest {
  std::string username;
  std::string email;
  std::string password;
  std::optional<std::string> display_name;
  std::optional<std::string> role;  // student (default) or instructor
};
BOOST_DESCRIBE_STRUCT(RegisterRequest, (), (username, email, password, display_name, role))

struct LoginRequest {
  std::string username;  // or the email address
  std::string password;
};
BOOST_DESCRIBE_STRUCT(LoginRequest, (), (username, password))

http::Response too_many(std::int64_t wait) {
  http::Response r = http::error_response(
      429, "too_many_requests",
      "Too many login attempts; try again in " + std::to_string(wait) + " seconds.");
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

http::Response register_user(api::Call& call, const Settings& settings) {
  auto request = api::read_request<RegisterRequest>(call.body());
  NewUser input{.username = request.username,
                .email = request.email,
                .password = request.password,
                .display_name = request.display_name.value_or(""),
                .role = request.role.value_or(std::string(enum_name(api::Role::student)))};
  if (enum_from_name<api::Role>(input.role) == api::Role::admin) {
    throw ValidationError(FieldErrors{{"role", "Admins cannot register themselves."}});
  }
  return api::json(201, out(create_user(call.db, input, settings.password_cost, call.now)));
}

http::Response login_user(api::Call& call, const Settings& s) {
  auto request = api::read_request<LoginRequest>(call.body());
  const std::string* username = &request.username;
  const std::string* password = &request.password;
  if (auto wait = login_refused(call.db, s, call.request.remote_address, *username, call.now)) {
    return too_many(*wait);
  }
  Session session =
      login(call.db, *username, *password, s.token_lifetime, call.now, s.password_cost);
  return api::json(200, LoginOut{.token = session.token,
                                 .expires_at = session.expires_at,
                                 .user = out(session.user)});
}

}  // namespace

std::optional<api::Authentication> authenticate_bearer(db::Connection& db, std::string_view token,
                                                       Timestamp now) {
  auto who = authenticate(db, token, now);
  if (!who) return std::nullopt;
  return api::Authentication{{who->user.id, who->user.role}, who->expires_at};
}

void register_routes(api::Api& api, const Settings& settings) {
  api.route("POST", "/api/auth/register", api::Auth::kPublic,
            {.summary = "Create a student or instructor account",
             .tag = "auth",
             .request = api::schema<RegisterRequest>("RegisterRequest"),
             .response = api::schema<UserOut>("User"),
             .success_status = 201,
             .error_statuses = {409, 422}},
            [settings](api::Call& call) { return register_user(call, settings); });
  api.route("POST", "/api/auth/login", api::Auth::kPublic,
            {.summary = "Exchange a username (or email) and password for a bearer token",
             .tag = "auth",
             .request = api::schema<LoginRequest>("LoginRequest"),
             .response = api::schema<LoginOut>("LoginResponse"),
             .error_statuses = {422, 429}},
            [settings](api::Call& call) { return login_user(call, settings); });
  api.route(
      "POST", "/api/auth/logout", api::Auth::kRequired,
      {.summary = "Revoke the token this request presents", .tag = "auth", .success_status = 204},
      [](api::Call& call) {
        std::string_view header = call.request.header("authorization");
        const std::string_view token = header.substr(header.find(' ') + 1);
        logout(call.db, token);
        call.context.tokens.forget(token);  // after the delete: see TokenCache::mark
        return api::no_content();
      });
  api.route("GET", "/api/me", api::Auth::kRequired,
            {.summary = "The authenticated user",
             .tag = "auth",
             .response = api::schema<UserOut>("User")},
            [](api::Call& call) {
              auto user = find_user(call.db, call.user().user_id);
              if (!user) throw NotFoundError("No such user.");
              return api::json(200, out(*user));
            });
}

}  // namespace lectern::apps::accounts
