// Announcements: news a course's instructor (or an admin) posts to its
// students. Posting publishes at once and, in the same transaction, gives
// every actively enrolled student an "announcement" notification. Anyone who
// sees the course reads them. Each call is one transaction.
#pragma once

#include <optional>
#include <string>

#include "api/actor.hpp"
#include "api/page.hpp"
#include "apps/instructor_portal/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::instructor_portal {

struct AnnouncementInput {
  std::optional<std::string> title;  // required, at most 200 characters
  std::optional<std::string> body;   // required
};
BOOST_DESCRIBE_STRUCT(AnnouncementInput, (), (title, body))

struct Posted {
  Announcement announcement;
  std::int64_t notified = 0;  // students who got a notification
};

// NotFoundError / ForbiddenError("not_course_instructor") per the catalogue's
// access rule (courses/catalogue.hpp).
Posted post_announcement(db::Connection& db, const api::Actor& actor, std::int64_t course_id,
                         const AnnouncementInput& input, Timestamp now);
// The course's published announcements, newest first; `viewer` may be null.
api::Page<Announcement> list_announcements(db::Connection& db, std::int64_t course_id,
                                           const api::Actor* viewer, api::PageRequest page);

}  // namespace lectern::apps::instructor_portal
