// Who is asking: the authenticated user a service call acts for. Services
// take it to enforce ownership and role rules themselves, so the rules hold
// for every caller (HTTP handlers, commands, tests) alike.
#pragma once

#include <boost/describe/enum.hpp>
#include <cstdint>

namespace lectern::api {

// A user's role, as stored (accounts_user.role) and served: a described
// enum (core/described_enum.hpp) whose enumerators are the text.
enum class Role { student, instructor, admin };
BOOST_DESCRIBE_ENUM(Role, student, instructor, admin)

struct Actor {
  std::int64_t user_id = 0;
  Role role = Role::student;

  bool is_admin() const { return role == Role::admin; }
  bool is_instructor() const { return role == Role::instructor; }
};

}  // namespace lectern::api
