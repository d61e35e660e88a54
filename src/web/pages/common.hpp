// What several pages share: the catalogue's wording of a course (price,
// rating, level) and the groups of pages each file registers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

void register_catalogue_pages(Site& site);
void register_account_pages(Site& site, const apps::AppSettings& settings);
void register_learning_pages(Site& site);
void register_teach_pages(Site& site);

}  // namespace lectern::web::pages
