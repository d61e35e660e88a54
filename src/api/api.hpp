// The HTTP/JSON API's plumbing, shared by every app's handlers: a route is a
// method, a path pattern, whether it needs a bearer token, its OpenAPI
// description and a handler taking a Call (the request, its path ids, page,
// JSON body, the database connection, the clock and the caller). Errors
// thrown by handlers and services become responses in one place
// (http::error_response_for). Handlers run on the server's threads; the
// ApiContext is shared by all of them and thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/actor.hpp"
#include "api/json_body.hpp"
#include "api/openapi.hpp"
#include "api/page.hpp"
#include "core/json_writer.hpp"
#include "db/database.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace lectern::api {

struct ApiSettings {
  // How long a verified bearer token is trusted without asking the database
  // again (0: always ask). A token revoked through this process, or whose
  // user was deactivated or given another role through it, is forgotten at
  // once; one revoked elsewhere, or whose user was removed, still works here
  // for at most this long.
  std::chrono::seconds token_cache_ttl{5};
};

// Who a bearer token stands for, and until when the token is valid.
struct Authentication {
  Actor actor;
  Timestamp expires_at;
};

// Finds the caller behind a raw bearer token (nullopt: unknown, expired or
// inactive). Injected by whoever builds the API (the accounts app's, in
// `serve`), so this floor knows no app.
using Authenticator = std::function<std::optional<Authentication>(
    db::Connection& connection, std::string_view token, Timestamp now)>;

// Verified tokens and who they stand for, each until its cache deadline;
// thread-safe and bounded. Keyed by the token's SHA-256, as tokens are
// stored, so the process's memory holds no usable token between requests.
class TokenCache {
 public:
  std::optional<Actor> find(std::string_view token, Timestamp now);
  // Taken before the database is asked about a token; put() with it caches
  // nothing when a token or user was forgotten since (the answer may predate
  // the change that had them forgotten).
  std::uint64_t mark();
  void put(std::string_view token, const Actor& actor, Timestamp until, std::uint64_t mark);
  // One token (revoked), after the change is committed.
  void forget(std::string_view token);
  // Every token of one user (deactivated, or given another role), after the
  // change is committed: the next request of each asks the database again.
  void forget_user(std::int64_t user_id);

 private:
  struct Entry {
    Actor actor;
    Timestamp until;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::uint64_t forgotten_ = 0;
};

// Counts events per key in a fixed window; thread-safe. The accounts app
// counts login attempts with one (429 once a key has used its allowance).
class RateLimiter {
 public:
  // Records one event for `key` at `now`; false when the key is over `limit`
  // in the current window (the event is not counted then).
  bool allow(const std::string& key, int limit, std::chrono::seconds window, Timestamp now);
  // Seconds until `key` may try again.
  std::int64_t retry_after(const std::string& key, std::chrono::seconds window, Timestamp now);

 private:
  struct Window {
    Timestamp start;
    int count = 0;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

struct ApiContext {
  db::Database& database;
  ApiSettings settings;
  std::function<Timestamp()> clock = &now_utc;
  // Without one, every bearer token is unknown (401).
  Authenticator authenticate;
  TokenCache tokens;
  // GET /api/ready: whether every migration the binary carries is applied.
  std::function<bool(db::Connection&)> migrations_applied;
};

// The caller behind a token, a bearer token or a page session's: the
// cache, else context.authenticate, whose answer is cached for
// settings.token_cache_ttl; nullopt when the token is unknown, expired or
// its user inactive.
std::optional<Actor> find_actor(ApiContext& context, db::Connection& connection,
                                std::string_view token, Timestamp now);

// One request as a handler sees it.
class Call {
 public:
  Call(const http::Request& request, const http::PathParams& params, db::Connection& db,
       Timestamp now, std::optional<Actor> actor, ApiContext& context)
      : request(request), params(params), db(db), now(now), context(context), actor_(actor) {}

  const http::Request& request;
  const http::PathParams& params;
  db::Connection& db;
  const Timestamp now;
  ApiContext& context;

  // The authenticated caller, or null for an anonymous one.
  const Actor* actor() const { return actor_ ? &*actor_ : nullptr; }
  // The caller; UnauthenticatedError when anonymous.
  const Actor& user() const;
  // A path parameter that must be a positive id (NotFoundError otherwise:
  // /api/courses/abc names nothing).
  std::int64_t id(std::string_view name) const;
  // ?page=&page_size= (defaults 1 and 20; page_size above 100 is 100);
  // UsageError (400) for anything not a positive integer.
  PageRequest page() const;
  // A query parameter, percent-decoded; nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  // An optional id in the query (?course_id=); UsageError when malformed.
  std::optional<std::int64_t> query_id(std::string_view name) const;
  // The request body as a JSON object (UsageError, 400, when it is not one).
  JsonBody body() const { return JsonBody::parse(request.body); }

 private:
  std::optional<Actor> actor_;
};

using ApiHandler = std::function<http::Response(Call&)>;
// A handler that needs neither the database nor the caller.
using PlainHandler = std::function<http::Response(const http::Request&)>;

// Registers handlers on a router, wrapping each with authentication, a
// pooled connection, the clock and the error mapping.
class Api {
 public:
  Api(ApiContext& context, http::Router& router) : context_(context), router_(router) {}

  void route(std::string method, std::string pattern, Auth auth, RouteDoc doc, ApiHandler handler);
  // A public route that never touches the database (liveness, the API's
  // description): it takes no connection, and the server runs it at once
  // rather than behind requests that may be waiting for the database, so it
  // answers while the database does not.
  void route_without_database(std::string method, std::string pattern, RouteDoc doc,
                              PlainHandler handler);
  const std::vector<ApiRoute>& routes() const { return routes_; }
  ApiContext& context() { return context_; }

 private:
  ApiContext& context_;
  http::Router& router_;
  std::vector<ApiRoute> routes_;
};

// The answer to an error thrown by a handler or a service: the one mapping
// of http::error_response_for, except that the database's own words about an
// outage (host names, file paths) stay in the log: the client gets the
// error's code (database_unavailable, storage_full, storage_unavailable), a
// sentence and Retry-After.
http::Response error_answer(const std::exception& error);

// Responses with a JSON body written from a value (core/json_writer.hpp).
template <typename T>
http::Response json(int status, const T& value) {
  return http::json_response(status, to_json(value));
}
http::Response no_content();

// A page as {"count", "page", "page_size", "results": [...]}, each item
// written by `write_item(writer, item)`.
template <typename T, typename Fn>
http::Response page_response(const Page<T>& page, Fn&& write_item) {
  JsonWriter w;
  w.begin_object();
  w.key("count");
  w.integer(page.count);
  w.key("page");
  w.integer(page.page);
  w.key("page_size");
  w.integer(page.page_size);
  w.key("results");
  w.begin_array();
  for (const auto& item : page.results) write_item(w, item);
  w.end_array();
  w.end_object();
  return http::json_response(200, std::move(w).str());
}

template <typename T>
http::Response page_response(const Page<T>& page) {
  return page_response(page, [](JsonWriter& w, const T& item) { write_json(w, item); });
}

}  // namespace lectern::api

namespace lectern::db {
// Stored JSON documents (metadata, extra) go out as the JSON they are.
inline void write_json(JsonWriter& w, const Json& value) {
  w.raw(value.text);
}
}  // namespace lectern::db
