#include "apps/courses/bookmarks.hpp"
#include "apps/courses/handlers.hpp"
#include "apps/courses/notes.hpp"
#include "apps/courses/preferences.hpp"
#include "apps/courses/reviews.hpp"

namespace lectern::apps::courses {

namespace {

struct ReviewOut {
  Id id = 0;
  UserBrief user;
  Id course_id = 0;
  std::int64_t rating = 0;
  std::string comment;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(ReviewOut, (), (id, user, course_id, rating, comment, created_at, updated_at))

ReviewOut review_out(const ReviewView& v) {
  const Review& r = v.review;
  return {r.id, v.user, r.course_id, r.rating, r.comment, r.created_at, r.updated_at};
}

// Notes and bookmarks are always the caller's own: no user_id.
struct NoteOut {
  Id id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string content;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(NoteOut, (), (id, course_id, lesson_id, content, created_at, updated_at))

NoteOut note_out(const Note& n) {
  return {n.id, n.course_id, n.lesson_id, n.content, n.created_at, n.updated_at};
}

struct BookmarkOut {
  Id id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string label;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(BookmarkOut, (), (id, course_id, lesson_id, label, created_at, updated_at))

BookmarkOut bookmark_out(const Bookmark& b) {
  return {b.id, b.course_id, b.lesson_id, b.label, b.created_at, b.updated_at};
}

// NoteInput and BookmarkInput as the wire has them: lesson_id may be null.
struct NoteRequest {
  Id course_id = 0;
  std::optional<OptionalId> lesson_id;
  std::optional<std::string> content;
};
BOOST_DESCRIBE_STRUCT(NoteRequest, (), (course_id, lesson_id, content))

struct BookmarkRequest {
  Id course_id = 0;
  std::optional<OptionalId> lesson_id;
  std::optional<std::string> label;
};
BOOST_DESCRIBE_STRUCT(BookmarkRequest, (), (course_id, lesson_id, label))

// Only the label of a bookmark changes.
struct BookmarkUpdate {
  std::string label;
};
BOOST_DESCRIBE_STRUCT(BookmarkUpdate, (), (label))

// The object GET answers and PUT replaces (absent members: the defaults).
struct PreferencesRequest {
  std::optional<std::string> language;
  std::optional<std::string> timezone;
  std::optional<bool> email_notifications;
  std::optional<std::string> theme;
  std::optional<db::Json> extra;
};
BOOST_DESCRIBE_STRUCT(PreferencesRequest, (),
                      (language, timezone, email_notifications, theme, extra))

struct PreferencesOut {
  std::string language;
  std::string timezone;
  bool email_notifications = true;
  Theme theme{};
  db::Json extra;
};
BOOST_DESCRIBE_STRUCT(PreferencesOut, (), (language, timezone, email_notifications, theme, extra))

PreferencesOut preferences_out(const UserPreference& p) {
  return {p.language, p.timezone, p.email_notifications, p.theme, p.extra};
}

void register_reviews(api::Api& api) {
  api.route("GET", "/api/courses/{id}/reviews", api::Auth::kPublic,
            {.summary = "A course's reviews, newest first",
             .tag = "reviews",
             .response = api::schema<ReviewOut>("Review"),
             .error_statuses = {404},
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_course_reviews(call.db, call.id("id"), call.actor(), call.page()),
                  [](JsonWriter& w, const ReviewView& v) { write_json(w, review_out(v)); });
            });
  api.route("POST", "/api/courses/{id}/reviews", api::Auth::kRequired,
            {.summary = "Review a course I am enrolled in (one review per course)",
             .tag = "reviews",
             .request = api::schema<ReviewInput>("ReviewRequest"),
             .response = api::schema<ReviewOut>("Review"),
             .success_status = 201,
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(201, review_out(create_review(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<ReviewInput>(call.body()), call.now)));
            });
  api.route("PATCH", "/api/reviews/{id}", api::Auth::kRequired,
            {.summary = "Change my review",
             .tag = "reviews",
             .request = api::schema<ReviewInput>("ReviewRequest"),
             .response = api::schema<ReviewOut>("Review"),
             .error_statuses = {403, 404, 422}},
            [](api::Call& call) {
              return api::json(200, review_out(update_review(
                                        call.db, call.user(), call.id("id"),
                                        api::read_request<ReviewInput>(call.body()), call.now)));
            });
  api.route("DELETE", "/api/reviews/{id}", api::Auth::kRequired,
            {.summary = "Delete my review (admins: any review)",
             .tag = "reviews",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_review(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
}

void register_notes(api::Api& api) {
  api.route("POST", "/api/notes", api::Auth::kRequired,
            {.summary = "Write a note on a course or one of its lessons",
             .tag = "notes",
             .request = api::schema<NoteRequest>("NoteRequest"),
             .response = api::schema<NoteOut>("Note"),
             .success_status = 201,
             .error_statuses = {422}},
            [](api::Call& call) {
              auto r = api::read_request<NoteRequest>(call.body());
              NoteInput input{r.course_id, r.lesson_id.value_or(std::nullopt), r.content};
              return api::json(201, note_out(create_note(call.db, call.user(), input, call.now)));
            });
  api.route("GET", "/api/notes", api::Auth::kRequired,
            {.summary = "My notes, newest first (?course_id= for one course)",
             .tag = "notes",
             .response = api::schema<NoteOut>("Note"),
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_notes(call.db, call.user(), call.query_id("course_id"), call.page()),
                  [](JsonWriter& w, const Note& n) { write_json(w, note_out(n)); });
            });
  api.route("GET", "/api/notes/{id}", api::Auth::kRequired,
            {.summary = "One of my notes",
             .tag = "notes",
             .response = api::schema<NoteOut>("Note"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(200, note_out(get_note(call.db, call.user(), call.id("id"))));
            });
  api.route("PATCH", "/api/notes/{id}", api::Auth::kRequired,
            {.summary = "Change one of my notes (lesson_id null detaches it from its lesson)",
             .tag = "notes",
             .request = api::schema<NoteUpdate>("NoteUpdateRequest"),
             .response = api::schema<NoteOut>("Note"),
             .error_statuses = {404, 422}},
            [](api::Call& call) {
              return api::json(
                  200, note_out(update_note(call.db, call.user(), call.id("id"),
                                            api::read_request<NoteUpdate>(call.body()), call.now)));
            });
  api.route("DELETE", "/api/notes/{id}", api::Auth::kRequired,
            {.summary = "Delete one of my notes",
             .tag = "notes",
             .success_status = 204,
             .error_statuses = {404}},
            [](api::Call& call) {
              delete_note(call.db, call.user(), call.id("id"));
              return api::no_content();
            });
}

void register_bookmarks(api::Api& api) {
  api.route("POST", "/api/bookmarks", api::Auth::kRequired,
            {.summary = "Bookmark a course or one of its lessons",
             .tag = "bookmarks",
             .request = api::schema<BookmarkRequest>("BookmarkRequest"),
             .response = api::schema<BookmarkOut>("Bookmark"),
             .success_status = 201,
             .error_statuses = {409, 422}},
            [](api::Call& call) {
              auto r = api::read_request<BookmarkRequest>(call.body());
              BookmarkInput input{r.course_id, r.lesson_id.value_or(std::nullopt), r.label};
              return api::json(
                  201, bookmark_out(create_bookmark(call.db, call.user(), input, call.now)));
            });
  api.route("GET", "/api/bookmarks", api::Auth::kRequired,
            {.summary = "My bookmarks, newest first (?course_id= for one course)",
             .tag = "bookmarks",
             .response = api::schema<BookmarkOut>("Bookmark"),
             .paginated = true},
            [](api::Call& call) {
              return api::page_response(
                  list_bookmarks(call.db, call.user(), call.query_id("course_id"), call.page()),
                  [](JsonWriter& w, const Bookmark& b) { write_json(w, bookmark_out(b)); });
            });
  api.route("GET", "/api/bookmarks/{id}", api::Auth::kRequired,
            {.summary = "One of my bookmarks",
             .tag = "bookmarks",
             .response = api::schema<BookmarkOut>("Bookmark"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(200,
                               bookmark_out(get_bookmark(call.db, call.user(), call.id("id"))));
            });
  api.route("PATCH", "/api/bookmarks/{id}", api::Auth::kRequired,
            {.summary = "Change the label of one of my bookmarks",
             .tag = "bookmarks",
             .request = api::schema<BookmarkUpdate>("BookmarkUpdateRequest"),
             .response = api::schema<BookmarkOut>("Bookmark"),
             .error_statuses = {404, 422}},
            [](api::Call& call) {
              auto request = api::read_request<BookmarkUpdate>(call.body());
              return api::json(
                  200, bookmark_out(update_bookmark_label(call.db, call.user(), call.id("id"),
                                                          request.label, call.now)));
            });
  api.route("DELETE", "/api/bookmarks/{id}", api::Auth::kRequired,
            {.summary = "Delete one of my bookmarks",
             .tag = "bookmarks",
             .success_status = 204,
             .error_statuses = {404}},
            [](api::Call& call) {
              delete_bookmark(call.db, call.user(), call.id("id"));
              return api::no_content();
            });
}

void register_preferences(api::Api& api) {
  api.route("GET", "/api/me/preferences", api::Auth::kRequired,
            {.summary = "My preferences (the defaults until I set them)",
             .tag = "preferences",
             .response = api::schema<PreferencesOut>("Preferences")},
            [](api::Call& call) {
              return api::json(200, preferences_out(get_preferences(call.db, call.user())));
            });
  api.route("PUT", "/api/me/preferences", api::Auth::kRequired,
            {.summary = "Replace my preferences (absent members take the defaults)",
             .tag = "preferences",
             .request = api::schema<PreferencesRequest>("PreferencesRequest"),
             .response = api::schema<PreferencesOut>("Preferences"),
             .error_statuses = {422}},
            [](api::Call& call) {
              auto request = api::read_request<PreferencesRequest>(call.body());
              PreferencesInput input{.language = request.language,
                                     .timezone = request.timezone,
                                     .email_notifications = request.email_notifications,
                                     .theme = request.theme};
              if (request.extra) input.extra_json = request.extra->text;
              return api::json(
                  200, preferences_out(put_preferences(call.db, call.user(), input, call.now)));
            });
}

}  // namespace

void register_engagement_routes(api::Api& api) {
  register_reviews(api);
  register_notes(api);
  register_bookmarks(api);
  register_preferences(api);
}

}  // namespace lectern::apps::courses
