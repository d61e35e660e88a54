#include "apps/courses/notifications.hpp"

#include "api/validation.hpp"
#include "core/error.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

Notification notify(db::Connection& db, Id user_id, const NewNotification& what, Timestamp now) {
  Notification row{.user_id = user_id,
                   .notification_type = what.notification_type,
                   .title = api::utf8_truncate(what.title, 200),
                   .message = what.message,
                   .link = api::utf8_truncate(what.link, 500),
                   .created_at = now};
  row.id = db::insert_record(db, row);
  return row;
}

std::int64_t notify_active_students(db::Connection& db, Id course_id, const NewNotification& what,
                                    Timestamp now) {
  return db
      .query(
          "INSERT INTO courses_notification (user_id, notification_type, title, message, link, "
          "is_read, created_at) SELECT e.user_id, $2, $3, $4, $5, $6, $7 FROM courses_enrollment e "
          "WHERE e.course_id = $1 AND e.status = $8 ORDER BY e.user_id",
          course_id, what.notification_type, api::utf8_truncate(what.title, 200), what.message,
          api::utf8_truncate(what.link, 500), false, now, EnrollmentStatus::active)
      .affected_rows();
}

api::Page<Notification> list_notifications(db::Connection& db, const api::Actor& actor,
                                           bool unread_only, api::PageRequest page) {
  static const std::string where =
      " FROM courses_notification WHERE user_id = $1 AND ($2 OR NOT is_read)";
  static const std::string sql =
      "SELECT " + db::select_list<Notification>() + where + " ORDER BY created_at DESC, id DESC";
  static const std::string count_sql = "SELECT COUNT(*)" + where;
  const bool all = !unread_only;
  return api::query_record_page<Notification>(db, page, count_sql, sql, actor.user_id, all);
}

Notification mark_read(db::Connection& db, const api::Actor& actor, Id notification_id,
                       Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    auto found = db::find_record<Notification>(c, notification_id);
    if (!found || found->user_id != actor.user_id) {
      throw NotFoundError("No notification " + std::to_string(notification_id) + ".");
    }
    if (found->is_read) return *found;
    // Marking twice is marking once: of concurrent calls the first sets
    // read_at, the others keep it, and all answer the same.
    c.query(
        "UPDATE courses_notification SET is_read = $2, read_at = $3 WHERE id = $1 AND NOT "
        "is_read",
        notification_id, true, now);
    return *db::find_record<Notification>(c, notification_id);
  });
}

std::int64_t mark_all_read(db::Connection& db, const api::Actor& actor, Timestamp now) {
  return db
      .query(
          "UPDATE courses_notification SET is_read = $2, read_at = $3 WHERE user_id = $1 AND NOT "
          "is_read",
          actor.user_id, true, now)
      .affected_rows();
}

}  // namespace lectern::apps::courses
