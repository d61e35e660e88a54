// Pagination of lists: ?page=1&page_size=20 (at most 100), answered with the
// total count and one page of items; query_page reads one from the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "db/record.hpp"

namespace lectern::api {

struct PageRequest {
  std::int64_t page = 1;
  std::int64_t page_size = 20;
  static constexpr std::int64_t kMaxPageSize = 100;
  std::int64_t offset() const { return (page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::int64_t count = 0;
  std::int64_t page = 1;
  std::int64_t page_size = 20;
  std::vector<T> results;
};

template <typename T>
Page<T> make_page(const PageRequest& request, std::int64_t count, std::vector<T> results) {
  return Page<T>{count, request.page, request.page_size, std::move(results)};
}

// One page of a list of `count` rows: `rows_sql` selects them in order, and
// LIMIT and OFFSET follow it here, taking the $n after `params`. `read` makes
// an item of each row. For a count already known (a derived column).
template <typename T, typename Read, typename... Params>
Page<T> query_page_of(db::Connection& db, const PageRequest& page, std::int64_t count,
                      std::string_view rows_sql, Read&& read, const Params&... params) {
  constexpr std::size_t n = sizeof...(Params);
  const std::string sql = std::string(rows_sql) + " LIMIT $" + std::to_string(n + 1) + " OFFSET $" +
                          std::to_string(n + 2);
  std::vector<T> items;
  for (const auto& row : db.query(sql, params..., page.page_size, page.offset())) {
    items.push_back(read(row));
  }
  return make_page(page, count, std::move(items));
}

// query_page_of, the count read by `count_sql` (which takes the same params).
template <typename T, typename Read, typename... Params>
Page<T> query_page(db::Connection& db, const PageRequest& page, std::string_view count_sql,
                   std::string_view rows_sql, Read&& read, const Params&... params) {
  const auto count = db.count(count_sql, params...);
  return query_page_of<T>(db, page, count, rows_sql, std::forward<Read>(read), params...);
}

// query_page of whole records.
template <typename T, typename... Params>
Page<T> query_record_page(db::Connection& db, const PageRequest& page, std::string_view count_sql,
                          std::string_view rows_sql, const Params&... params) {
  return query_page<T>(
      db, page, count_sql, rows_sql, [](const db::Row& row) { return db::read_record<T>(row); },
      params...);
}

}  // namespace lectern::api
