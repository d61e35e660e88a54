// What the pages of several files share (common.hpp): the signed-in check,
// the ?page= number and the "Pagination" navigation.
#include <algorithm>
#include <charconv>

#include "web/pages/common.hpp"

namespace lectern::web::pages {

const api::Actor& signed_in_actor(const PageCall& call) {
  if (!call.actor()) throw UnauthenticatedError("not_authenticated", "Please log in.");
  return *call.actor();
}

std::int64_t page_number(const PageCall& call) {
  auto text = call.query("page");
  if (!text) return 1;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > 1000000) {
    throw UsageError("The page number must be a positive integer.");
  }
  return value;
}

std::int64_t last_page(std::int64_t count, std::int64_t per_page) {
  return std::max<std::int64_t>(1, (count + per_page - 1) / per_page);
}

std::string search_href(std::string_view path, const std::string& search, std::int64_t page) {
  std::string query = search.empty() ? "" : "search=" + url_encode(search);
  if (page > 1) query += (query.empty() ? "page=" : "&page=") + std::to_string(page);
  return std::string(path) + (query.empty() ? "" : "?" + query);
}

namespace {

std::optional<View> pagination(std::int64_t page, std::int64_t last,
                               const std::function<std::string(std::int64_t)>& href) {
  if (last <= 1 && page <= 1) return std::nullopt;
  View nav{View::type::object};
  if (page > 1) nav.set("previous", href(std::min(page - 1, last)));
  if (page < last) nav.set("next", href(page + 1));
  View numbers{View::type::list};
  std::int64_t shown = 0;
  for (std::int64_t n = 1; n <= last; ++n) {
    if (n != 1 && n != last && (n < page - 2 || n > page + 2)) continue;
    if (shown && n > shown + 1) {
      View gap{View::type::object};
      gap.set("gap", true);
      append(numbers, std::move(gap));
    }
    View item{View::type::object};
    item.set("number", std::to_string(n));
    item.set("href", href(n));
    item.set("current", n == page);
    append(numbers, std::move(item));
    shown = n;
  }
  put(nav, "pages", std::move(numbers));
  return nav;
}

}  // namespace

std::string pagination_html(const Site& site, std::int64_t page, std::int64_t last,
                            const std::function<std::string(std::int64_t)>& href) {
  auto nav = pagination(page, last, href);
  return nav ? site.templates().render("pagination", *nav) : std::string();
}

}  // namespace lectern::web::pages
