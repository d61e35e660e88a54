#include "apps/accounts/handlers.hpp"

#include "apps/accounts/users.hpp"
#include "core/text.hpp"

namespace lectern::apps::accounts {

namespace {

UserOut out(const User& u) {
  return {u.id, u.username, u.email, u.display_name, u.role, u.created_at};
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

http::Response too_many(RateLimiter& limiter, const std::string& key, std::chrono::seconds window,
                        Timestamp now) {
  const auto wait = limiter.retry_after(key, window, now);
  http::Response r = http::error_response(
      429, "too_many_requests",
      "Too many login attempts; try again in " + std::to_string(wait) + " seconds.");
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

http::Response register_user(Call& call) {
  auto request = read_request<RegisterRequest>(call.body());
  NewUser input{.username = request.username,
                .email = request.email,
                .password = request.password,
                .display_name = request.display_name.value_or(""),
                .role = request.role.value_or("student")};
  if (input.role == "admin") {
    throw ValidationError(FieldErrors{{"role", "Admins cannot register themselves."}});
  }
  return json(201, out(create_user(call.db, input, call.context.settings.password_cost, call.now)));
}

http::Response login_user(Call& call) {
  auto request = read_request<LoginRequest>(call.body());
  const std::string* username = &request.username;
  const std::string* password = &request.password;
  const ApiSettings& s = call.context.settings;
  RateLimiter& limiter = call.context.login_limiter;
  const std::string address_key = "addr:" + call.request.remote_address;
  if (!limiter.allow(address_key, s.login_attempts_per_address, s.login_window, call.now)) {
    return too_many(limiter, address_key, s.login_window, call.now);
  }
  // Per user, however the login spells them (username, email, any case).
  std::string user_key;
  if (auto user = find_login_user(call.db, *username)) {
    user_key = "user:" + std::to_string(user->id);
  } else {
    user_key = lower("login:" + *username);
  }
  if (!limiter.allow(user_key, s.login_attempts_per_user, s.login_window, call.now)) {
    return too_many(limiter, user_key, s.login_window, call.now);
  }
  Session session =
      login(call.db, *username, *password, s.token_lifetime, call.now, s.password_cost);
  return json(200, LoginOut{.token = session.token,
                            .expires_at = session.expires_at,
                            .user = out(session.user)});
}

}  // namespace

void register_routes(Api& api) {
  api.route("POST", "/api/auth/register", Auth::kPublic,
            {.summary = "Create a student or instructor account",
             .tag = "auth",
             .request = schema<RegisterRequest>("RegisterRequest"),
             .response = schema<UserOut>("User"),
             .success_status = 201,
             .error_statuses = {409, 422}},
            register_user);
  api.route("POST", "/api/auth/login", Auth::kPublic,
            {.summary = "Exchange a username (or email) and password for a bearer token",
             .tag = "auth",
             .request = schema<LoginRequest>("LoginRequest"),
             .response = schema<LoginOut>("LoginResponse"),
             .error_statuses = {422, 429}},
            login_user);
  api.route(
      "POST", "/api/auth/logout", Auth::kRequired,
      {.summary = "Revoke the token this request presents", .tag = "auth", .success_status = 204},
      [](Call& call) {
        std::string_view header = call.request.header("authorization");
        const std::string_view token = header.substr(header.find(' ') + 1);
        call.context.tokens.forget(token_digest(token));
        logout(call.db, token);
        return no_content();
      });
  api.route(
      "GET", "/api/me", Auth::kRequired,
      {.summary = "The authenticated user", .tag = "auth", .response = schema<UserOut>("User")},
      [](Call& call) {
        auto user = find_user(call.db, call.user().user_id);
        if (!user) throw NotFoundError("No such user.");
        return json(200, out(*user));
      });
}

}  // namespace lectern::apps::accounts
