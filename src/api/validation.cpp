#include "api/validation.hpp"

#include "core/text.hpp"

namespace lectern::api {

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string utf8_truncate(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == max_chars) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(text);
}

void Validator::fail(std::string_view field, std::string message) {
  errors_.try_emplace(std::string(field), std::move(message));
}

void Validator::required(std::string_view field, bool present) {
  if (!present) fail(field, "This field is required.");
}

void Validator::text(std::string_view field, const std::optional<std::string>& value,
                     std::size_t max, bool required) {
  if (!value) {
    if (required) fail(field, "This field is required.");
    return;
  }
  const std::size_t n = utf8_length(*value);
  if (n == 0) {
    fail(field, "This field may not be blank.");
  } else if (n > max) {
    fail(field, "Use at most " + std::to_string(max) + " characters.");
  }
}

void Validator::max_length(std::string_view field, const std::optional<std::string>& value,
                           std::size_t max) {
  if (value && utf8_length(*value) > max) {
    fail(field, "Use at most " + std::to_string(max) + " characters.");
  }
}

void Validator::range(std::string_view field, const std::optional<std::int64_t>& value,
                      std::int64_t min, std::int64_t max) {
  if (!value) return;
  if (*value < min || *value > max) {
    fail(field, "Must be between " + std::to_string(min) + " and " + std::to_string(max) + ".");
  }
}

void Validator::choice(std::string_view field, const std::optional<std::string>& value,
                       const std::vector<std::string>& choices) {
  if (!value) return;
  for (const auto& c : choices) {
    if (*value == c) return;
  }
  fail(field, not_a_choice(*value, choices));
}

std::string not_a_choice(std::string_view value, const std::vector<std::string>& choices) {
  return "\"" + std::string(value) + "\" is not a valid choice (" + join(choices, ", ") + ").";
}

void Validator::check() const {
  if (!errors_.empty()) throw ValidationError(errors_);
}

}  // namespace lectern::api
