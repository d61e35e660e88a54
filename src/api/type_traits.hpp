// Which C++ types the JSON mapping treats as optional or as arrays: one
// answer for the request reader (json_body.hpp) and the OpenAPI schema.
#pragma once

#include <optional>
#include <type_traits>
#include <vector>

namespace lectern::api::detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};

}  // namespace lectern::api::detail
