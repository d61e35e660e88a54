// The one error hierarchy of Lectern. Every exception that ends an operation
// derives from lectern::Error and carries an ErrorKind, a stable snake_case
// code for clients and, for refused input, what is wrong with each field;
// http/ maps the kind to a status and cli/ maps it to an exit code, each in
// exactly one place. Lookups that may find nothing return std::optional; an
// operation that cannot go ahead (a rule refuses it) throws.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lectern {

enum class ErrorKind {
  kUsage,            // the caller asked for something malformed (bad flag, bad URL)
  kValidation,       // well-formed input that breaks a rule
  kNotFound,         // the thing asked for does not exist
  kConflict,         // a uniqueness or state conflict (duplicate, already done)
  kUnauthenticated,  // no credentials, or credentials that are not (or no longer) valid
  kForbidden,        // authenticated, but the role does not allow this
  kRateLimited,      // too many attempts; try again later
  kUnavailable,      // a dependency (database, network) cannot be reached
  kCheckFailed,      // a system check or verification found problems
  kInternal,         // a bug or an unclassified infrastructure failure
};

std::string_view to_string(ErrorKind kind);
// The code clients see when an error names none ("validation_failed", ...).
std::string_view default_code(ErrorKind kind);

// Input field name -> what is wrong with it ("rating" -> "must be 1 to 5").
using FieldErrors = std::map<std::string, std::string>;

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Error(ErrorKind kind, std::string code, const std::string& message, FieldErrors fields = {})
      : std::runtime_error(message),
        kind_(kind),
        code_(std::move(code)),
        fields_(std::move(fields)) {}
  ErrorKind kind() const noexcept { return kind_; }
  std::string_view code() const noexcept {
    return code_.empty() ? default_code(kind_) : std::string_view(code_);
  }
  const FieldErrors& fields() const noexcept { return fields_; }

 private:
  ErrorKind kind_;
  std::string code_;
  FieldErrors fields_;
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorKind::kUsage, message) {}
};

class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message) : Error(ErrorKind::kValidation, message) {}
  // Refused input, field by field.
  explicit ValidationError(FieldErrors fields,
                           const std::string& message = "The request breaks a rule.")
      : Error(ErrorKind::kValidation, {}, message, std::move(fields)) {}
  // A named rule ("time_limit_exceeded").
  ValidationError(std::string code, const std::string& message)
      : Error(ErrorKind::kValidation, std::move(code), message) {}
};

class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ErrorKind::kNotFound, message) {}
};

class ConflictError : public Error {
 public:
  explicit ConflictError(const std::string& message) : Error(ErrorKind::kConflict, message) {}
  ConflictError(std::string code, const std::string& message, FieldErrors fields = {})
      : Error(ErrorKind::kConflict, std::move(code), message, std::move(fields)) {}
};

class UnauthenticatedError : public Error {
 public:
  UnauthenticatedError(std::string code, const std::string& message)
      : Error(ErrorKind::kUnauthenticated, std::move(code), message) {}
};

class ForbiddenError : public Error {
 public:
  explicit ForbiddenError(const std::string& message) : Error(ErrorKind::kForbidden, message) {}
  ForbiddenError(std::string code, const std::string& message)
      : Error(ErrorKind::kForbidden, std::move(code), message) {}
};

class CheckFailed : public Error {
 public:
  explicit CheckFailed(const std::string& message) : Error(ErrorKind::kCheckFailed, message) {}
};

}  // namespace lectern
