// Who is asking: the authenticated user a service call acts for. Services
// take it to enforce ownership and role rules themselves, so the rules hold
// for every caller (HTTP handlers, commands, tests) alike.
#pragma once

#include <cstdint>
#include <string>

namespace lectern::api {

struct Actor {
  std::int64_t user_id = 0;
  std::string role;  // "student", "instructor" or "admin"

  bool is_admin() const { return role == "admin"; }
  bool is_instructor() const { return role == "instructor"; }
};

}  // namespace lectern::api
