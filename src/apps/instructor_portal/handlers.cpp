#include "apps/instructor_portal/handlers.hpp"

#include "apps/courses/attempts.hpp"
#include "apps/instructor_portal/announcements.hpp"
#include "apps/instructor_portal/exports.hpp"
#include "apps/instructor_portal/portal.hpp"
#include "apps/instructor_portal/profiles.hpp"

namespace lectern::apps::instructor_portal {

namespace {

using courses::Id;
using courses::OptionalId;

struct TaughtStatsOut : courses::CourseStats {
  static constexpr std::string_view kJsonHidden[] = {"id", "course_id", "updated_at"};
};
BOOST_DESCRIBE_STRUCT(TaughtStatsOut, (courses::CourseStats), ())

// One of my courses, published or not, with its statistics (the instructor
// is the caller, so the course names only its category's id).
struct TaughtCourseOut : courses::Course {
  TaughtStatsOut stats;
  static constexpr std::string_view kJsonHidden[] = {"instructor_id"};
};
BOOST_DESCRIBE_STRUCT(TaughtCourseOut, (courses::Course), (stats))

TaughtCourseOut taught_course_out(const TaughtCourse& t) {
  return {t.course, {t.stats}};
}

// One attempt at an assessment, with its student.
struct ResultOut : courses::AssessmentAttempt {
  courses::UserBrief user;
  static constexpr std::string_view kJsonHidden[] = {"user_id", "assessment_id", "created_at",
                                                     "updated_at"};
  static constexpr JsonPlace kJsonPlaces[] = {{"user", "user_id"}};
};
BOOST_DESCRIBE_STRUCT(ResultOut, (courses::AssessmentAttempt), (user))

// The profile is the caller's own: what they write, and whether the
// platform verified them.
struct ProfileOut : InstructorProfile {
  static constexpr std::string_view kJsonHidden[] = {"id", "user_id", "created_at", "updated_at"};
};
BOOST_DESCRIBE_STRUCT(ProfileOut, (InstructorProfile), ())

ProfileOut profile_out(const InstructorProfile& p) {
  return {p};
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
                    write_json(w, ResultOut{r.attempt, r.user});
                  });
            });
  // What the results page draws (pass rate, histogram, right answers per
  // question), so that an API client can draw it too.
  api.route("GET", "/api/instructor/courses/{id}/assessments/{aid}/outcome", api::Auth::kRequired,
            {.summary = "How the graded attempts at an assessment of my course went: how many "
                        "passed, every score (lowest first) and each question's right answers",
             .tag = "instructor",
             .response = api::schema<courses::AssessmentOutcome>("AssessmentOutcome"),
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              return api::json(200, courses::assessment_outcome(call.db, call.user(), call.id("id"),
                                                                call.id("aid")));
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

void register_exports(api::Api& api) {
  api.route("GET", "/api/courses/{id}/stats/weekly", api::Auth::kRequired,
            {.summary = "My course's enrolments and completions per week (Monday 00:00 UTC) over "
                        "the last 26 weeks, oldest first",
             .tag = "stats",
             .response = api::schema<WeeklyStats>("WeeklyStats"),
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              return api::json(200, weekly_stats(call.db, call.user(), call.id("id"), call.now));
            });
  api.route("GET", "/api/courses/{id}/students.csv", api::Auth::kRequired,
            {.summary = "Everyone enrolled in my course as CSV (the whole list; cells a "
                        "spreadsheet would run as formulas start with ')",
             .tag = "instructor",
             .text_response = "text/csv",
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              const std::int64_t id = call.id("id");
              http::Response r;
              r.status = 200;
              r.content_type = "text/csv; charset=utf-8";
              r.body = students_csv(call.db, call.user(), id);
              r.headers.emplace_back(
                  "Content-Disposition",
                  "attachment; filename=\"course-" + std::to_string(id) + "-students.csv\"");
              return r;
            });
  api.route(
      "GET", "/api/instructor/courses/{id}/assessments/{aid}/results.csv", api::Auth::kRequired,
      {.summary = "Every attempt at an assessment of my course as CSV, by student then "
                  "attempt (cells a spreadsheet would run as formulas start with ')",
       .tag = "instructor",
       .text_response = "text/csv",
       .error_statuses = {403, 404}},
      [](api::Call& call) {
        const std::int64_t aid = call.id("aid");
        http::Response r;
        r.status = 200;
        r.content_type = "text/csv; charset=utf-8";
        r.body = results_csv(call.db, call.user(), call.id("id"), aid);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"assessment-" +
                                                          std::to_string(aid) + "-results.csv\"");
        return r;
      });
}

}  // namespace

void register_routes(api::Api& api) {
  register_portal(api);
  register_exports(api);
  register_profile(api);
  register_announcements(api);
}

}  // namespace lectern::apps::instructor_portal
