#include "web/form.hpp"

#include "core/error.hpp"
#include "http/target.hpp"

namespace lectern::web {

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Form Form::parse(std::string_view body) {
  // A form body is a query string by another name (WHATWG URL,
  // application/x-www-form-urlencoded).
  if (!http::valid_query(body)) throw UsageError("The form is not well-formed UTF-8 text.");
  return Form(std::string(body));
}

std::optional<std::string> Form::get(std::string_view name) const {
  return http::query_value(body_, name);
}

}  // namespace lectern::web
