#include "apps/instructor_portal/handlers.hpp"

#include "apps/courses/attempts.hpp"
#include "apps/instructor_portal/announcements.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "apps/instructor_portal/profiles.hpp"

namespace lectern::apps::instructor_portal {

namespace {

using courses::Id;
using courses::OptionalId;

struct TaughtStatsOut {
  std::int64_t total_enrollments = 0;
  std::int64_t active_enrollments = 0;
  std::int64_t completions = 0;
  std::int64_t review_count = 0;
  std::optional<double> average_rating;
  std::int64_t attempt_count = 0;
  std::optional<double> average_score;
};
BOOST_DESCRIBE_STRUCT(TaughtStatsOut, (),
                      (total_enrollments, active_enrollments, completions, review_count,
                       average_rating, attempt_count, average_score))

// One of my courses, published or not, with its statistics (the instructor
// is the caller, so the course names only its category's id).
struct TaughtCourseOut {
  Id id = 0;
  std::string title;
  std::string slug;
  std::string description;
  OptionalId category_id;
  courses::CourseLevel level{};
  std::int64_t price_cents = 0;
  bool is_published = false;
  std::optional<Timestamp> published_at;
  Timestamp created_at;
  Timestamp updated_at;
  TaughtStatsOut stats;
};
BOOST_DESCRIBE_STRUCT(TaughtCourseOut, (),
                      (id, title, slug, description, category_id, level, price_cents, is_published,
                       published_at, created_at, updated_at, stats))

TaughtCourseOut taught_course_out(const TaughtCourse& t) {
  const courses::Course& c = t.course;
  const courses::CourseStats& s = t.stats;
  return {c.id,
          c.title,
          c.slug,
          c.description,
          c.category_id,
          c.level,
          c.price_cents,
          c.is_published,
          c.published_at,
          c.created_at,
          c.updated_at,
          {s.total_enrollments, s.active_enrollments, s.completions, s.review_count,
           s.average_rating, s.attempt_count, s.average_score}};
}

// One attempt at an assessment, with its student.
struct ResultOut {
  Id id = 0;
  courses::UserBrief user;
  std::int64_t attempt_number = 0;
  courses::AttemptStatus status{};
  Timestamp started_at;
  std::optional<Timestamp> submitted_at;
  std::int64_t points_earned = 0;
  std::int64_t points_possible = 0;
  double score = 0;
  bool passed = false;
};
BOOST_DESCRIBE_STRUCT(ResultOut, (),
                      (id, user, attempt_number, status, started_at, submitted_at, points_earned,
                       points_possible, score, passed))

// The profile is the caller's own: what they write, and whether the
// platform verified them.
struct ProfileOut {
  std::string bio;
  std::string expertise;
  std::string website;
  bool is_verified = false;
};
BOOST_DESCRIBE_STRUCT(ProfileOut, (), (bio, expertise, website, is_verified))

ProfileOut profile_out(const InstructorProfile& p) {
  return {p.bio, p.expertise, p.website, p.is_verified};
}

void register_portal(api::Api& api) {
  api.route("GET", "/api/instructor/courses", api::Auth::kRequired,
            {.summary = "My courses, published or not, with their statistics (instructors)",
             .tag = "instructor",
             .response = api::schema<TaughtCourseOut>("TaughtCourse"),
             .error_statuses = {403},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(my_courses(call.db, call.user(), call.page()),
                                        [](JsonWriter& w, const TaughtCourse& t) {
                                          write_json(w, taught_course_out(t));
                                        });
            });
  api.route("GET", "/api/instructor/courses/{id}/students", api::Auth::kRequired,
            {.summary = "Everyone enrolled in my course (dropped included), by enrolment time",
             .tag = "instructor",
             .response = api::schema<CourseStudent>("CourseStudent"),
             .error_statuses = {403, 404},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  course_students(call.db, call.user(), call.id("id"), call.page()));
            });
  api.route("GET", "/api/instructor/courses/{id}/assessments/{aid}/results", api::Auth::kRequired,
            {.summary = "Every attempt at an assessment of my course, by student then attempt",
             .tag = "instructor",
             .response = api::schema<ResultOut>("AssessmentResult"),
             .error_statuses = {403, 404},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  courses::assessment_results(call.db, call.user(), call.id("id"), call.id("aid"),
                                              call.page()),
                  [](JsonWriter& w, const courses::AttemptOfStudent& r) {
                    const courses::AssessmentAttempt& t = r.attempt;
                    write_json(w, ResultOut{t.id, r.user, t.attempt_number, t.status, t.started_at,
                                            t.submitted_at, t.points_earned, t.points_possible,
                                            t.score, t.passed});
                  });
            });
}

void register_profile(api::Api& api) {
  api.route("GET", "/api/instructor/profile", api::Auth::kRequired,
            {.summary = "My instructor profile (empty until I write it)",
             .tag = "instructor",
             .response = api::schema<ProfileOut>("InstructorProfile"),
             .error_statuses = {403}},
            [](api::Call& call) {
              return api::json(200, profile_out(get_profile(call.db, call.user())));
            });
  api.route("PUT", "/api/instructor/profile", api::Auth::kRequired,
            {.summary = "Replace my instructor profile (absent members become empty)",
             .tag = "instructor",
             .request = api::schema<ProfileInput>("InstructorProfileRequest"),
             .response = api::schema<ProfileOut>("InstructorProfile"),
             .error_statuses = {403, 422}},
            [](api::Call& call) {
              return api::json(200, profile_out(put_profile(
                                        call.db, call.user(),
                                        api::read_request<ProfileInput>(call.body()), call.now)));
            });
}

void register_announcements(api::Api& api) {
  api.route("POST", "/api/courses/{id}/announcements", api::Auth::kRequired,
            {.summary = "Publish an announcement to my course; each active student is notified",
             .tag = "instructor",
             .request = api::schema<AnnouncementInput>("AnnouncementRequest"),
             .response = api::schema<Announcement>("Announcement"),
             .success_status = 201,
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              return api::json(201, post_announcement(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<AnnouncementInput>(call.body()), call.now)
                                        .announcement);
            });
  api.route("GET", "/api/courses/{id}/announcements", api::Auth::kPublic,
            {.summary = "A course's announcements, newest first",
             .tag = "instructor",
             .response = api::schema<Announcement>("Announcement"),
             .error_statuses = {404},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_announcements(call.db, call.id("id"), call.actor(), call.page()));
            });
}

}  // namespace

void register_routes(api::Api& api) {
  register_portal(api);
  register_profile(api);
  register_announcements(api);
}

}  // namespace lectern::apps::instructor_portal
