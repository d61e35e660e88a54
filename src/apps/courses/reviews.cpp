#include "apps/courses/reviews.hpp"

#include "api/model_input.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/activity.hpp"
#include "apps/courses/models.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

constexpr std::size_t kMaxComment = 5000;

const std::string& review_view_select() {
  static const std::string sql = "SELECT " + db::select_list<Review>("r") +
                                 ", u.id, u.username, u.display_name FROM courses_review r JOIN "
                                 "accounts_user u ON u.id = r.user_id ";
  return sql;
}

const std::string& course_reviews_sql() {
  static const std::string sql =
      review_view_select() + "WHERE r.course_id = $1 ORDER BY r.created_at DESC, r.id DESC";
  return sql;
}

ReviewView read_review_view(const db::Row& row) {
  const std::size_t n = db::record_columns<Review>().size();
  return {db::read_record<Review>(row),
          {row.get<Id>(n), row.get<std::string>(n + 1), row.get<std::string>(n + 2)}};
}

ReviewView review_view(db::Connection& db, Id review_id) {
  static const std::string sql = review_view_select() + "WHERE r.id = $1";
  return read_review_view(db.query(sql, review_id).front());
}

void validate(const ReviewInput& input, api::InputMode mode, api::Validator& v) {
  api::validate_input(declared_models().of<Review>(), input, mode, v);
  v.max_length("comment", input.comment, kMaxComment);
}

[[noreturn]] void throw_duplicate() {
  const std::string message = "You already reviewed this course.";
  throw Error(ErrorKind::kConflict, "duplicate", message, {{"course_id", message}});
}

// The review, when the actor may see its course; NotFoundError otherwise.
Review visible_review(db::Connection& db, const api::Actor& actor, Id review_id) {
  const std::string missing = "No review " + std::to_string(review_id) + ".";
  auto review = db::find_record<Review>(db, review_id);
  if (!review) throw NotFoundError(missing);
  if (!find_course_access(db, review->course_id, &actor)) throw NotFoundError(missing);
  return *review;
}

void tell_instructor(db::Connection& db, const Course& course, const ReviewView& view,
                     Timestamp now) {
  if (course.instructor_id == view.user.id) return;  // nobody needs news of their own review
  const std::string& who =
      view.user.display_name.empty() ? view.user.username : view.user.display_name;
  notify(db, course.instructor_id,
         {.notification_type = NotificationType::review_posted,
          .title = "New review of " + course.title,
          .message = who + " rated \"" + course.title + "\" " + std::to_string(view.review.rating) +
                     " out of 5.",
          .link = "/courses/" + std::to_string(course.id) + "/reviews"},
         now);
}

}  // namespace

bool has_reviewed(db::Connection& db, Id user_id, Id course_id) {
  return !db.query("SELECT 1 FROM courses_review WHERE user_id = $1 AND course_id = $2", user_id,
                   course_id)
              .empty();
}

ReviewView create_review(db::Connection& db, const api::Actor& actor, Id course_id,
                         const ReviewInput& input, Timestamp now) {
  api::Validator v;
  validate(input, api::InputMode::kCreate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    CourseAccess access = course_access(c, course_id, &actor);
    if (!access.enrollment || access.enrollment->status == EnrollmentStatus::dropped) {
      throw ForbiddenError("not_enrolled", "Only students enrolled in the course may review it.");
    }
    v.check();
    if (!c.query("SELECT 1 FROM courses_review WHERE user_id = $1 AND course_id = $2",
                 actor.user_id, course_id)
             .empty()) {
      throw_duplicate();
    }
    Review review{
        .user_id = actor.user_id, .course_id = course_id, .created_at = now, .updated_at = now};
    api::apply_input(review, input);
    try {
      review.id = db::insert_record(c, review);
    } catch (const db::UniqueViolation&) {
      throw_duplicate();  // a concurrent first review won
    }
    refresh_course_stats(c, course_id, now);
    record_activity(c, actor.user_id, ActivityType::review, course_id, std::nullopt, now);
    ReviewView view = review_view(c, review.id);
    tell_instructor(c, access.course, view, now);
    return view;
  });
}

ReviewView update_review(db::Connection& db, const api::Actor& actor, Id review_id,
                         const ReviewInput& input, Timestamp now) {
  api::Validator v;
  validate(input, api::InputMode::kUpdate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    Review review = visible_review(c, actor, review_id);
    if (review.user_id != actor.user_id) {
      throw ForbiddenError("not_review_author", "Only its author may change a review.");
    }
    v.check();
    api::apply_input(review, input);
    review.updated_at = now;
    db::update_record(c, review);
    refresh_course_stats(c, review.course_id, now);
    return review_view(c, review.id);
  });
}

void delete_review(db::Connection& db, const api::Actor& actor, Id review_id, Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    Review review = visible_review(c, actor, review_id);
    if (review.user_id != actor.user_id && !actor.is_admin()) {
      throw ForbiddenError("not_review_author", "Only its author or an admin may delete a review.");
    }
    c.query("DELETE FROM courses_review WHERE id = $1", review_id);
    refresh_course_stats(c, review.course_id, now);
  });
}

api::Page<ReviewView> list_course_reviews(db::Connection& db, Id course_id,
                                          const api::Actor* viewer, api::PageRequest page) {
  course_access(db, course_id, viewer);
  return api::query_page<ReviewView>(db, page,
                                     "SELECT COUNT(*) FROM courses_review WHERE course_id = $1",
                                     course_reviews_sql(), read_review_view, course_id);
}

api::Page<ReviewView> list_course_reviews(db::Connection& db, const CourseAccess& access,
                                          std::int64_t review_count, api::PageRequest page) {
  return api::query_page_of<ReviewView>(db, page, review_count, course_reviews_sql(),
                                        read_review_view, access.course.id);
}

}  // namespace lectern::apps::courses
