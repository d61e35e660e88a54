// A request body read field by field. parse() refuses text that is not a
// JSON object (UsageError: 400 malformed_request); each accessor returns
// nullopt for an absent member and records a field error for a member of the
// wrong type, so check() can report every wrong type at once
// (ValidationError: 422 with fields). Nested objects share the error list and
// name their fields by path ("questions[1].points").
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/type_traits.hpp"
#include "api/validation.hpp"
#include "core/described_enum.hpp"
#include "core/error.hpp"
#include "core/json_members.hpp"
#include "db/value.hpp"

namespace boost::json {
class value;
class object;
}  // namespace boost::json

namespace lectern::api {

class JsonBody {
 public:
  static JsonBody parse(std::string_view text);

  bool has(std::string_view key) const;

  std::optional<std::string> string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  // A member that may be null: nullopt when absent, an engaged nullopt for null.
  std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view key);
  std::optional<std::optional<std::string>> nullable_string(std::string_view key);
  // A JSON object member, as its JSON text.
  std::optional<std::string> object_text(std::string_view key);
  // Integers in an array ("answer_ids": [1, 2]).
  std::optional<std::vector<std::int64_t>> integers(std::string_view key);
  // Objects in an array, each read like a body of its own.
  std::optional<std::vector<JsonBody>> objects(std::string_view key);

  // Records a field error under this body's path.
  void fail(std::string_view key, std::string message);
  // Throws ValidationError with every field error recorded so far.
  void check() const;
  // The field name as errors show it ("answers[0].answer_ids").
  std::string path(std::string_view key) const;

 private:
  struct Shared;
  JsonBody(std::shared_ptr<Shared> shared, const boost::json::object* object, std::string prefix);
  const boost::json::value* find(std::string_view key) const;

  std::shared_ptr<Shared> shared_;
  const boost::json::object* object_;
  std::string prefix_;
};

namespace detail {
template <typename T>
struct Reader;
template <>
struct Reader<std::string> {
  static std::optional<std::string> read(JsonBody& b, std::string_view k) { return b.string(k); }
};
template <>
struct Reader<std::int64_t> {
  static std::optional<std::int64_t> read(JsonBody& b, std::string_view k) { return b.integer(k); }
};
template <>
struct Reader<bool> {
  static std::optional<bool> read(JsonBody& b, std::string_view k) { return b.boolean(k); }
};
template <>
struct Reader<db::Json> {
  static std::optional<db::Json> read(JsonBody& b, std::string_view k) {
    auto text = b.object_text(k);
    if (!text) return std::nullopt;
    return db::Json{*text};
  }
};
// A described enum is a string naming one of its enumerators; another
// string is the 422 a Validator gives for a value outside the choices.
template <DescribedEnum E>
struct Reader<E> {
  static std::optional<E> read(JsonBody& b, std::string_view k) {
    auto text = b.string(k);
    if (!text) return std::nullopt;
    if (auto value = enum_from_name<E>(*text)) return value;
    b.fail(k, not_a_choice(*text, enum_names<E>()));
    return std::nullopt;
  }
};
template <>
struct Reader<std::optional<std::int64_t>> {
  static std::optional<std::optional<std::int64_t>> read(JsonBody& b, std::string_view k) {
    return b.nullable_integer(k);
  }
};
template <>
struct Reader<std::optional<std::string>> {
  static std::optional<std::optional<std::string>> read(JsonBody& b, std::string_view k) {
    return b.nullable_string(k);
  }
};
template <>
struct Reader<std::vector<std::int64_t>> {
  static std::optional<std::vector<std::int64_t>> read(JsonBody& b, std::string_view k) {
    return b.integers(k);
  }
};
}  // namespace detail

// Reads a described request struct member by member: a std::optional
// member may be absent; any other member is required. Types: std::string,
// std::int64_t, bool, a described enum (its enumerators' names), db::Json
// (an object), std::vector<std::int64_t>,
// std::vector of described structs (objects read the same way), and
// std::optional of these; std::optional<std::optional<T>> takes null too.
template <typename T>
requires boost::describe::has_describe_members<T>::value T read_members(JsonBody& body);

namespace detail {
template <typename T>
struct is_vector_of_records : std::false_type {};
template <typename T>
requires boost::describe::has_describe_members<T>::value struct is_vector_of_records<std::vector<T>>
    : std::true_type {
};

template <typename M>
std::optional<M> read_member(JsonBody& body, std::string_view key) {
  if constexpr (is_vector_of_records<M>::value) {
    auto items = body.objects(key);
    if (!items) return std::nullopt;
    M out;
    for (auto& item : *items) out.push_back(read_members<typename M::value_type>(item));
    return out;
  } else {
    return Reader<M>::read(body, key);
  }
}
}  // namespace detail

template <typename T>
requires boost::describe::has_describe_members<T>::value T read_members(JsonBody& body) {
  T out{};
  for_each_json_member<T>([&](auto member) {
    using M = std::remove_cvref_t<decltype(out.*member.pointer)>;
    if constexpr (detail::is_optional<M>::value) {
      out.*member.pointer = detail::read_member<typename M::value_type>(body, member.name);
    } else {
      if (!body.has(member.name)) {
        body.fail(member.name, "This field is required.");
      } else if (auto value = detail::read_member<M>(body, member.name)) {
        out.*member.pointer = std::move(*value);
      }
    }
  });
  return out;
}

// read_members, then check(): the whole request or a ValidationError.
template <typename T>
T read_request(JsonBody body) {
  T out = read_members<T>(body);
  body.check();
  return out;
}

}  // namespace lectern::api
