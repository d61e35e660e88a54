#include "web/csrf.hpp"

namespace lectern::web {

bool csrf_matches(std::string_view cookie_token, std::string_view form_token) {
  if (cookie_token.size() < 32 || cookie_token.size() != form_token.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < cookie_token.size(); ++i) {
    difference |= static_cast<unsigned char>(cookie_token[i] ^ form_token[i]);
  }
  return difference == 0;
}

}  // namespace lectern::web
