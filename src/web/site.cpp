#include "web/site.hpp"

#include <charconv>

#include "core/log.hpp"
#include "db/errors.hpp"
#include "http/target.hpp"
#include "web/assets.hpp"
#include "web/cookies.hpp"
#include "web/csrf.hpp"

namespace lectern::web {

namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// What an error page says when the error's own words are not for people
// (a database outage names hosts and files).
std::string sentence_for(int status) {
  switch (status) {
    case 400:
      return "The request was not understood.";
    case 401:
      return "Please log in to see this page.";
    case 403:
      return "You are not allowed to do that.";
    case 404:
      return "There is no page here.";
    case 405:
      return "That is not something this page does.";
    case 409:
      return "That conflicts with what is already there.";
    case 422:
      return "Some of what was sent breaks a rule.";
    case 429:
      return "Too many attempts; please wait a little and try again.";
    case 503:
      return "Lectern cannot reach its database just now; please try again shortly.";
    default:
      return "Something went wrong on our side; please try again.";
  }
}

std::string title_for(int status) {
  switch (status) {
    case 403:
      return "Not allowed";
    case 404:
      return "Page not found";
    case 422:
      return "Cannot do that";
    case 429:
      return "Too many attempts";
    case 503:
      return "Service unavailable";
    default:
      return status < 500 ? "Cannot do that" : "Something went wrong";
  }
}

// Pages below this size gain less from gzip than its header and the work.
constexpr std::size_t kCompressFrom = 1024;

// A page gzipped for a client that accepts it. Pages are rendered for each
// request, so at zlib's fastest level: HTML still shrinks 4-6 times.
http::Response compressed_for(const http::Request& request, http::Response response) {
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (response.body.size() >= kCompressFrom && accepts_gzip(request.header("accept-encoding"))) {
    response.body = gzip(response.body, GzipLevel::kFastest);
    response.headers.emplace_back("Content-Encoding", "gzip");
  }
  return response;
}

}  // namespace

void add_page_headers(http::Response& response, bool signed_in) {
  response.content_type = "text/html; charset=utf-8";
  response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  // Pages carry the reader's anti-CSRF token and, signed in, their data.
  response.headers.emplace_back("Cache-Control", signed_in ? "no-store" : "no-cache");
}

bool same_site_path(std::string_view next) {
  if (next.empty() || next.front() != '/') return false;
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return false;
  for (unsigned char c : next) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  return true;
}

const SignedInUser* PageCall::user() {
  if (!actor_) return nullptr;
  if (!user_) {
    const auto& describe = site.context().describe;
    user_ = describe ? *site.readers().get(std::to_string(actor_->user_id),
                                           [&] { return describe(db, *actor_); })
                     : SignedInUser{};
  }
  return &*user_;
}

Reader PageCall::reader() {
  const SignedInUser* who = user();
  return who ? who->reader : Reader{};
}

std::optional<std::string> PageCall::query(std::string_view name) const {
  if (!http::valid_query(request.query)) {
    throw UsageError("The query string is not well-formed UTF-8 text.");
  }
  return http::query_value(request.query, name);
}

std::int64_t PageCall::id(std::string_view name) const {
  auto it = params.find(std::string(name));
  if (it != params.end()) {
    std::int64_t value = 0;
    const auto& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size() && value > 0) return value;
  }
  throw NotFoundError("No such page.");
}

http::Response PageCall::render(int status, std::string_view template_name, View& view,
                                const std::string& title) {
  view.set("csrf_token", form_csrf_token_);
  return site.layout(status, title, site.templates().render(template_name, view), this);
}

http::Response PageCall::redirect(const std::string& location) const {
  http::Response r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", same_site_path(location) ? location : "/");
  add_page_headers(r, actor_.has_value());
  r.content_type = "text/plain; charset=utf-8";
  return r;
}

void PageCall::set_session(std::optional<api::Actor> actor, std::string token) {
  actor_ = std::move(actor);
  session_token_ = std::move(token);
  user_.reset();
}

Site::Site(WebContext& context, http::Router& router)
    : context_(context), router_(router), templates_(embedded_files()), assets_(embedded_files()) {
  router_.add(
      "GET", "/static/{file}",
      [this](const http::Request& request, const http::PathParams& params) {
        return assets_.serve(request, params.at("file"));
      },
      http::Router::kRunsInline);
  static const PageHandler not_found = [](PageCall&) -> http::Response {
    throw NotFoundError("No such page.");
  };
  router_.set_not_found([this](const http::Request& request, const http::PathParams& params) {
    // The API's own space, "/api%2F..." included: its JSON 404.
    const std::string_view path = request.path;
    if (path.starts_with("/api") && (path.size() == 4 || path[4] == '/' || path[4] == '%')) {
      return http::error_response(404, "not_found", "No such endpoint.");
    }
    return handle(request, params, not_found);
  });
}

void Site::page(std::string method, std::string pattern, PageHandler handler) {
  router_.add(std::move(method), std::move(pattern),
              [this, handler = std::move(handler)](const http::Request& request,
                                                   const http::PathParams& params) {
                return handle(request, params, handler);
              });
}

