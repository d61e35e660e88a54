// Signing up, in and out: /register, /login and POST /logout. A session is
// an API token (accounts::login) held in an HttpOnly cookie; the login
// form counts against the same allowance as the API's login.
#include "apps/accounts/login_limits.hpp"
#include "apps/accounts/users.hpp"
#include "web/cookies.hpp"
#include "web/csrf.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using apps::accounts::Settings;

std::string after_login(const PageCall& call, const std::string& next) {
  (void)call;
  return same_site_path(next) ? next : "/dashboard";
}

// Signs `session` in on this response: the session cookie (expiring with
// its token) and a new anti-CSRF token, so no token known before the login
// works after it.
void start_session(PageCall& call, const apps::accounts::Session& session) {
  const bool secure = call.site.context().settings.secure_cookies;
  const auto lifetime =
      std::chrono::duration_cast<std::chrono::seconds>(session.expires_at - call.now);
  call.add_cookie(
      set_cookie(kSessionCookie, session.token, {.secure = secure, .max_age = lifetime}));
  call.add_cookie(set_cookie(kCsrfCookie, call.site.context().new_token(), {.secure = secure}));
  call.set_session(api::Actor{session.user.id, session.user.role}, session.token);
}

http::Response login_page(PageCall& call, int status, const std::string& error,
                          const std::string& username, const std::string& next) {
  View view{View::type::object};
  if (!error.empty()) view.set("error", error);
  view.set("username", username);
  view.set("next", next);
  return call.render(status, "login", view, "Log in");
}

http::Response post_login(PageCall& call, const Settings& settings) {
  const std::string username = call.form().text("username");
  const std::string password = call.form().text("password");
  const std::string next = call.form().text("next");
  if (auto wait = apps::accounts::login_refused(call.db, settings, call.request.remote_address,
                                                username, call.now)) {
    http::Response r = login_page(
        call, 429, "Too many login attempts; try again in " + std::to_string(*wait) + " seconds.",
        username, next);
    r.headers.emplace_back("Retry-After", std::to_string(*wait));
    return r;
  }
  try {
    const auto session = apps::accounts::login(call.db, username, password, settings.token_lifetime,
                                               call.now, settings.password_cost);
    start_session(call, session);
    return call.redirect(after_login(call, next));
  } catch (const UnauthenticatedError&) {
    return login_page(call, 401, "Wrong username or password", username, next);
  }
}

struct RegisterField {
  const char* name;
  const char* label;
  const char* type;
  const char* autocomplete;
};
constexpr RegisterField kRegisterFields[] = {
    {"username", "Username", "text", "username"},
    {"email", "Email", "email", "email"},
    {"password", "Password", "password", "new-password"},
    {"display_name", "Display name", "text", "name"},
};

http::Response register_page(PageCall& call, int status, const FieldErrors& errors) {
  const bool posted = call.request.method == "POST";
  View fields{View::type::list};
  View summary{View::type::list};
  for (const auto& f : kRegisterFields) {
    View field{View::type::object};
    field.set("name", f.name);
    field.set("label", f.label);
    field.set("type", f.type);
    field.set("autocomplete", f.autocomplete);
    // A password is never sent back to the browser.
    if (posted && std::string_view(f.name) != "password")
      field.set("value", call.form().text(f.name));
    if (auto e = errors.find(f.name); e != errors.end()) {
      field.set("error", e->second);
      View item{View::type::object};
      item.set("field", f.name);
      item.set("message", e->second);
      summary.push_back(item);
    }
    fields.push_back(field);
  }
  View view{View::type::object};
  view.set("fields", fields);
  const std::string role = posted ? call.form().text("role") : "student";
  view.set("learn", role != "instructor");
  view.set("teach", role == "instructor");
  if (auto e = errors.find("role"); e != errors.end()) {
    view.set("role_error", e->second);
    View item{View::type::object};
    item.set("field", "role");
    item.set("message", e->second);
    summary.push_back(item);
  }
  if (!errors.empty()) {
    View block{View::type::object};
    block.set("list", summary);
    view.set("errors", block);
  }
  return call.render(status, "register", view, "Sign up");
}

http::Response post_register(PageCall& call, const Settings& settings) {
  const Form& form = call.form();
  apps::accounts::NewUser input{.username = form.text("username"),
                                .email = form.text("email"),
                                .password = form.text("password"),
                                .display_name = form.text("display_name"),
                                .role = form.text("role")};
  FieldErrors errors = apps::accounts::validate_new_user(input);
  if (input.role != "student" && input.role != "instructor") {
    errors["role"] = "Choose Learn or Teach.";
  }
  if (!errors.empty()) return register_page(call, 422, errors);
  try {
    apps::accounts::create_user(call.db, input, settings.password_cost, call.now);
  } catch (const ConflictError& e) {
    FieldErrors taken = e.fields();
    for (auto& [field, message] : taken) message = "That " + field + " is already taken.";
    if (taken.empty()) taken["username"] = e.what();
    return register_page(call, 422, taken);
  }
  const auto session =
      apps::accounts::login(call.db, input.username, input.password, settings.token_lifetime,
                            call.now, settings.password_cost);
  start_session(call, session);
  return call.redirect("/dashboard");
}

http::Response post_logout(PageCall& call) {
  if (!call.session_token().empty()) {
    apps::accounts::logout(call.db, call.session_token());
    call.site.context().api.tokens.forget(call.session_token());  // after the delete
  }
  const bool secure = call.site.context().settings.secure_cookies;
  call.add_cookie(
      set_cookie(kSessionCookie, "", {.secure = secure, .max_age = std::chrono::seconds(0)}));
  call.set_session(std::nullopt, "");
  return call.redirect("/");
}

}  // namespace

void register_account_pages(Site& site, const apps::AppSettings& app_settings) {
  const Settings settings = app_settings.accounts;
  site.page("GET", "/login", [](PageCall& call) {
    if (call.actor()) return call.redirect(after_login(call, call.query("next").value_or("")));
    return login_page(call, 200, "", "", call.query("next").value_or(""));
  });
  site.page("POST", "/login", [settings](PageCall& call) { return post_login(call, settings); });
  site.page("GET", "/register", [](PageCall& call) {
    if (call.actor()) return call.redirect("/dashboard");
    return register_page(call, 200, {});
  });
  site.page("POST", "/register",
            [settings](PageCall& call) { return post_register(call, settings); });
  site.page("POST", "/logout", post_logout);
}

}  // namespace lectern::web::pages
