// A student's own pages: /dashboard ("My learning").
#include "apps/courses/learning.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using namespace apps::courses;

http::Response dashboard(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();

  const UserStats stats = user_stats(call.db, actor.user_id);
  View view{View::type::object};
  view.set("enrolled", format_count(stats.courses_enrolled, reader));
  view.set("completed", format_count(stats.courses_completed, reader));
  view.set("lessons", format_count(stats.lessons_completed, reader));
  const std::int64_t streak = current_streak(stats, call.now);
  view.set("streak", std::to_string(streak) + (streak == 1 ? " day" : " days"));

  View enrolments{View::type::list};
  const auto mine = my_enrollments(call.db, actor, {1, api::PageRequest::kMaxPageSize});
  for (const auto& e : mine.results) {
    auto course = find_course_view(call.db, e.enrollment.course_id, &actor);
    if (!course) continue;
    View item{View::type::object};
    item.set("title", e.course_title);
    item.set("slug", course->course.slug);
    item.set("status", level_text(e.enrollment.status));
    item.set("percent", std::to_string(e.progress_percent));
    const auto next = lesson_to_continue(call.db, actor, e.enrollment.course_id);
    item.set("continue_href", next ? "/lessons/" + std::to_string(*next)
                                   : "/courses/" + url_encode(course->course.slug));
    enrolments.push_back(item);
  }
  view.set("enrolments", enrolments);

  View notifications{View::type::list};
  for (const auto& n : list_notifications(call.db, actor, /*unread_only=*/false, {1, 5}).results) {
    View item{View::type::object};
    item.set("title", n.title);
    item.set("message", n.message);
    item.set("unread", !n.is_read);
    item.set("iso", format_rfc3339(n.created_at));
    item.set("date", format_datetime(n.created_at, reader));
    notifications.push_back(item);
  }
  view.set("notifications", notifications);
  return call.render(200, "dashboard", view, "My learning");
}

}  // namespace

void register_learning_pages(Site& site) {
  site.page("GET", "/dashboard", dashboard);
}

}  // namespace lectern::web::pages
