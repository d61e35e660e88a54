#include "api/api.hpp"

#include <charconv>

#include "core/log.hpp"
#include "core/sha256.hpp"
#include "db/errors.hpp"
#include "http/target.hpp"

namespace lectern::api {

namespace {

std::optional<std::int64_t> parse_positive(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// "Bearer <token>" -> the token; nullopt when the header is absent.
// A header that is present but not a bearer token is refused.
std::optional<std::string_view> bearer_token(const http::Request& request) {
  std::string_view header = request.header("authorization");
  if (header.empty()) return std::nullopt;
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    throw UnauthenticatedError("invalid_token", "Use the header Authorization: Bearer <token>.");
  }
  return header.substr(kScheme.size());
}

}  // namespace

bool RateLimiter::allow(const std::string& key, int limit, std::chrono::seconds window,
                        Timestamp now) {
  std::lock_guard lock(mutex_);
  Window& w = windows_[key];
  if (w.count == 0 || now - w.start >= window) w = Window{now, 0};
  if (w.count >= limit) return false;
  ++w.count;
  // Forget windows long past, so the map does not grow without bound.
  if (windows_.size() > 100000) {
    std::erase_if(windows_, [&](const auto& item) { return now - item.second.start >= window; });
  }
  return true;
}

std::int64_t RateLimiter::retry_after(const std::string& key, std::chrono::seconds window,
                                      Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(it->second.start + window - now);
  return std::max<std::int64_t>(1, left.count());
}

std::optional<Actor> TokenCache::find(std::string_view token, Timestamp now) {
  const std::string key = sha256_hex(token);
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.until <= now) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.actor;
}

std::uint64_t TokenCache::mark() {
  std::lock_guard lock(mutex_);
  return forgotten_;
}

void TokenCache::put(std::string_view token, const Actor& actor, Timestamp until,
                     std::uint64_t mark) {
  std::lock_guard lock(mutex_);
  if (mark != forgotten_) return;
  // A crude bound: tokens are re-verified after a flush, nothing is lost.
  if (entries_.size() >= 10000) entries_.clear();
  entries_.insert_or_assign(sha256_hex(token), Entry{actor, until});
}

void TokenCache::forget(std::string_view token) {
  const std::string key = sha256_hex(token);
  std::lock_guard lock(mutex_);
  ++forgotten_;
  entries_.erase(key);
}

void TokenCache::forget_user(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  ++forgotten_;
  std::erase_if(entries_, [&](const auto& item) { return item.second.actor.user_id == user_id; });
}

const Actor& Call::user() const {
  if (!actor_) {
    throw UnauthenticatedError("not_authenticated",
                               "This endpoint needs Authorization: Bearer <token>.");
  }
  return *actor_;
}

std::int64_t Call::id(std::string_view name) const {
  auto it = params.find(std::string(name));
  if (it != params.end()) {
    if (auto value = parse_positive(it->second)) return *value;
  }
  throw NotFoundError("No such resource.");
}

std::optional<std::string> Call::query(std::string_view name) const {
  // Server refuses a query that is not text (http::valid_query); a Request
  // made by hand is held to the same rule.
  if (!http::valid_query(request.query)) {
    throw UsageError("The query string is not well-formed UTF-8 text.");
  }
  return http::query_value(request.query, name);
}

std::optional<std::int64_t> Call::query_id(std::string_view name) const {
  auto text = query(name);
  if (!text) return std::nullopt;
  auto value = parse_positive(*text);
  if (!value)
    throw UsageError("Query parameter " + std::string(name) + " must be a positive integer.");
  return value;
}

PageRequest Call::page() const {
  PageRequest page;
  if (auto text = query("page")) {
    auto value = parse_positive(*text);
    if (!value) throw UsageError("Query parameter page must be a positive integer.");
    page.page = *value;
  }
  if (auto text = query("page_size")) {
    auto value = parse_positive(*text);
    if (!value) throw UsageError("Query parameter page_size must be a positive integer.");
    page.page_size = std::min(*value, PageRequest::kMaxPageSize);
  }
  // Far pages would overflow the offset; nothing is that far anyway.
  if (page.page > 1000000) throw UsageError("Query parameter page is too large.");
  return page;
}

std::optional<Actor> find_actor(ApiContext& context, db::Connection& connection,
                                std::string_view token, Timestamp now) {
  if (auto cached = context.tokens.find(token, now)) return cached;
  const std::uint64_t mark = context.tokens.mark();
  std::optional<Authentication> who;
  if (context.authenticate) who = context.authenticate(connection, token, now);
  if (!who) return std::nullopt;
  const auto ttl = context.settings.token_cache_ttl;
  if (ttl.count() > 0)
    context.tokens.put(token, who->actor, std::min(who->expires_at, now + ttl), mark);
  return who->actor;
}

void Api::route(std::string method, std::string pattern, Auth auth, RouteDoc doc,
                ApiHandler handler) {
  routes_.push_back({method, pattern, auth, std::move(doc)});
  router_.add(std::move(method), std::move(pattern),
              [this, auth, handler = std::move(handler)](const http::Request& request,
                                                         const http::PathParams& params) {
                try {
                  auto connection = context_.database.acquire();
                  const Timestamp now = context_.clock();
                  std::optional<Actor> actor;
                  if (auto token = bearer_token(request)) {
                    actor = find_actor(context_, *connection, *token, now);
                    if (!actor) {
                      throw UnauthenticatedError("invalid_token",
                                                 "The token is unknown or has expired.");
                    }
                  } else if (auth == Auth::kRequired) {
                    throw UnauthenticatedError(
                        "not_authenticated", "This endpoint needs Authorization: Bearer <token>.");
                  }
                  Call call(request, params, *connection, now, actor, context_);
                  return handler(call);
                } catch (const std::exception& e) {
                  return error_answer(e);
                }
              });
}

void Api::route_without_database(std::string method, std::string pattern, RouteDoc doc,
                                 PlainHandler handler) {
  routes_.push_back({method, pattern, Auth::kPublic, std::move(doc), /*uses_database=*/false});
  router_.add(
      std::move(method), std::move(pattern),
      [handler = std::move(handler)](const http::Request& request, const http::PathParams&) {
        try {
          return handler(request);
        } catch (const std::exception& e) {
          return error_answer(e);
        }
      },
      http::Router::kRunsInline);
}

http::Response error_answer(const std::exception& error) {
  const auto* e = dynamic_cast<const db::DatabaseError*>(&error);
  if (!e || e->kind() != ErrorKind::kUnavailable) return http::error_response_for(error);
  log::warn("database unavailable", {{"code", e->code()}, {"error", e->what()}});
  const std::string_view code = e->code();
  const char* sentence =
      code == "storage_full"          ? "The database's storage is full; changes are refused until "
                                        "space is freed. Reading still works."
      : code == "storage_unavailable" ? "The database's storage cannot be used; try again later."
                                      : "The database is unavailable; try again.";
  http::Response r = http::error_response_for(Error(e->kind(), std::string(code), sentence));
  r.headers.emplace_back("Retry-After", "1");
  return r;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

}  // namespace lectern::api
