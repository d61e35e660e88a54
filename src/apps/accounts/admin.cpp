#include "apps/accounts/admin.hpp"

#include "api/validation.hpp"
#include "core/text.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::accounts {

namespace {

void require_admin(const api::Actor& actor) {
  if (!actor.is_admin()) throw ForbiddenError("admins_only", "Only admins manage users.");
}

}  // namespace

api::Page<User> list_users(db::Connection& db, const api::Actor& actor, std::string_view search,
                           api::PageRequest page) {
  require_admin(actor);
  // Case-insensitive "contains" on three columns; an empty search is "%%".
  static const std::string where =
      " FROM accounts_user u WHERE lower(u.username) LIKE $1 ESCAPE '\\' OR "
      "lower(u.display_name) LIKE $1 ESCAPE '\\' OR lower(u.email) LIKE $1 ESCAPE '\\'";
  static const std::string count_sql = "SELECT COUNT(*)" + where;
  static const std::string rows_sql =
      "SELECT " + db::select_list<User>("u") + where + " ORDER BY u.created_at, u.id";
  return api::query_record_page<User>(db, page, count_sql, rows_sql, contains_pattern(search));
}

User change_user(db::Connection& db, const api::Actor& actor, std::int64_t user_id,
                 const UserChange& change, Timestamp now, api::TokenCache& tokens) {
  require_admin(actor);
  api::Validator v;
  const auto role = v.choice<api::Role>("role", change.role);
  if (user_id == actor.user_id) {
    if (role && *role != api::Role::admin) {
      v.fail("role", "You cannot take away your own admin role; ask another admin.");
    }
    if (change.is_active == false) v.fail("is_active", "You cannot deactivate yourself.");
  }
  v.check();
  User user = db::in_transaction(db, [&](db::Connection& c) {
    auto found = db::find_record<User>(c, user_id);
    if (!found) throw NotFoundError("No user " + std::to_string(user_id) + ".");
    if (role) found->role = *role;
    if (change.is_active) found->is_active = *change.is_active;
    found->updated_at = now;
    db::update_record(c, *found);
    // Signed out everywhere: reactivation does not bring old sessions back.
    if (!found->is_active) c.query("DELETE FROM accounts_authtoken WHERE user_id = $1", user_id);
    return *found;
  });
  // After the commit: a request verifying one of these tokens from now on
  // reads the new row.
  tokens.forget_user(user_id);
  return user;
}

std::map<api::Role, std::int64_t> count_users_by_role(db::Connection& db, const api::Actor& actor) {
  require_admin(actor);
  std::map<api::Role, std::int64_t> counts;
  for (const auto& name : enum_names<api::Role>()) counts[*enum_from_name<api::Role>(name)] = 0;
  for (const auto& row : db.query("SELECT role, COUNT(*) FROM accounts_user GROUP BY role")) {
    if (auto role = enum_from_name<api::Role>(row.get<std::string>(0))) {
      counts[*role] = row.get<std::int64_t>(1);
    }
  }
  return counts;
}

}  // namespace lectern::apps::accounts
