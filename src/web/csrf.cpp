#include "web/csrf.hpp"

#include <array>

namespace lectern::web {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Each character's place in kAlphabet; -1 for any other byte.
constexpr std::array<int, 256> kPlace = [] {
  std::array<int, 256> place{};
  place.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    place[static_cast<unsigned char>(kAlphabet[i])] = int(i);
  return place;
}();

int place_of(char c) {
  return kPlace[static_cast<unsigned char>(c)];
}

bool all_base64url(std::string_view text) {
  for (char c : text) {
    if (place_of(c) < 0) return false;
  }
  return true;
}

}  // namespace

bool csrf_token_usable(std::string_view cookie_token) {
  return cookie_token.size() >= 32 && all_base64url(cookie_token);
}

std::string mask_csrf(std::string_view token, std::string_view pad) {
  const std::size_t n = token.size();
  std::string out(pad.substr(0, n));
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += kAlphabet[(place_of(token[i]) + place_of(pad[i])) % 64];
  }
  return out;
}

bool csrf_matches(std::string_view cookie_token, std::string_view masked_form_token) {
  const std::size_t n = cookie_token.size();
  if (!csrf_token_usable(cookie_token) || masked_form_token.size() != 2 * n ||
      !all_base64url(masked_form_token)) {
    return false;
  }
  unsigned difference = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int unmasked =
        (place_of(masked_form_token[n + i]) - place_of(masked_form_token[i]) + 64) % 64;
    difference |= static_cast<unsigned>(unmasked ^ place_of(cookie_token[i]));
  }
  return difference == 0;
}

}  // namespace lectern::web
