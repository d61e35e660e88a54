// The courses app's HTTP endpoints, one file per area: the catalogue and
// its authoring, learning (enrolment, progress, activity, stats,
// notifications), assessments and attempts, and engagement (reviews,
// notes, bookmarks, preferences).
#pragma once

#include "api/api.hpp"
#include "apps/courses/catalogue.hpp"

namespace lectern::apps::courses {

void register_catalogue_routes(api::Api& api);
void register_learning_routes(api::Api& api);
void register_assessment_routes(api::Api& api);
void register_engagement_routes(api::Api& api);

// A course as every endpoint shows it: the benchmark shape of api.md, key
// for key and in this order.
struct CourseOut {
  Id id = 0;
  std::string title;
  std::string slug;
  std::string description;
  UserBrief instructor;
  std::optional<Category> category;
  CourseLevel level{};
  std::int64_t price_cents = 0;
  bool is_published = false;
  std::optional<Timestamp> published_at;
  Timestamp created_at;
  Timestamp updated_at;
  StatsBrief stats;
};
BOOST_DESCRIBE_STRUCT(CourseOut, (),
                      (id, title, slug, description, instructor, category, level, price_cents,
                       is_published, published_at, created_at, updated_at, stats))

CourseOut course_out(const CourseView& view);
void write_json(JsonWriter& w, const CourseView& view);

}  // namespace lectern::apps::courses
