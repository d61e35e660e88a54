// The materialized result of one statement: column names, rows of Values,
// and the number of rows a write touched. Row reads cells by index or column
// name, converting to the asked C++ type (see Row::get).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/errors.hpp"
#include "db/value.hpp"

namespace lectern::db {

class ResultSet;

namespace detail {
// One conversion per supported target type; throws TypeMismatch.
template <typename T>
T convert(const Value& v, std::string_view column);
// TypeMismatch: the column's text names none of `choices`.
[[noreturn]] void throw_not_a_choice(std::string_view column, std::string_view text,
                                     const std::vector<std::string>& choices);

struct ResultData {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::size_t column_index(std::string_view name) const;
};
}  // namespace detail

// A row keeps its result's data alive, so `auto row = conn.query(...).front();`
// is safe.
class Row {
 public:
  Row(std::shared_ptr<const detail::ResultData> data, std::size_t index)
      : data_(std::move(data)), index_(index) {}

  const Value& at(std::size_t column) const;
  const Value& at(std::string_view column) const;
  bool is_null(std::string_view column) const { return db::is_null(at(column)); }

  // T is one of int64_t, int, double, bool, std::string, Timestamp, Json,
  // Bytes, a described enum (text naming an enumerator; other text is a
  // TypeMismatch), or std::optional of one of them (NULL reads as nullopt;
  // NULL into a non-optional type is a TypeMismatch).
  template <typename T>
  T get(std::size_t column) const {
    return read<T>(at(column), column_name(column));
  }
  template <typename T>
  T get(std::string_view column) const {
    return read<T>(at(column), column);
  }

 private:
  template <typename T>
  static T read(const Value& v, std::string_view column) {
    if constexpr (requires {
                    typename T::value_type;
                    T{}.has_value();
                  } &&
                  !std::is_same_v<T, std::string>) {
      if (db::is_null(v)) return std::nullopt;
      return read<typename T::value_type>(v, column);
    } else if constexpr (DescribedEnum<T>) {
      const std::string text = detail::convert<std::string>(v, column);
      if (auto value = enum_from_name<T>(text)) return *value;
      detail::throw_not_a_choice(column, text, enum_names<T>());
    } else {
      return detail::convert<T>(v, column);
    }
  }
  std::string_view column_name(std::size_t column) const;

  std::shared_ptr<const detail::ResultData> data_;
  std::size_t index_;
};

class ResultSet {
 public:
  ResultSet() : data_(std::make_shared<detail::ResultData>()) {}
  ResultSet(std::vector<std::string> columns, std::vector<std::vector<Value>> rows,
            std::int64_t affected)
      : data_(std::make_shared<detail::ResultData>(
            detail::ResultData{std::move(columns), std::move(rows)})),
        affected_(affected) {}

  const std::vector<std::string>& columns() const { return data_->columns; }
  std::size_t size() const { return data_->rows.size(); }
  bool empty() const { return data_->rows.empty(); }
  // Rows changed by INSERT/UPDATE/DELETE.
  std::int64_t affected_rows() const { return affected_; }
  Row operator[](std::size_t i) const { return Row(data_, i); }
  // The first row; throws StatementError when there is none.
  Row front() const;
  // Index of a column by name; throws StatementError when absent.
  std::size_t column_index(std::string_view name) const { return data_->column_index(name); }

  class iterator {
   public:
    iterator(const ResultSet* s, std::size_t i) : s_(s), i_(i) {}
    Row operator*() const { return (*s_)[i_]; }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const iterator&) const = default;

   private:
    const ResultSet* s_;
    std::size_t i_;
  };
  iterator begin() const { return iterator(this, 0); }
  iterator end() const { return iterator(this, size()); }

 private:
  std::shared_ptr<const detail::ResultData> data_;
  std::int64_t affected_ = 0;
};

}  // namespace lectern::db
