// What several pages share: the catalogue's wording of a course (price,
// rating, level) and the groups of pages each file registers.
#pragma once

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

// The signed-in actor; UnauthenticatedError (the login page) for a visitor.
const api::Actor& require_signed_in(const PageCall& call);

// Where "Continue" leads in a course the actor is enrolled in: the first
// lesson not completed (the first lesson when all are), nullopt when the
// course has no lesson (lesson_pages.cpp).
std::optional<std::int64_t> lesson_to_continue(db::Connection& db, const api::Actor& actor,
                                               std::int64_t course_id);

void register_catalogue_pages(Site& site);
void register_account_pages(Site& site, const apps::AppSettings& settings);
void register_learning_pages(Site& site);
void register_lesson_pages(Site& site);
void register_assessment_pages(Site& site);

}  // namespace lectern::web::pages
