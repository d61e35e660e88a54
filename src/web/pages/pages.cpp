#include "web/pages/pages.hpp"

#include <cmath>
#include <cstdio>

#include "apps/courses/preferences.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

std::string price_text(std::int64_t cents, const Reader& reader) {
  return cents == 0 ? "Free" : format_price(cents, reader);
}

std::string rating_text(const std::optional<double>& average) {
  if (!average) return "No reviews yet";
  // Half up at one decimal; the epsilon keeps 4.45 (stored as 4.4499...) at 4.5.
  const double rounded = std::floor(*average * 10.0 + 0.5 + 1e-9) / 10.0;
  char text[32];
  std::snprintf(text, sizeof text, "%.1f out of 5", rounded);
  return text;
}

std::string level_text(std::string_view level) {
  std::string out(level);
  if (out.empty()) return out;
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

SignedInUser describe_user(db::Connection& db, const api::Actor& actor) {
  SignedInUser who;
  if (auto summary = apps::courses::reader_summary(db, actor.user_id)) {
    who.display_name = std::move(summary->name);
    who.unread_notifications = summary->unread_notifications;
    who.theme = std::string(enum_name(summary->preferences.theme));
    who.reader = {summary->preferences.language, summary->preferences.timezone};
  }
  return who;
}

void register_pages(Site& site, const apps::AppSettings& settings) {
  register_catalogue_pages(site);
  register_account_pages(site, settings);
  register_learning_pages(site);
  register_teach_pages(site);
  register_personal_pages(site);
  register_lesson_pages(site);
  register_assessment_pages(site);
}

}  // namespace lectern::web::pages
