#include "web/cookies.hpp"

#include "core/text.hpp"

namespace lectern::web {

std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name) {
  for (std::string_view pair : split(cookie_header, ';')) {
    pair = trim(pair);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    if (trim(pair.substr(0, equals)) != name) continue;
    std::string_view value = trim(pair.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieOptions& options) {
  std::string out =
      std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax";
  if (options.secure) out += "; Secure";
  if (options.max_age) out += "; Max-Age=" + std::to_string(options.max_age->count());
  return out;
}

}  // namespace lectern::web
