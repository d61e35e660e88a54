#include "apps/courses/access.hpp"
#include "apps/courses/activity.hpp"
#include "apps/courses/handlers.hpp"
#include "apps/courses/learning.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"

namespace lectern::apps::courses {

namespace {

struct EnrollmentOut {
  Id id = 0;
  Id course_id = 0;
  std::string course_title;
  EnrollmentStatus status{};
  std::int64_t progress_percent = 0;
  std::optional<Timestamp> completed_at;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(EnrollmentOut, (),
                      (id, course_id, course_title, status, progress_percent, completed_at,
                       created_at, updated_at))

struct CourseStatsOut {
  Id course_id = 0;
  std::int64_t total_enrollments = 0;
  std::int64_t active_enrollments = 0;
  std::int64_t completions = 0;
  std::int64_t review_count = 0;
  std::optional<double> average_rating;
  std::int64_t attempt_count = 0;
  std::optional<double> average_score;
  std::optional<Timestamp> updated_at;
};
BOOST_DESCRIBE_STRUCT(CourseStatsOut, (),
                      (course_id, total_enrollments, active_enrollments, completions, review_count,
                       average_rating, attempt_count, average_score, updated_at))

struct UserStatsOut {
  std::int64_t courses_enrolled = 0;
  std::int64_t courses_completed = 0;
  std::int64_t lessons_completed = 0;
  std::int64_t assessments_passed = 0;
  std::int64_t total_time_spent_seconds = 0;
  std::int64_t current_streak_days = 0;
  std::optional<Timestamp> last_activity_at;
};
BOOST_DESCRIBE_STRUCT(UserStatsOut, (),
                      (courses_enrolled, courses_completed, lessons_completed, assessments_passed,
                       total_time_spent_seconds, current_streak_days, last_activity_at))

// The activity as api.md shows it (no user_id: it is always the caller's).
struct ActivityOut {
  Id id = 0;
  ActivityType activity_type{};
  OptionalId course_id;
  OptionalId lesson_id;
  db::Json metadata;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(ActivityOut, (),
                      (id, activity_type, course_id, lesson_id, metadata, created_at))

ActivityOut activity_out(const UserActivity& a) {
  return {a.id, a.activity_type, a.course_id, a.lesson_id, a.metadata, a.created_at};
}

struct NotificationOut {
  Id id = 0;
  NotificationType notification_type{};
  std::string title;
  std::string message;
  std::string link;
  bool is_read = false;
  std::optional<Timestamp> read_at;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(NotificationOut, (),
                      (id, notification_type, title, message, link, is_read, read_at, created_at))

NotificationOut notification_out(const Notification& n) {
  return {n.id,   n.notification_type, n.title,   n.message,
          n.link, n.is_read,           n.read_at, n.created_at};
}

struct ActivityRequest {
  std::string activity_type;
  std::optional<OptionalId> course_id;
  std::optional<OptionalId> lesson_id;
  std::optional<db::Json> metadata;
};
BOOST_DESCRIBE_STRUCT(ActivityRequest, (), (activity_type, course_id, lesson_id, metadata))

struct CompleteLessonRequest {
  std::optional<std::int64_t> time_spent_seconds;
};
BOOST_DESCRIBE_STRUCT(CompleteLessonRequest, (), (time_spent_seconds))

struct ReadAllOut {
  std::int64_t marked_read = 0;
};
BOOST_DESCRIBE_STRUCT(ReadAllOut, (), (marked_read))

EnrollmentOut enrollment_out(const Enrollment& e, std::string title, std::int64_t percent) {
  return {e.id,    e.course_id,    std::move(title), e.status,
          percent, e.completed_at, e.created_at,     e.updated_at};
}

// An enrolment the caller just changed, with its course's title and the
// caller's progress in it.
http::Response enrollment_response(api::Call& call, int status, const Enrollment& e) {
  auto view = find_course_view(call.db, e.course_id, call.actor());
  return api::json(
      status, enrollment_out(e, view ? view->course.title : "",
                             course_progress(call.db, call.user(), e.course_id).progress_percent));
}

}  // namespace

void register_learning_routes(api::Api& api) {
  api.route("POST", "/api/courses/{id}/enroll", api::Auth::kRequired,
            {.summary = "Enrol in a published course",
             .tag = "learning",
             .response = api::schema<EnrollmentOut>("Enrollment"),
             .success_status = 201,
             .error_statuses = {404, 409}},
            [](api::Call& call) {
              const Id id = call.id("id");
              return enrollment_response(call, 201, enroll(call.db, call.user(), id, call.now));
            });
  api.route("DELETE", "/api/courses/{id}/enroll", api::Auth::kRequired,
            {.summary = "Drop an active enrolment",
             .tag = "learning",
             .response = api::schema<EnrollmentOut>("Enrollment"),
             .error_statuses = {404}},
            [](api::Call& call) {
              const Id id = call.id("id");
              return enrollment_response(call, 200,
                                         drop_enrollment(call.db, call.user(), id, call.now));
            });
  api.route("GET", "/api/me/enrollments", api::Auth::kRequired,
            {.summary = "My enrolments, newest first",
             .tag = "learning",
             .response = api::schema<EnrollmentOut>("Enrollment"),
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  my_enrollments(call.db, call.user(), call.page()),
                  [](JsonWriter& w, const EnrollmentView& v) {
                    write_json(w, enrollment_out(v.enrollment, v.course_title, v.progress_percent));
                  });
            });
  api.route("POST", "/api/lessons/{id}/complete", api::Auth::kRequired,
            {.summary = "Mark a lesson completed (time_spent_seconds is added)",
             .tag = "learning",
             .request = api::schema<CompleteLessonRequest>("CompleteLessonRequest"),
             .response = api::schema<ProgressView>("Progress"),
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              // The body is optional here: no body, no time spent.
              CompleteLessonRequest request;
              if (!call.request.body.empty())
                request = api::read_request<CompleteLessonRequest>(call.body());
              return api::json(200,
                               complete_lesson(call.db, call.user(), call.id("id"),
                                               request.time_spent_seconds.value_or(0), call.now));
            });
  api.route("GET", "/api/courses/{id}/progress", api::Auth::kRequired,
            {.summary = "My progress in a course I am enrolled in",
             .tag = "learning",
             .response = api::schema<ProgressView>("Progress"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(200, course_progress(call.db, call.user(), call.id("id")));
            });
  api.route("POST", "/api/activity", api::Auth::kRequired,
            {.summary = "Record that I viewed a course or a lesson",
             .tag = "activity",
             .request = api::schema<ActivityRequest>("ActivityRequest"),
             .response = api::schema<ActivityOut>("Activity"),
             .success_status = 201,
             .error_statuses = {422}},
            [](api::Call& call) {
              auto request = api::read_request<ActivityRequest>(call.body());
              ActivityInput input{.activity_type = request.activity_type,
                                  .course_id = request.course_id.value_or(std::nullopt),
                                  .lesson_id = request.lesson_id.value_or(std::nullopt),
                                  .metadata_json = request.metadata.value_or(db::Json{"{}"}).text};
              return api::json(201,
                               activity_out(post_activity(call.db, call.user(), input, call.now)));
            });
  api.route("GET", "/api/me/activity", api::Auth::kRequired,
            {.summary = "My activity, newest first",
             .tag = "activity",
             .response = api::schema<ActivityOut>("Activity"),
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_activity(call.db, call.user(), call.page()),
                  [](JsonWriter& w, const UserActivity& a) { write_json(w, activity_out(a)); });
            });
  api.route("GET", "/api/courses/{id}/stats", api::Auth::kRequired,
            {.summary = "A course's statistics (its instructor and admins)",
             .tag = "stats",
             .response = api::schema<CourseStatsOut>("CourseStats"),
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              const Id id = call.id("id");
              require_course_editor(call.db, id, call.user());
              CourseStats s = course_stats(call.db, id);
              return api::json(
                  200,
                  CourseStatsOut{id, s.total_enrollments, s.active_enrollments, s.completions,
                                 s.review_count, s.average_rating, s.attempt_count, s.average_score,
                                 s.id ? std::optional(s.updated_at) : std::nullopt});
            });
  api.route("GET", "/api/me/stats", api::Auth::kRequired,
            {.summary = "My statistics",
             .tag = "stats",
             .response = api::schema<UserStatsOut>("UserStats")},
            [](api::Call& call) {
              UserStats s = user_stats(call.db, call.user().user_id);
              return api::json(
                  200, UserStatsOut{s.courses_enrolled, s.courses_completed, s.lessons_completed,
                                    s.assessments_passed, s.total_time_spent_seconds,
                                    current_streak(s, call.now), s.last_activity_at});
            });
  api.route("GET", "/api/me/notifications", api::Auth::kRequired,
            {.summary = "My notifications, newest first (?unread=true for unread only)",
             .tag = "notifications",
             .response = api::schema<NotificationOut>("Notification"),
             .paginated = true},
            [](api::Call& call) {
              auto unread = call.query("unread");
              if (unread && *unread != "true" && *unread != "false") {
                throw UsageError("Query parameter unread must be true or false.");
              }
              return api::page_response(
                  list_notifications(call.db, call.user(), unread == "true", call.page()),
                  [](JsonWriter& w, const Notification& n) { write_json(w, notification_out(n)); });
            });
  api.route("POST", "/api/notifications/{id}/read", api::Auth::kRequired,
            {.summary = "Mark one of my notifications read",
             .tag = "notifications",
             .response = api::schema<NotificationOut>("Notification"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(
                  200, notification_out(mark_read(call.db, call.user(), call.id("id"), call.now)));
            });
  api.route("POST", "/api/notifications/read-all", api::Auth::kRequired,
            {.summary = "Mark all my notifications read",
             .tag = "notifications",
             .response = api::schema<ReadAllOut>("ReadAll")},
            [](api::Call& call) {
              return api::json(200, ReadAllOut{mark_all_read(call.db, call.user(), call.now)});
            });
}

}  // namespace lectern::apps::courses
