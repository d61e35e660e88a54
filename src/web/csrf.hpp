// Anti-CSRF tokens, double-submit: a random token lives in its own cookie
// (HttpOnly, SameSite=Lax) and every form carries it in a hidden field
// `csrf_token`; a POST whose field does not equal its cookie is refused
// (403) before anything runs. Another site can make a browser send the
// cookie but can neither read it nor set it, so it cannot fill the field.
#pragma once

#include <string_view>

namespace lectern::web {

inline constexpr std::string_view kCsrfCookie = "lectern_csrf";
inline constexpr std::string_view kCsrfField = "csrf_token";

// Whether a form's token matches the cookie's: both present, at least 32
// characters, equal (compared in constant time).
bool csrf_matches(std::string_view cookie_token, std::string_view form_token);

}  // namespace lectern::web
