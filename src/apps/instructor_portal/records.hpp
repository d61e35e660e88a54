// The instructor portal's rows as records (db/record.hpp).
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace lectern::apps::instructor_portal {

struct InstructorProfile {
  static constexpr std::string_view kTable = "instructor_portal_instructorprofile";
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string bio;
  std::string expertise;
  std::string website;
  bool is_verified = false;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(InstructorProfile, (),
                      (id, user_id, bio, expertise, website, is_verified, created_at, updated_at))

struct Announcement {
  static constexpr std::string_view kTable = "instructor_portal_announcement";
  std::int64_t id = 0;
  std::int64_t course_id = 0;
  std::int64_t author_id = 0;
  std::string title;
  std::string body;
  std::optional<Timestamp> published_at;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Announcement, (),
                      (id, course_id, author_id, title, body, published_at, created_at, updated_at))

}  // namespace lectern::apps::instructor_portal
