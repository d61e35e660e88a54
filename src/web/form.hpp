// A submitted HTML form (application/x-www-form-urlencoded, the one
// encoding our forms use): its fields by name, decoded as the query is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lectern::web {

// Percent-encodes everything but unreserved characters (RFC 3986), for a
// value placed in a query string.
std::string url_encode(std::string_view text);

class Form {
 public:
  // UsageError (400) for a body that is not a well-formed form of UTF-8 text.
  static Form parse(std::string_view body);
  // The first value of a field, or nullopt.
  std::optional<std::string> get(std::string_view name) const;
  // The first value, or empty.
  std::string text(std::string_view name) const { return get(name).value_or(""); }

 private:
  explicit Form(std::string body) : body_(std::move(body)) {}
  std::string body_;
};

}  // namespace lectern::web
