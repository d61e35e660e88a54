// Collects what is wrong with a request, field by field, so a client hears
// about every problem at once: ValidationError with `fields` (422).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/described_enum.hpp"
#include "core/error.hpp"

namespace lectern::api {

class Validator {
 public:
  // Text of 1..max characters (UTF-8 code points), when present; `required`
  // makes absence an error too.
  void text(std::string_view field, const std::optional<std::string>& value, std::size_t max,
            bool required);
  // Any length up to max (empty allowed).
  void max_length(std::string_view field, const std::optional<std::string>& value, std::size_t max);
  void range(std::string_view field, const std::optional<std::int64_t>& value, std::int64_t min,
             std::int64_t max = INT32_MAX);
  // A present value must be one of `choices` (a declared field's).
  void choice(std::string_view field, const std::optional<std::string>& value,
              const std::vector<std::string>& choices);
  // The enumerator a present value names (core/described_enum.hpp); any
  // other value is a field error, reported with the other fields' errors.
  template <DescribedEnum E>
  std::optional<E> choice(std::string_view field, const std::optional<std::string>& value);
  void required(std::string_view field, bool present);
  void fail(std::string_view field, std::string message);

  bool ok() const { return errors_.empty(); }
  bool has(std::string_view field) const { return errors_.contains(std::string(field)); }
  // Throws ValidationError when anything was wrong.
  void check() const;

 private:
  FieldErrors errors_;
};

// `"value" is not a valid choice (a, b, c).`: the one wording for a value
// outside a field's choices, whether a Validator or a request body finds it.
std::string not_a_choice(std::string_view value, const std::vector<std::string>& choices);

template <DescribedEnum E>
std::optional<E> Validator::choice(std::string_view field,
                                   const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  if (auto named = enum_from_name<E>(*value)) return named;
  fail(field, not_a_choice(*value, enum_names<E>()));
  return std::nullopt;
}

// Code points in a UTF-8 string (bytes that are not continuation bytes).
std::size_t utf8_length(std::string_view text);
// The first `max_chars` code points of `text`, never splitting one.
std::string utf8_truncate(std::string_view text, std::size_t max_chars);

}  // namespace lectern::api
