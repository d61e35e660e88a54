// The one error hierarchy of Lectern. Every exception that ends an operation
// derives from lectern::Error and carries an ErrorKind; http/ maps the kind to
// a status and cli/ maps it to an exit code, each in exactly one place.
// Expected outcomes (not found, validation failed) are values, not exceptions.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace lectern {

enum class ErrorKind {
  kUsage,        // the caller asked for something malformed (bad flag, bad URL)
  kValidation,   // well-formed input that breaks a rule
  kNotFound,     // the thing asked for does not exist
  kConflict,     // a uniqueness or state conflict (duplicate, already done)
  kUnavailable,  // a dependency (database, network) cannot be reached
  kCheckFailed,  // a system check or verification found problems
  kInternal,     // a bug or an unclassified infrastructure failure
};

std::string_view to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ErrorKind::kUsage, message) {}
};

class ValidationError : public Error {
 public:
  explicit ValidationError(const std::string& message) : Error(ErrorKind::kValidation, message) {}
};

class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ErrorKind::kNotFound, message) {}
};

class ConflictError : public Error {
 public:
  explicit ConflictError(const std::string& message) : Error(ErrorKind::kConflict, message) {}
};

class CheckFailed : public Error {
 public:
  explicit CheckFailed(const std::string& message) : Error(ErrorKind::kCheckFailed, message) {}
};

}  // namespace lectern
