// HTTP request and response as plain values, free of Beast types, so that
// handlers are pure functions (Request -> Response) testable without sockets.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace lectern::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent
  // Percent-encoded as sent (the router decodes segment by segment), "/..."
  // also for an absolute-form target.
  std::string path;
  std::string query;  // raw, without '?'; valid (http/target.hpp) when it came from Server
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_address;

  // The first header with this (lower-case) name, or empty.
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// {"error": {"code": ..., "message": ..., "fields": {...}}} with the given
// status; "fields" only when there are any.
Response error_response(int status, std::string_view code, std::string_view message,
                        const FieldErrors& fields = {});
Response json_response(int status, std::string body);

// The one mapping from errors to responses: lectern::Error by its kind
// (validation 422, not found 404, conflict 409, unauthenticated 401 with
// WWW-Authenticate, forbidden 403, rate limited 429, usage 400,
// unavailable 503), with its code, message and fields; anything else is a
// 500 that tells nothing about the inside.
int status_for(ErrorKind kind);
Response error_response_for(const std::exception& error);

}  // namespace lectern::http
