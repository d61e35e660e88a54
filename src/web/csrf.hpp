// Anti-CSRF tokens, double-submit: a random token lives in its own cookie
// (HttpOnly, SameSite=Lax) and every form carries it in a hidden field
// `csrf_token`; a POST whose field does not equal its cookie is refused
// (403) before anything runs. Another site can make a browser send the
// cookie but can neither read it nor set it, so it cannot fill the field.
//
// The field carries the token masked afresh for every response: a random
// pad, then the token with each character moved along the base64url
// alphabet by the pad's. Pages are gzipped, and a secret that repeats in
// compressed responses next to text an attacker chooses (a search term) can
// be guessed from their sizes (BREACH); a masked token never repeats.
#pragma once

#include <string>
#include <string_view>

namespace lectern::web {

inline constexpr std::string_view kCsrfCookie = "lectern_csrf";
inline constexpr std::string_view kCsrfField = "csrf_token";

// Whether a cookie's token can be used: at least 32 base64url characters.
bool csrf_token_usable(std::string_view cookie_token);

// `token` masked by `pad` (random base64url, at least as long): the pad's
// first token-length characters, then the token moved by them.
std::string mask_csrf(std::string_view token, std::string_view pad);

// Whether a form's masked token carries the cookie's token (compared in
// constant time); false for an unusable cookie or a malformed field.
bool csrf_matches(std::string_view cookie_token, std::string_view masked_form_token);

}  // namespace lectern::web
