#include "apps/instructor_portal/announcements.hpp"

#include "api/validation.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/notifications.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::instructor_portal {

namespace {
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxBody = 20000;  // the column is text; keep one request sane
}  // namespace

Posted post_announcement(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                         const AnnouncementInput& input, Timestamp now) {
  api::Validator v;
  v.text("title", input.title, kMaxTitle, true);
  v.text("body", input.body, kMaxBody, true);
  return db::in_transaction(db, [&](db::Connection& c) {
    const courses::Course course = courses::require_course_editor(c, course_id, actor).course;
    v.check();
    Posted posted{.announcement = {.course_id = course_id,
                                   .author_id = actor.user_id,
                                   .title = *input.title,
                                   .body = *input.body,
                                   .published_at = now,
                                   .created_at = now,
                                   .updated_at = now}};
    posted.announcement.id = db::insert_record(c, posted.announcement);
    posted.notified = courses::notify_active_students(
        c, course_id,
        {.notification_type = courses::NotificationType::announcement,
         .title = *input.title,
         .message = course.title + ": " + *input.body,
         .link = "/courses/" + std::to_string(course_id) + "/announcements/" +
                 std::to_string(posted.announcement.id)},
        now);
    return posted;
  });
}

api::Page<Announcement> list_announcements(db::Connection& db, std::int64_t course_id,
                                           const api::Actor* viewer, api::PageRequest page) {
  static const std::string where =
      " FROM instructor_portal_announcement WHERE course_id = $1 AND published_at IS NOT NULL";
  static const std::string page_sql =
      "SELECT " + db::select_list<Announcement>() + where + " ORDER BY published_at DESC, id DESC";
  static const std::string count_sql = "SELECT COUNT(*)" + where;
  courses::course_access(db, course_id, viewer);
  return api::query_record_page<Announcement>(db, page, count_sql, page_sql, course_id);
}

}  // namespace lectern::apps::instructor_portal
