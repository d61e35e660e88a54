// Which members of a described struct JSON shows, and in what order: its
// public members, a base's first (so a response built on a record starts
// with the record's columns), less the ones the type hides, with the ones it
// places moved just before another member. One answer for the JSON writer,
// the request reader and the OpenAPI schema; worked out at compile time, so
// writing costs what a struct that lists its members by hand costs.
//
//   struct NoteOut : Note {
//     static constexpr std::string_view kJsonHidden[] = {"user_id"};
//   };
//   struct ReviewOut : Review {
//     UserBrief user;
//     static constexpr std::string_view kJsonHidden[] = {"user_id"};
//     static constexpr JsonPlace kJsonPlaces[] = {{"user", "course_id"}};
//   };
#pragma once

#include <array>
#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>
#include <cstddef>
#include <span>
#include <string_view>
#include <utility>

namespace lectern {

// Member `name` goes just before member `before` (which may be hidden: the
// new member then takes its place). Several before one member keep their
// declaration order.
struct JsonPlace {
  std::string_view name;
  std::string_view before;
};

namespace detail {

template <typename T>
constexpr std::span<const std::string_view> json_hidden() {
  if constexpr (requires { T::kJsonHidden; }) {
    return T::kJsonHidden;
  } else {
    return {};
  }
}

template <typename T>
constexpr std::span<const JsonPlace> json_places() {
  if constexpr (requires { T::kJsonPlaces; }) {
    return T::kJsonPlaces;
  } else {
    return {};
  }
}

template <typename T>
using AllMembers = boost::describe::describe_members<T, boost::describe::mod_public |
                                                            boost::describe::mod_inherited>;

template <template <class...> class L, class... D>
constexpr auto member_names(L<D...>) {
  return std::array<std::string_view, sizeof...(D)>{std::string_view(D::name)...};
}

template <typename T>
inline constexpr auto kMemberNames = member_names(AllMembers<T>{});

template <typename T>
constexpr std::size_t member_index(std::string_view name) {
  const auto& names = kMemberNames<T>;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  return names.size();
}

template <typename T>
constexpr bool member_hidden(std::size_t i) {
  for (auto h : json_hidden<T>()) {
    if (h == kMemberNames<T>[i]) return true;
  }
  return false;
}

// Every name a type hides or places is one of its members, and a placed
// member is shown: a renamed column fails to compile, not on the wire.
template <typename T>
constexpr bool json_names_consistent() {
  constexpr std::size_t n = kMemberNames<T>.size();
  for (auto h : json_hidden<T>()) {
    if (member_index<T>(h) == n) return false;
  }
  for (auto p : json_places<T>()) {
    const std::size_t i = member_index<T>(p.name);
    if (i == n || member_index<T>(p.before) == n || member_hidden<T>(i)) return false;
  }
  return true;
}

// Sort key: a member keeps its index (scaled); a placed one goes just below
// its anchor, in the order the places are listed.
template <typename T>
constexpr std::size_t member_key(std::size_t i) {
  constexpr std::size_t n = kMemberNames<T>.size();
  const auto places = json_places<T>();
  for (std::size_t p = 0; p < places.size(); ++p) {
    if (places[p].name == kMemberNames<T>[i])
      return member_index<T>(places[p].before) * (n + 1) + p;
  }
  return i * (n + 1) + n;
}

template <typename T>
constexpr std::size_t shown_count() {
  std::size_t shown = 0;
  for (std::size_t i = 0; i < kMemberNames<T>.size(); ++i) shown += !member_hidden<T>(i);
  return shown;
}

// The indexes into AllMembers<T> of the members shown, in the order shown.
template <typename T>
constexpr auto shown_order() {
  static_assert(json_names_consistent<T>(),
                "kJsonHidden or kJsonPlaces names a member the type does not have");
  std::array<std::size_t, shown_count<T>()> out{};
  std::size_t k = 0;
  for (std::size_t i = 0; i < kMemberNames<T>.size(); ++i) {
    if (!member_hidden<T>(i)) out[k++] = i;
  }
  for (std::size_t a = 1; a < out.size(); ++a) {  // insertion sort: a handful of members
    for (std::size_t b = a; b > 0 && member_key<T>(out[b]) < member_key<T>(out[b - 1]); --b) {
      std::swap(out[b], out[b - 1]);
    }
  }
  return out;
}

template <typename T>
inline constexpr auto kShownOrder = shown_order<T>();

}  // namespace detail

// Calls f(descriptor) for each member JSON shows, in order; the descriptor
// has `name` and `pointer` like Boost.Describe's.
template <typename T, typename F>
constexpr void for_each_json_member(F&& f) {
  constexpr auto& order = detail::kShownOrder<T>;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(boost::mp11::mp_at_c<detail::AllMembers<T>, order[I]>{}), ...);
  }
  (std::make_index_sequence<order.size()>{});
}

}  // namespace lectern
