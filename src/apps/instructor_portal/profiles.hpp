// Instructor profiles: an instructor's (or admin's) own bio, expertise and
// website, read and replaced by their owner; is_verified is set by the
// platform, never by the instructor. Students get
// ForbiddenError("instructors_only"). Each call is one transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/actor.hpp"
#include "apps/instructor_portal/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::instructor_portal {

// The whole object of PUT: an absent member takes the model default ("").
struct ProfileInput {
  std::optional<std::string> bio;
  std::optional<std::string> expertise;
  std::optional<std::string> website;
};
BOOST_DESCRIBE_STRUCT(ProfileInput, (), (bio, expertise, website))

// The stored profile, or an empty one (id 0) when the actor has none yet.
InstructorProfile get_profile(db::Connection& db, const api::Actor& actor);
// Creates or replaces the actor's profile, keeping is_verified.
InstructorProfile put_profile(db::Connection& db, const api::Actor& actor,
                              const ProfileInput& input, Timestamp now);

// An absolute http(s) URL with a host name, IPv4 address or localhost, an
// optional port, and no spaces or control characters.
bool is_web_url(std::string_view url);

}  // namespace lectern::apps::instructor_portal
