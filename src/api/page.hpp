// Pagination of lists: ?page=1&page_size=20 (at most 100), answered with the
// total count and one page of items.
#pragma once

#include <cstdint>
#include <vector>

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

}  // namespace lectern::api
