// Refusals in service tests: the lectern::Error a call throws, checked by
// kind and code or by the fields it names, so a test states the refusal it
// expects in one line.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lectern::testing {

// What fn() threw, or nullopt when it returned normally.
template <typename Fn>
std::optional<Error> error_of(Fn&& fn) {
  try {
    std::forward<Fn>(fn)();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

inline ::testing::AssertionResult is_error(const std::optional<Error>& error, ErrorKind kind,
                                           std::string_view code) {
  if (!error) return ::testing::AssertionFailure() << "nothing was thrown";
  if (error->kind() != kind || error->code() != code) {
    return ::testing::AssertionFailure()
           << "threw " << to_string(error->kind()) << " \"" << error->code() << "\" ("
           << error->what() << "), expected " << to_string(kind) << " \"" << code << "\"";
  }
  return ::testing::AssertionSuccess();
}

// A ValidationError naming exactly these fields.
inline ::testing::AssertionResult is_field_error(const std::optional<Error>& error,
                                                 const std::set<std::string>& fields) {
  if (auto kind = is_error(error, ErrorKind::kValidation, "validation_failed"); !kind) return kind;
  std::set<std::string> named;
  for (const auto& [field, message] : error->fields()) named.insert(field);
  if (named != fields) {
    auto failure = ::testing::AssertionFailure() << "fields named:";
    for (const auto& field : named) failure << " " << field;
    return failure;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace lectern::testing
