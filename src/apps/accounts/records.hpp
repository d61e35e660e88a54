// The accounts app's rows as records (db/record.hpp): one struct per model,
// members named like the columns of accounts/models.cpp (a test keeps the
// two equal).
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/actor.hpp"
#include "core/time.hpp"

namespace lectern::apps::accounts {

struct User {
  static constexpr std::string_view kTable = "accounts_user";
  std::int64_t id = 0;
  std::string username;
  std::string email;
  std::string password_hash;
  std::string display_name;
  api::Role role = api::Role::student;
  bool is_active = true;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(User, (),
                      (id, username, email, password_hash, display_name, role, is_active,
                       created_at, updated_at))

struct AuthToken {
  static constexpr std::string_view kTable = "accounts_authtoken";
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string token_hash;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> last_used_at;
};
BOOST_DESCRIBE_STRUCT(AuthToken, (),
                      (id, user_id, token_hash, created_at, expires_at, last_used_at))

}  // namespace lectern::apps::accounts
