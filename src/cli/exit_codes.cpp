#include "cli/exit_codes.hpp"

#include <cstdio>
#include <string>

namespace lectern::cli {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return kExitUsage;
    case ErrorKind::kValidation:
    case ErrorKind::kCheckFailed:
      return kExitCheckFailed;
    case ErrorKind::kNotFound:
      return kExitNotFound;
    case ErrorKind::kConflict:
    case ErrorKind::kRateLimited:
      return kExitConflict;
    case ErrorKind::kUnauthenticated:
    case ErrorKind::kForbidden:
      return kExitPermission;
    case ErrorKind::kUnavailable:
      return kExitUnavailable;
    case ErrorKind::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

int report(const std::exception& error) {
  std::string message = error.what();
  // One line, always: multi-line driver messages are cut at the first break.
  if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
  // Refused input names each field and what is wrong with it.
  if (auto* e = dynamic_cast<const Error*>(&error); e && !e->fields().empty()) {
    std::string fields;
    for (const auto& [field, problem] : e->fields()) {
      fields += (fields.empty() ? "" : "; ") + field + ": " + problem;
    }
    message += " (" + fields + ")";
  }
  std::fprintf(stderr, "lectern: error: %s\n", message.c_str());
  if (auto* e = dynamic_cast<const Error*>(&error)) return exit_code_for(e->kind());
  return kExitInternal;
}

}  // namespace lectern::cli
