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
// for key and in this order (its instructor and category named, not only
// their ids).
struct CourseOut : Course {
  UserBrief instructor;
  std::optional<Category> category;
  StatsBrief stats;
  static constexpr std::string_view kJsonHidden[] = {"instructor_id", "category_id"};
  static constexpr JsonPlace kJsonPlaces[] = {{"instructor", "instructor_id"},
                                              {"category", "category_id"}};
};
BOOST_DESCRIBE_STRUCT(CourseOut, (Course), (instructor, category, stats))

CourseOut course_out(const CourseView& view);
void write_json(JsonWriter& w, const CourseView& view);

}  // namespace lectern::apps::courses
