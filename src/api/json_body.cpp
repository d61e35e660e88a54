#include "api/json_body.hpp"

#include <boost/json.hpp>
#include <cmath>

namespace lectern::api {

namespace {

constexpr const char* kNulMessage = "Must not contain the NUL character (\\u0000).";
constexpr const char* kRangeMessage =
    "Numbers must be within the range of a double (about 1.8e308).";

// What PostgreSQL cannot store and SQLite can: a NUL in text (libpq cuts a
// text parameter there, and jsonb refuses \u0000) and a number past the
// double range (Boost.JSON reads 1e400 as infinity and writes it back as
// `Infinity`, which is not JSON: PostgreSQL fails, SQLite's check refuses).
// Refused in every field, so both backends answer alike. Returns what is
// wrong, or null when nothing is.
const char* unstorable(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string:
      return v.get_string().find('\0') == boost::json::string::npos ? nullptr : kNulMessage;
    case boost::json::kind::double_:
      return std::isfinite(v.get_double()) ? nullptr : kRangeMessage;
    case boost::json::kind::array:
      for (const auto& item : v.get_array()) {
        if (const char* why = unstorable(item)) return why;
      }
      return nullptr;
    case boost::json::kind::object:
      for (const auto& [key, item] : v.get_object()) {
        if (key.find('\0') != boost::json::string_view::npos) return kNulMessage;
        if (const char* why = unstorable(item)) return why;
      }
      return nullptr;
    default:
      return nullptr;
  }
}

}  // namespace

struct JsonBody::Shared {
  boost::json::value document;
  FieldErrors errors;
};

JsonBody::JsonBody(std::shared_ptr<Shared> shared, const boost::json::object* object,
                   std::string prefix)
    : shared_(std::move(shared)), object_(object), prefix_(std::move(prefix)) {}

JsonBody JsonBody::parse(std::string_view text) {
  auto shared = std::make_shared<Shared>();
  boost::system::error_code ec;
  shared->document = boost::json::parse(text, ec);
  if (ec) throw UsageError("The request body is not valid JSON: " + ec.message() + ".");
  if (!shared->document.is_object()) throw UsageError("The request body must be a JSON object.");
  const boost::json::object* object = &shared->document.get_object();
  return JsonBody(std::move(shared), object, "");
}

std::string JsonBody::path(std::string_view key) const {
  return prefix_ + std::string(key);
}

void JsonBody::fail(std::string_view key, std::string message) {
  shared_->errors.try_emplace(path(key), std::move(message));
}

void JsonBody::check() const {
  if (!shared_->errors.empty()) throw ValidationError(shared_->errors);
}

bool JsonBody::has(std::string_view key) const {
  return find(key) != nullptr;
}

const boost::json::value* JsonBody::find(std::string_view key) const {
  return object_->if_contains(key);
}

std::optional<std::string> JsonBody::string(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(key, "Must be a string.");
    return std::nullopt;
  }
  if (const char* why = unstorable(*v)) {
    fail(key, why);
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::int64_t> JsonBody::integer(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v->get_uint64());
  }
  // 3.0 is an integer written as a float; 3.5 is not.
  if (v->is_double() &&
      v->get_double() == static_cast<double>(static_cast<std::int64_t>(v->get_double())) &&
      v->get_double() >= -9.0e15 && v->get_double() <= 9.0e15) {
    return static_cast<std::int64_t>(v->get_double());
  }
  fail(key, "Must be an integer.");
  return std::nullopt;
}

std::optional<bool> JsonBody::boolean(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(key, "Must be true or false.");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::optional<std::int64_t>> JsonBody::nullable_integer(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::int64_t>{};
  auto value = integer(key);
  if (!value) return std::nullopt;
  return std::optional<std::int64_t>{*value};
}

std::optional<std::optional<std::string>> JsonBody::nullable_string(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (v->is_null()) return std::optional<std::string>{};
  auto value = string(key);
  if (!value) return std::nullopt;
  return std::optional<std::string>{*value};
}

std::optional<std::string> JsonBody::object_text(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    fail(key, "Must be a JSON object.");
    return std::nullopt;
  }
  if (const char* why = unstorable(*v)) {
    fail(key, why);
    return std::nullopt;
  }
  return boost::json::serialize(*v);
}

std::optional<std::vector<std::int64_t>> JsonBody::integers(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(key, "Must be a list of integers.");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (const auto& item : v->get_array()) {
    if (!item.is_int64()) {
      fail(key, "Must be a list of integers.");
      return std::nullopt;
    }
    out.push_back(item.get_int64());
  }
  return out;
}

std::optional<std::vector<JsonBody>> JsonBody::objects(std::string_view key) {
  const auto* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(key, "Must be a list of objects.");
    return std::nullopt;
  }
  std::vector<JsonBody> out;
  std::size_t i = 0;
  for (const auto& item : v->get_array()) {
    const std::string item_path = path(key) + "[" + std::to_string(i++) + "]";
    if (!item.is_object()) {
      shared_->errors.try_emplace(item_path, "Must be an object.");
      continue;
    }
    out.push_back(JsonBody(shared_, &item.get_object(), item_path + "."));
  }
  return out;
}

}  // namespace lectern::api
