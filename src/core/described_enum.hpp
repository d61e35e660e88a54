// Enumerations that cross an edge (JSON, request bodies, database columns,
// model choices) as text: an enum class described with BOOST_DESCRIBE_ENUM
// is written and read as its enumerators' names, so `in_progress` is
// "in_progress" on the wire and in the column. The enum is the one place its
// values are spelt; enumerators are therefore named exactly as the text.
#pragma once

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace lectern {

template <typename E>
concept DescribedEnum = std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

// The enumerator's name; empty for a value that is no enumerator (a cast
// gone wrong).
template <DescribedEnum E>
std::string_view enum_name(E value) {
  std::string_view out;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (d.value == value) out = d.name;
  });
  return out;
}

// The enumerator named `name`, or nullopt.
template <DescribedEnum E>
std::optional<E> enum_from_name(std::string_view name) {
  std::optional<E> out;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!out && name == d.name) out = d.value;
  });
  return out;
}

// Every enumerator's name, in declaration order (a model field's choices).
template <DescribedEnum E>
const std::vector<std::string>& enum_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { out.emplace_back(d.name); });
    return out;
  }();
  return names;
}

}  // namespace lectern
