#include "http/message.hpp"

#include "core/json_writer.hpp"
#include "core/log.hpp"

namespace lectern::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response error_response(int status, std::string_view code, std::string_view message,
                        const FieldErrors& fields) {
  JsonWriter w;
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.key("code");
  w.string(code);
  w.key("message");
  w.string(message);
  if (!fields.empty()) {
    w.key("fields");
    write_json(w, fields);
  }
  w.end_object();
  w.end_object();
  return json_response(status, std::move(w).str());
}

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return 400;
    case ErrorKind::kValidation:
    case ErrorKind::kCheckFailed:
      return 422;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

Response error_response_for(const std::exception& error) {
  const auto* e = dynamic_cast<const Error*>(&error);
  if (!e || e->kind() == ErrorKind::kInternal) {
    log::error("request failed", {{"error", error.what()}});
    return error_response(500, "internal_error", "The server failed to handle the request.");
  }
  const int status = status_for(e->kind());
  // The services name what they refuse (a code of their own, or fields);
  // an error without either comes from below them (a constraint, a lost
  // connection): its words stay in the log and the client gets a sentence.
  const bool anonymous = e->code() == default_code(e->kind()) && e->fields().empty();
  std::string_view message = e->what();
  if (anonymous && (status == 409 || status == 422 || status == 503)) {
    log::warn("request refused below the services", {{"error", e->what()}});
    message = status == 409   ? "The change conflicts with the current data."
              : status == 422 ? "The request breaks a rule of the data."
                              : "The database is unavailable; try again.";
  }
  Response r = error_response(status, e->code(), message, e->fields());
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace lectern::http