http::Response Site::handle(const http::Request& request, const http::PathParams& params,
                            const PageHandler& handler) {
  std::optional<PageCall> call;
  try {
    auto connection = context_.api.database.acquire();
    call.emplace(request, params, *connection, context_.api.clock(), *this);
    const std::string_view cookies = request.header("cookie");

    if (auto token = cookie_value(cookies, kSessionCookie); token && !token->empty()) {
      if (auto who = api::find_actor(context_.api, *connection, *token, call->now)) {
        call->actor_ = *who;
        call->session_token_ = *token;
      } else {
        // Expired, revoked or its user deactivated: forget it.
        call->add_cookie(set_cookie(
            kSessionCookie, "",
            {.secure = context_.settings.secure_cookies, .max_age = std::chrono::seconds(0)}));
      }
    }

    auto csrf = cookie_value(cookies, kCsrfCookie);
    if (request.method == "POST") {
      call->form_ = Form::parse(request.body);
      if (!csrf || !csrf_matches(*csrf, call->form_->text(kCsrfField))) {
        throw ForbiddenError("csrf_failed",
                             "This form has expired or did not come from this site. Go back, "
                             "reload the page and send it again.");
      }
    }
    if (csrf && csrf_token_usable(*csrf)) {
      call->csrf_token_ = *csrf;
    } else {
      call->csrf_token_ = context_.new_token();
      call->add_cookie(
          set_cookie(kCsrfCookie, call->csrf_token_, {.secure = context_.settings.secure_cookies}));
    }
    std::string pad;
    while (pad.size() < call->csrf_token_.size()) pad += context_.new_token();
    call->form_csrf_token_ = mask_csrf(call->csrf_token_, pad);

    http::Response response = handler(*call);
    for (auto& header : call->cookies_) response.headers.emplace_back("Set-Cookie", header);
    return compressed_for(request, std::move(response));
  } catch (const std::exception& e) {
    http::Response response = answer_error(e, call ? &*call : nullptr);
    if (call) {
      for (auto& header : call->cookies_) response.headers.emplace_back("Set-Cookie", header);
    }
    return compressed_for(request, std::move(response));
  }
}

http::Response Site::answer_error(const std::exception& error, PageCall* call) {
  const auto* known = dynamic_cast<const Error*>(&error);
  const auto* database = dynamic_cast<const db::DatabaseError*>(&error);
  int status = 500;
  std::string message;
  if (known) {
    status = http::status_for(known->kind());
    // 401 on a page: the page needs a signed-in reader.
    if (status == 401 && call) {
      const auto& request = call->request;
      return call->redirect("/login?next=" + url_encode(request.query.empty()
                                                            ? request.path
                                                            : request.path + "?" + request.query));
    }
    const bool plain_words = !database && status != 500;
    message = plain_words ? known->what() : sentence_for(status);
    if (database) {
      log::warn("database unavailable", {{"code", database->code()}, {"error", database->what()}});
    }
  } else {
    log::error("page failed", {{"error", error.what()}});
    message = sentence_for(500);
  }
  // An outage may also be why the page failed: the banner then goes without
  // the database.
  if (status == 503 || status == 500) call = nullptr;
  http::Response r = error_page(status, message, call);
  if (status == 503) r.headers.emplace_back("Retry-After", "1");
  if (known && known->kind() == ErrorKind::kRateLimited)
    r.headers.emplace_back("Retry-After", "60");
  return r;
}

http::Response Site::error_page(int status, const std::string& message, PageCall* call) {
  View view{View::type::object};
  view.set("title", title_for(status));
  view.set("message", message);
  view.set("status", std::to_string(status));
  return layout(status, title_for(status), templates_.render("error", view), call);
}

http::Response Site::layout(int status, const std::string& title, std::string content,
                            PageCall* call) {
  View view{View::type::object};
  view.set("title", title);
  view.set("content", std::move(content));
  view.set("stylesheet", assets_.url("app.css"));
  view.set("script", assets_.url("app.js"));
  view.set("icon", assets_.url("icon.svg"));
  const SignedInUser* user = nullptr;
  if (call && call->actor()) {
    try {
      user = call->user();
    } catch (const std::exception& e) {
      log::warn("banner without the database", {{"error", e.what()}});
    }
  }
  const Reader reader = user ? user->reader : Reader{};
  view.set("lang", reader.language);
  view.set("theme", user ? user->theme : std::string("system"));
  if (user) {
    View who{View::type::object};
    who.set("display_name", user->display_name);
    who.set("notifications",
            user->unread_notifications > 0
                ? "Notifications (" + std::to_string(user->unread_notifications) + " unread)"
                : std::string("Notifications"));
    who.set("teaches", call->actor()->is_instructor() || call->actor()->is_admin());
    who.set("admin", call->actor()->is_admin());
    who.set("csrf_token", call->csrf_token());
    put(view, "user", std::move(who));
  }
  http::Response r;
  r.status = status;
  r.body = templates_.render("layout", view);
  add_page_headers(r, call && call->actor());
  return r;
}

}  // namespace lectern::web
