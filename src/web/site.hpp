// The pages' plumbing: a page route is a method, a path pattern and a
// handler taking a PageCall (the request, a pooled connection, the clock,
// who is signed in through the session cookie, the form of a POST whose
// anti-CSRF token was checked before the handler runs). Every HTML answer
// leaves here with the security headers, in the layout; errors thrown by
// handlers and services become error pages (never JSON, never a stack
// trace) in one place. Shared by the server's threads; immutable after
// setup apart from ApiContext's own thread-safe parts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.hpp"
#include "http/router.hpp"
#include "web/assets.hpp"
#include "web/form.hpp"
#include "web/format.hpp"
#include "web/shared_cache.hpp"
#include "web/templates.hpp"

namespace lectern::web {

inline constexpr std::string_view kSessionCookie = "lectern_session";

struct WebSettings {
  // Behind HTTPS: cookies get Secure.
  bool secure_cookies = false;
};

// What the banner and the formatting need to know of the signed-in user.
struct SignedInUser {
  std::string display_name;
  std::int64_t unread_notifications = 0;
  std::string theme = "system";  // light, dark or system
  Reader reader;
};

struct WebContext {
  // The database, the clock and the authenticator of the API: a session is
  // an API token held in a cookie (only its hash is stored).
  api::ApiContext& api;
  WebSettings settings;
  // A new random token (base64url, 43 characters) for the anti-CSRF cookie.
  std::function<std::string()> new_token;
  // Who a signed-in actor is, for the banner (given by the pages, which know
  // the apps).
  std::function<SignedInUser(db::Connection&, const api::Actor&)> describe;
};

class Site;

// One page request as a handler sees it.
class PageCall {
 public:
  PageCall(const http::Request& request, const http::PathParams& params, db::Connection& db,
           Timestamp now, Site& site)
      : request(request), params(params), db(db), now(now), site(site) {}

  const http::Request& request;
  const http::PathParams& params;
  db::Connection& db;
  const Timestamp now;
  Site& site;

  // Signed in: the actor (null when signed out) and the session's raw token.
  const api::Actor* actor() const { return actor_ ? &*actor_ : nullptr; }
  const std::string& session_token() const { return session_token_; }
  // The signed-in user as the banner shows them (asked once).
  const SignedInUser* user();
  // Language and time zone of the reader (UTC and English when signed out).
  Reader reader();
  // The token this page's forms carry: the anti-CSRF cookie's, masked for
  // this response (csrf.hpp).
  const std::string& csrf_token() const { return form_csrf_token_; }
  // A query parameter, decoded; nullopt when absent (UsageError: malformed).
  std::optional<std::string> query(std::string_view name) const;
  // A path parameter that must be a positive id (NotFoundError otherwise).
  std::int64_t id(std::string_view name) const;
  // The submitted form (POST only; its anti-CSRF token already checked).
  const Form& form() const { return *form_; }

  // `template_name` rendered with `view` (to which it adds csrf_token: a
  // reference, since copying a View copies its whole tree), inside the
  // layout under the title `title` (the page's h1 is the template's).
  http::Response render(int status, std::string_view template_name, View& view,
                        const std::string& title);
  // 303 See Other to a path of this site.
  http::Response redirect(const std::string& location) const;
  // A Set-Cookie header that goes with this call's response.
  void add_cookie(std::string header) { cookies_.push_back(std::move(header)); }
  // After a login or a logout: the session this request carries from now.
  void set_session(std::optional<api::Actor> actor, std::string token);

 private:
  friend class Site;
  std::optional<api::Actor> actor_;
  std::string session_token_;
  std::optional<SignedInUser> user_;
  std::string csrf_token_;
  std::string form_csrf_token_;
  std::optional<Form> form_;
  std::vector<std::string> cookies_;
};

using PageHandler = std::function<http::Response(PageCall&)>;

class Site {
 public:
  // Serves the assets under /static/ and answers paths no route has with
  // the 404 page (the API's JSON 404 under /api/).
  Site(WebContext& context, http::Router& router);

  void page(std::string method, std::string pattern, PageHandler handler);

  WebContext& context() { return context_; }
  // The banner's reader (WebContext::describe) by user id: it changes only
  // by writes, which end the entries (SharedCache).
  SharedCache<SignedInUser>& readers() { return readers_; }
  const Templates& templates() const { return templates_; }
  const Assets& assets() const { return assets_; }

  // The layout around `content` (already HTML), with the banner for `call`
  // (signed out when null), as a complete response with the headers.
  http::Response layout(int status, const std::string& title, std::string content, PageCall* call);
  // An error page in the layout: 404, 403, 422, 429, 503, ... with a
  // sentence for people.
  http::Response error_page(int status, const std::string& message, PageCall* call);

 private:
  http::Response handle(const http::Request& request, const http::PathParams& params,
                        const PageHandler& handler);
  http::Response answer_error(const std::exception& error, PageCall* call);

  WebContext& context_;
  http::Router& router_;
  Templates templates_;
  Assets assets_;
  SharedCache<SignedInUser> readers_{std::chrono::seconds(1), 1024};
};

// The headers every HTML response carries (CSP without inline scripts,
// frame-ancestors 'none', nosniff, Referrer-Policy same-origin), and
// Cache-Control: no-store when someone is signed in.
void add_page_headers(http::Response& response, bool signed_in);

// Whether `next` may be followed after a login: a path on this site
// ("/courses/x?page=2"), never "//host", "/\host" or an absolute URL.
bool same_site_path(std::string_view next);

}  // namespace lectern::web
