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
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kCheckFailed:
      return "check_failed";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace lectern
