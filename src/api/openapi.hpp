// The OpenAPI document: each route's description (RouteDoc) and the JSON
// Schemas of its bodies, written from the same described structs that write
// the responses, so a documented shape cannot drift from the one served. A
// type outside the described ones documents itself with
// `void json_schema(JsonWriter&, const T*)` in its namespace.
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "api/type_traits.hpp"
#include "core/described_enum.hpp"
#include "core/json_writer.hpp"
#include "db/value.hpp"

namespace lectern::api {

// A named component schema; empty when a route has no body. (Constructors
// rather than an aggregate: GCC 12 at -O2 warns, wrongly, that a defaulted
// member of an aggregate left out of a designated initializer may be used
// uninitialized.)
class Schema {
 public:
  Schema() noexcept {}
  Schema(std::string name, void (*write)(JsonWriter&)) : name(std::move(name)), write(write) {}
  explicit operator bool() const { return write != nullptr; }

  std::string name;
  void (*write)(JsonWriter&) = nullptr;
};

template <typename T>
void json_schema_of(JsonWriter& w);

template <typename T>
void write_schema_object(JsonWriter& w) {
  w.begin_object();
  w.key("type");
  w.string("object");
  w.key("properties");
  w.begin_object();
  for_each_json_member<T>([&](auto member) {
    using M = std::remove_cvref_t<decltype(std::declval<T>().*member.pointer)>;
    w.key(member.name);
    json_schema_of<M>(w);
  });
  w.end_object();
  // Optional members may be absent in requests and null in responses.
  w.key("required");
  w.begin_array();
  for_each_json_member<T>([&](auto member) {
    using M = std::remove_cvref_t<decltype(std::declval<T>().*member.pointer)>;
    if (!detail::is_optional<M>::value) w.string(member.name);
  });
  w.end_array();
  w.end_object();
}

template <typename T>
void json_schema_of(JsonWriter& w) {
  auto type = [&](const char* name, const char* format = nullptr) {
    w.begin_object();
    w.key("type");
    w.string(name);
    if (format) {
      w.key("format");
      w.string(format);
    }
    w.end_object();
  };
  if constexpr (detail::is_optional<T>::value) {
    w.begin_object();
    w.key("oneOf");
    w.begin_array();
    json_schema_of<typename T::value_type>(w);
    type("null");
    w.end_array();
    w.end_object();
  } else if constexpr (detail::is_vector<T>::value) {
    w.begin_object();
    w.key("type");
    w.string("array");
    w.key("items");
    json_schema_of<typename T::value_type>(w);
    w.end_object();
  } else if constexpr (std::is_same_v<T, bool>) {
    type("boolean");
  } else if constexpr (std::is_integral_v<T>) {
    type("integer", "int64");
  } else if constexpr (std::is_floating_point_v<T>) {
    type("number");
  } else if constexpr (std::is_same_v<T, std::string> || DescribedEnum<T>) {
    // A described enum stays a plain string, as the document has always
    // shown these fields; listing enum_names<T>() under "enum" would be a
    // deliberate change of the document.
    type("string");
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    type("string", "date-time");
  } else if constexpr (std::is_same_v<T, db::Json>) {
    type("object");
  } else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>) {
    w.begin_object();
    w.key("type");
    w.string("object");
    w.key("additionalProperties");
    type("string");
    w.end_object();
  } else if constexpr (boost::describe::has_describe_members<T>::value) {
    write_schema_object<T>(w);
  } else {
    json_schema(w, static_cast<const T*>(nullptr));
  }
}

template <typename T>
Schema schema(std::string name) {
  return {std::move(name), &json_schema_of<T>};
}

enum class Auth { kPublic, kRequired };

// How the OpenAPI document describes a route (see openapi.cpp).
struct RouteDoc {
  std::string summary;
  std::string tag;
  Schema request;   // the JSON body it takes, if any
  Schema response;  // the JSON body of its success, if any
  // A success body that is not JSON: its media type ("text/csv"), a string.
  std::string text_response;
  int success_status = 200;
  std::vector<int> error_statuses;  // besides 400/401/500, which every route may answer
  bool paginated = false;           // the response is a page of response_schema
};

struct ApiRoute {
  std::string method;
  std::string pattern;
  Auth auth = Auth::kRequired;
  RouteDoc doc;
  bool uses_database = true;  // and so may answer 503 when it is unavailable
};

// The OpenAPI 3.1 document describing `routes`.
std::string openapi_document(const std::vector<ApiRoute>& routes);

}  // namespace lectern::api
