// What several pages share: the catalogue's wording of a course (price,
// rating, level) and the groups of pages each file registers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apps/courses/catalogue.hpp"
#include "core/described_enum.hpp"
#include "web/pages/pages.hpp"

namespace lectern::web::pages {

// "Free" or the price for the reader's language.
std::string price_text(std::int64_t cents, const Reader& reader);
// "4.5 out of 5" (one decimal, rounded half up) or "No reviews yet".
std::string rating_text(const std::optional<double>& average);
// "beginner" (or CourseLevel::beginner) -> "Beginner".
std::string level_text(std::string_view level);
template <DescribedEnum E>
std::string level_text(E value) {
  return level_text(enum_name(value));
}

// An enum's values as a combobox's options (value, label: "Beginner" for
// beginner, selected), the one named `selected` chosen: course levels, roles.
template <DescribedEnum E>
View enum_options(std::string_view selected) {
  View options{View::type::list};
  for (const std::string& name : enum_names<E>()) {
    View item{View::type::object};
    item.set("value", name);
    item.set("label", level_text(name));
    item.set("selected", name == selected);
    append(options, std::move(item));
  }
  return options;
}

// The signed-in actor; UnauthenticatedError (the login page, coming back
// here) when signed out.
const api::Actor& signed_in_actor(const PageCall& call);
// ?page=: 1 when absent; UsageError (400) when not a positive integer.
std::int64_t page_number(const PageCall& call);
// The number of the last page of `count` items (1 when there are none).
std::int64_t last_page(std::int64_t count, std::int64_t per_page);
// "/notes?search=x&page=2": a searchable list's address, with only what is
// set ("/notes" for the first page of everything).
std::string search_href(std::string_view path, const std::string& search, std::int64_t page);
// The navigation "Pagination" (templates/pagination.mustache): Previous,
// the page numbers (the first, the last and two either side of the current
// one, with gaps) and Next, each linked to `href(n)`; nothing when there is
// one page.
std::string pagination_html(const Site& site, std::int64_t page, std::int64_t last,
                            const std::function<std::string(std::int64_t)>& href);
// Every item of a paged list: `fetch(page_request)` returns an api::Page.
template <typename Fetch>
auto all_pages(Fetch&& fetch) {
  decltype(fetch(api::PageRequest{}).results) items;
  for (std::int64_t page = 1;; ++page) {
    auto found = fetch(api::PageRequest{page, api::PageRequest::kMaxPageSize});
    for (auto& item : found.results) items.push_back(std::move(item));
    if (page * found.page_size >= found.count) return items;
  }
}

// Where "Continue" leads in a course the actor is enrolled in: the first
// lesson not completed (the first lesson when all are), nullopt when the
// course has no lesson (lesson_pages.cpp).
std::optional<std::int64_t> lesson_to_continue(db::Connection& db, const api::Actor& actor,
                                               std::int64_t course_id);
// The same, from the course's outline and the lessons completed (sorted), when
// the page has read them already.
std::optional<std::int64_t> lesson_to_continue(const apps::courses::Outline& outline,
                                               const std::vector<std::int64_t>& completed);

void register_catalogue_pages(Site& site);
void register_account_pages(Site& site, const apps::AppSettings& settings);
void register_learning_pages(Site& site);
void register_teach_pages(Site& site);
void register_personal_pages(Site& site);
void register_lesson_pages(Site& site);
void register_assessment_pages(Site& site);

}  // namespace lectern::web::pages
