// Notifications: created by the services when an attempt is graded (to the
// student), a review is posted (to the course's instructor), an announcement
// is published (to every actively enrolled student) and a course is
// completed (to the student); read and marked read by their owner only.
#pragma once

#include <string>
#include <vector>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/courses/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::courses {

struct NewNotification {
  NotificationType notification_type = NotificationType::announcement;
  std::string title;
  std::string message;
  std::string link;
};

// Inside the caller's transaction.
Notification notify(db::Connection& db, Id user_id, const NewNotification& what, Timestamp now);
// One notification per active enrolment of the course; returns how many.
std::int64_t notify_active_students(db::Connection& db, Id course_id, const NewNotification& what,
                                    Timestamp now);

api::Page<Notification> list_notifications(db::Connection& db, const api::Actor& actor,
                                           bool unread_only, api::PageRequest page);
// Marks one of the actor's notifications read (NotFoundError for anyone
// else's); reading one already read keeps its first read_at.
Notification mark_read(db::Connection& db, const api::Actor& actor, Id notification_id,
                       Timestamp now);
// Returns how many were unread.
std::int64_t mark_all_read(db::Connection& db, const api::Actor& actor, Timestamp now);

}  // namespace lectern::apps::courses
