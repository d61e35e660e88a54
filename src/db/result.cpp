#include "db/result.hpp"

#include <charconv>
#include <cmath>

#include "core/text.hpp"

namespace lectern::db {

std::string_view type_name(const Value& v) {
  switch (v.index()) {
    case 0:
      return "null";
    case 1:
      return "integer";
    case 2:
      return "double";
    case 3:
      return "bool";
    case 4:
      return "text";
    case 5:
      return "timestamp";
    case 6:
      return "json";
    case 7:
      return "bytes";
  }
  return "unknown";
}

namespace detail {

namespace {
[[noreturn]] void mismatch(const Value& v, std::string_view column, std::string_view wanted) {
  throw TypeMismatch("column \"" + std::string(column) + "\" holds " + std::string(type_name(v)) +
                     ", cannot be read as " + std::string(wanted));
}
}  // namespace

void throw_not_a_choice(std::string_view column, std::string_view text,
                        const std::vector<std::string>& choices) {
  throw TypeMismatch("column \"" + std::string(column) + "\" holds \"" + printable(text) +
                     "\", which is not one of " + join(choices, ", "));
}

template <>
std::int64_t convert<std::int64_t>(const Value& v, std::string_view column) {
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
  if (auto* d = std::get_if<double>(&v)) {
    // Aggregates such as SUM over integers come back as double on some paths.
    if (std::nearbyint(*d) == *d) return static_cast<std::int64_t>(*d);
  }
  if (auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && p == s->data() + s->size()) return out;
  }
  mismatch(v, column, "integer");
}

template <>
int convert<int>(const Value& v, std::string_view column) {
  return static_cast<int>(convert<std::int64_t>(v, column));
}

template <>
double convert<double>(const Value& v, std::string_view column) {
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) {
    // numeric columns arrive as text on some paths; from_chars is exact.
    double out = 0;
    auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (ec == std::errc() && p == s->data() + s->size()) return out;
  }
  mismatch(v, column, "double");
}

template <>
bool convert<bool>(const Value& v, std::string_view column) {
  if (auto* b = std::get_if<bool>(&v)) return *b;
  if (auto* i = std::get_if<std::int64_t>(&v)) {
    if (*i == 0 || *i == 1) return *i == 1;
  }
  mismatch(v, column, "bool");
}

template <>
std::string convert<std::string>(const Value& v, std::string_view column) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* j = std::get_if<Json>(&v)) return j->text;
  mismatch(v, column, "text");
}

template <>
Timestamp convert<Timestamp>(const Value& v, std::string_view column) {
  if (auto* t = std::get_if<Timestamp>(&v)) return *t;
  if (auto* s = std::get_if<std::string>(&v)) {
    if (auto t = parse_timestamp(*s)) return *t;
  }
  mismatch(v, column, "timestamp");
}

template <>
Json convert<Json>(const Value& v, std::string_view column) {
  if (auto* j = std::get_if<Json>(&v)) return *j;
  if (auto* s = std::get_if<std::string>(&v)) return Json{*s};
  mismatch(v, column, "json");
}

template <>
Bytes convert<Bytes>(const Value& v, std::string_view column) {
  if (auto* b = std::get_if<Bytes>(&v)) return *b;
  mismatch(v, column, "bytes");
}

}  // namespace detail

const Value& Row::at(std::size_t column) const {
  const auto& cells = data_->rows[index_];
  if (column >= cells.size()) {
    throw StatementError("column index " + std::to_string(column) + " out of range");
  }
  return cells[column];
}

const Value& Row::at(std::string_view column) const {
  return at(data_->column_index(column));
}

std::string_view Row::column_name(std::size_t column) const {
  const auto& cols = data_->columns;
  return column < cols.size() ? std::string_view(cols[column]) : std::string_view("?");
}

Row ResultSet::front() const {
  if (empty()) throw StatementError("the statement returned no rows");
  return (*this)[0];
}

namespace detail {

std::size_t ResultData::column_index(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return i;
  }
  throw StatementError("the result has no column \"" + std::string(name) + "\"");
}

}  // namespace detail

}  // namespace lectern::db
