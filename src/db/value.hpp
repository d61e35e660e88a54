// The values that cross the storage boundary: what a statement parameter can
// be and what a result cell holds. Both backends bind and read exactly these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/described_enum.hpp"
#include "core/time.hpp"

namespace lectern::db {

// A JSON document, kept as its text (jsonb on PostgreSQL, text on SQLite).
struct Json {
  std::string text;
  bool operator==(const Json&) const = default;
};

// Binary data (bytea on PostgreSQL, BLOB on SQLite).
struct Bytes {
  std::string data;
  bool operator==(const Bytes&) const = default;
};

using Value =
    std::variant<std::monostate, std::int64_t, double, bool, std::string, Timestamp, Json, Bytes>;

inline bool is_null(const Value& v) {
  return std::holds_alternative<std::monostate>(v);
}

// Converts a C++ argument to a Value: integers widen to int64, string views and
// literals become text, a described enum becomes its enumerator's name,
// std::optional becomes NULL when empty.
template <typename T>
Value to_value(T&& arg) {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, Value>) {
    return std::forward<T>(arg);
  } else if constexpr (std::is_same_v<U, std::nullptr_t> || std::is_same_v<U, std::monostate>) {
    return std::monostate{};
  } else if constexpr (std::is_same_v<U, bool>) {
    return arg;
  } else if constexpr (std::is_integral_v<U>) {
    return static_cast<std::int64_t>(arg);
  } else if constexpr (std::is_floating_point_v<U>) {
    return static_cast<double>(arg);
  } else if constexpr (DescribedEnum<U>) {
    return std::string(enum_name(arg));
  } else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, Timestamp> ||
                       std::is_same_v<U, Json> || std::is_same_v<U, Bytes>) {
    return std::forward<T>(arg);
  } else if constexpr (std::is_convertible_v<T, std::string_view>) {
    return std::string(std::string_view(arg));
  } else if constexpr (requires {
                         arg.has_value();
                         *arg;
                       }) {
    if (!arg.has_value()) return std::monostate{};
    return to_value(*std::forward<T>(arg));
  } else {
    static_assert(sizeof(U) == 0, "type cannot be bound as a statement parameter");
  }
}

// A short description of a value's type, for error messages.
std::string_view type_name(const Value& v);

}  // namespace lectern::db
