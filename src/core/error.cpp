#include "core/error.hpp"

namespace lectern {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return "usage";
    case ErrorKind::kValidation:
      return "validation";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kForbidden:
      return "forbidden";
    case ErrorKind::kRateLimited:
      return "rate_limited";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kCheckFailed:
      return "check_failed";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

std::string_view default_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return "malformed_request";
    case ErrorKind::kValidation:
      return "validation_failed";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kUnauthenticated:
      return "not_authenticated";
    case ErrorKind::kForbidden:
      return "permission_denied";
    case ErrorKind::kRateLimited:
      return "too_many_requests";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kCheckFailed:
      return "check_failed";
    case ErrorKind::kInternal:
      return "internal_error";
  }
  return "internal_error";
}

}  // namespace lectern
