// JSON text written straight into a string: the one way responses are
// serialized. Structs described with BOOST_DESCRIBE_STRUCT become objects
// with their members in declaration order, a base's first, less the ones the
// type hides and with the ones it places moved (json_members.hpp);
// std::optional writes null when empty; Timestamps are RFC 3339 UTC;
// doubles are written in their shortest form with at least one decimal
// ("4.0", "3.38"); described enums are their enumerator's name
// (core/described_enum.hpp). Other types join in by declaring, in their own
// namespace, `void write_json(JsonWriter&, const T&)` (found by ADL).
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/described_enum.hpp"
#include "core/json_members.hpp"
#include "core/time.hpp"

namespace lectern {

class JsonWriter {
 public:
  JsonWriter() { out_.reserve(256); }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // An object member's name; the value written next belongs to it.
  void key(std::string_view name);

  void null();
  void boolean(bool value);
  void integer(std::int64_t value);
  void number(double value);
  void string(std::string_view value);
  void timestamp(Timestamp value);
  // Already-valid JSON text (a stored JSON document), written as is.
  void raw(std::string_view json);

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  bool need_comma_ = false;
};

// Appends `text` as a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view text);

void write_json(JsonWriter& w, bool value);
void write_json(JsonWriter& w, std::int64_t value);
void write_json(JsonWriter& w, int value);
void write_json(JsonWriter& w, double value);
void write_json(JsonWriter& w, std::string_view value);
void write_json(JsonWriter& w, const std::string& value);
void write_json(JsonWriter& w, const char* value);
void write_json(JsonWriter& w, Timestamp value);
template <DescribedEnum E>
void write_json(JsonWriter& w, E value) {
  w.string(enum_name(value));
}

template <typename T>
void write_json(JsonWriter& w, const std::optional<T>& value);
template <typename T>
void write_json(JsonWriter& w, const std::vector<T>& values);
template <typename T>
void write_json(JsonWriter& w, const std::map<std::string, T>& values);
template <typename T>
requires boost::describe::has_describe_members<T>::value void write_json(JsonWriter& w,
                                                                         const T& value);

template <typename T>
void write_json(JsonWriter& w, const std::optional<T>& value) {
  if (value) {
    write_json(w, *value);
  } else {
    w.null();
  }
}

template <typename T>
void write_json(JsonWriter& w, const std::vector<T>& values) {
  w.begin_array();
  for (const auto& v : values) write_json(w, v);
  w.end_array();
}

template <typename T>
void write_json(JsonWriter& w, const std::map<std::string, T>& values) {
  w.begin_object();
  for (const auto& [k, v] : values) {
    w.key(k);
    write_json(w, v);
  }
  w.end_object();
}

// The members of a described struct, without the braces (so that callers can
// add members of their own around them).
template <typename T>
requires boost::describe::has_describe_members<T>::value void write_json_members(JsonWriter& w,
                                                                                 const T& value) {
  for_each_json_member<T>([&](auto member) {
    w.key(member.name);
    write_json(w, value.*member.pointer);
  });
}

template <typename T>
requires boost::describe::has_describe_members<T>::value void write_json(JsonWriter& w,
                                                                         const T& value) {
  w.begin_object();
  write_json_members(w, value);
  w.end_object();
}

// The whole document for one value.
template <typename T>
std::string to_json(const T& value) {
  JsonWriter w;
  write_json(w, value);
  return std::move(w).str();
}

}  // namespace lectern
