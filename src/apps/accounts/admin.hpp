// What admins do to users: the list they search, a role change and
// (de)activation. Admins only (ForbiddenError "admins_only" for anyone
// else). A deactivated user can no longer log in, and their tokens and
// sessions are revoked in the same transaction; the API's verified-token
// cache forgets the user's tokens once the change is committed, so the
// change holds at once in this process.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api/api.hpp"
#include "apps/accounts/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::accounts {

// The admin pages' and the API's page of users.
inline constexpr std::int64_t kUsersPerPage = 50;

// Users whose username, display name or email contains `search` (any case;
// every user when empty), in the order they joined.
api::Page<User> list_users(db::Connection& db, const api::Actor& actor, std::string_view search,
                           api::PageRequest page);

// Absent members are kept.
struct UserChange {
  std::optional<std::string> role;  // a Role's name, as typed
  std::optional<bool> is_active;
};
BOOST_DESCRIBE_STRUCT(UserChange, (), (role, is_active))

// NotFoundError for an unknown user; ValidationError for a role that is not
// one, and for an admin demoting or deactivating themselves (which would
// lock them out: "role" / "is_active" field errors).
User change_user(db::Connection& db, const api::Actor& actor, std::int64_t user_id,
                 const UserChange& change, Timestamp now, api::TokenCache& tokens);

// How many users have each role (every role present, zero included).
std::map<api::Role, std::int64_t> count_users_by_role(db::Connection& db, const api::Actor& actor);

}  // namespace lectern::apps::accounts
