// Records: rows as C++ structs. A record is an aggregate described with
// BOOST_DESCRIBE_STRUCT whose members are named like its table's columns, in
// any order, with `static constexpr std::string_view kTable`; this header is the one query helper
// that turns a record type into column lists, INSERT/UPDATE text and bound values, and a row back
// into a record. Identifiers come from the description and are quoted; values are always
// parameters.
#pragma once

#include <algorithm>
#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>
#include <concepts>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"

namespace lectern::db {

template <typename T>
concept Record = boost::describe::has_describe_members<T>::value && requires {
  { T::kTable } -> std::convertible_to<std::string_view>;
};

// The record's column names, in member order.
template <Record T>
const std::vector<std::string>& record_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> out;
    using Members = boost::describe::describe_members<T, boost::describe::mod_public>;
    boost::mp11::mp_for_each<Members>([&](auto member) { out.emplace_back(member.name); });
    return out;
  }();
  return columns;
}

// `"id", "title", ...` or, with a table alias, `c."id", c."title", ...`: the
// select list that read_record() reads back in member order. Text columns in
// `left_out` are not read: they come back empty (an outline needs no lesson
// content).
template <Record T>
std::string select_list(std::string_view alias = {},
                        std::initializer_list<std::string_view> left_out = {}) {
  std::string out;
  for (const auto& column : record_columns<T>()) {
    if (!out.empty()) out += ", ";
    if (std::find(left_out.begin(), left_out.end(), column) != left_out.end()) {
      out += "''";  // read back as an empty text
      continue;
    }
    if (!alias.empty()) {
      out += alias;
      out += '.';
    }
    out += '"';
    out += column;
    out += '"';
  }
  return out;
}

// Reads a record from the row's columns starting at `first`, in member order
// (the order select_list() wrote them).
template <Record T>
T read_record(const Row& row, std::size_t first = 0) {
  T record{};
  std::size_t index = first;
  using Members = boost::describe::describe_members<T, boost::describe::mod_public>;
  boost::mp11::mp_for_each<Members>([&](auto member) {
    using Field = std::remove_cvref_t<decltype(record.*member.pointer)>;
    record.*member.pointer = row.get<Field>(index++);
  });
  return record;
}

template <Record T>
std::vector<T> read_records(const ResultSet& rows, std::size_t first = 0) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(read_record<T>(row, first));
  return out;
}

// The record's values in member order, skipping `id` when `with_id` is false.
template <Record T>
std::vector<Value> record_values(const T& record, bool with_id) {
  std::vector<Value> out;
  using Members = boost::describe::describe_members<T, boost::describe::mod_public>;
  boost::mp11::mp_for_each<Members>([&](auto member) {
    if (!with_id && std::string_view(member.name) == "id") return;
    out.push_back(to_value(record.*member.pointer));
  });
  return out;
}

// The record with this id, or nullopt.
template <Record T>
std::optional<T> find_record(Connection& connection, std::int64_t id) {
  static const std::string sql =
      "SELECT " + select_list<T>() + " FROM \"" + std::string(T::kTable) + "\" WHERE \"id\" = $1";
  auto rows = connection.query(sql, id);
  if (rows.empty()) return std::nullopt;
  return read_record<T>(rows[0]);
}

namespace detail {
std::string insert_statement(std::string_view table, const std::vector<std::string>& columns,
                             bool with_id);
std::string update_statement(std::string_view table, const std::vector<std::string>& columns);
std::string multi_insert_statement(std::string_view table, const std::vector<std::string>& columns,
                                   std::size_t rows);
}  // namespace detail

// INSERT of every column but `id` (the database assigns it); returns the id.
template <Record T>
std::int64_t insert_record(Connection& connection, const T& record) {
  static const std::string sql = detail::insert_statement(T::kTable, record_columns<T>(), false);
  auto values = record_values(record, false);
  return connection.execute(sql, values).front().template get<std::int64_t>(0);
}

// INSERT with the record's own id (seeding and restores).
template <Record T>
void insert_record_with_id(Connection& connection, const T& record) {
  static const std::string sql = detail::insert_statement(T::kTable, record_columns<T>(), true);
  auto values = record_values(record, true);
  connection.execute(sql, values);
}

// Many records with their own ids, in multi-row INSERTs of up to
// `rows_per_statement` rows (bulk loads: demo data, restores).
template <Record T>
void insert_records_with_ids(Connection& connection, const std::vector<T>& records,
                             std::size_t rows_per_statement = 500) {
  const auto& columns = record_columns<T>();
  std::vector<Value> values;
  for (std::size_t start = 0; start < records.size(); start += rows_per_statement) {
    const std::size_t n = std::min(rows_per_statement, records.size() - start);
    values.clear();
    values.reserve(n * columns.size());
    for (std::size_t i = start; i < start + n; ++i) {
      auto row = record_values(records[i], true);
      std::move(row.begin(), row.end(), std::back_inserter(values));
    }
    connection.execute(detail::multi_insert_statement(T::kTable, columns, n), values);
  }
}

// UPDATE of every column but `id`, by id; returns whether a row matched.
// Columns keep member order with `id` bound last.
template <Record T>
bool update_record(Connection& connection, const T& record) {
  static const std::string sql = detail::update_statement(T::kTable, record_columns<T>());
  auto values = record_values(record, false);
  values.push_back(to_value(record.id));
  return connection.execute(sql, values).affected_rows() > 0;
}

}  // namespace lectern::db
