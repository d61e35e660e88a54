// Cookies: reading the Cookie header a browser sends and writing the
// Set-Cookie header of the session and anti-CSRF cookies.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lectern::web {

// The value of the first cookie named `name` in a Cookie header
// ("a=1; b=2"), or nullopt. Malformed pairs are skipped, not fatal.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  bool secure = false;  // behind HTTPS
  // nullopt: a browser-session cookie; zero: delete it now.
  std::optional<std::chrono::seconds> max_age;
};

// "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]".
// `value` must be a cookie-octet string (tokens are base64url).
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace lectern::web
