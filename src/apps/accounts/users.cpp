#include "apps/accounts/users.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "core/error.hpp"
#include "core/log.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::accounts {

namespace {

constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 1024;  // argon2 takes any length; keep requests sane
constexpr auto kTouchInterval = std::chrono::minutes(1);

bool valid_username_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '@' || c == '+' ||
         c == '-' || c == '_';
}

bool plausible_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == ',';
  });
}

std::string user_columns() {
  return db::select_list<User>("u");
}

}  // namespace

FieldErrors validate_new_user(const NewUser& input) {
  FieldErrors errors;
  if (input.username.size() < 3 || input.username.size() > 150) {
    errors["username"] = "Use 3 to 150 characters.";
  } else if (!std::all_of(input.username.begin(), input.username.end(), valid_username_char)) {
    errors["username"] = "Use letters, digits and . @ + - _ only.";
  }
  if (input.email.size() > 254 || !plausible_email(input.email)) {
    errors["email"] = "Enter a valid email address.";
  }
  if (input.password.size() < kMinPassword) {
    errors["password"] = "Use at least 10 characters.";
  } else if (input.password.size() > kMaxPassword) {
    errors["password"] = "Use at most 1024 characters.";
  }
  if (input.display_name.size() > 150) errors["display_name"] = "Use at most 150 characters.";
  if (!enum_from_name<api::Role>(input.role)) {
    errors["role"] = "Choose student, instructor or admin.";
  }
  return errors;
}

User create_user(db::Connection& db, const NewUser& input, PasswordCost cost, Timestamp now) {
  if (auto errors = validate_new_user(input); !errors.empty()) throw ValidationError(errors);
  // Hash outside the transaction: argon2id is slow on purpose.
  User user{.username = input.username,
            .email = input.email,
            .password_hash = hash_password(input.password, cost),
            .display_name = input.display_name,
            .role = *enum_from_name<api::Role>(input.role),
            .created_at = now,
            .updated_at = now};
  return db::in_transaction(db, [&](db::Connection& c) {
    // Email uniqueness is case-insensitive; registrations take turns so two
    // spellings of one address cannot both pass the check.
    db::serialize_transactions(c, db::LockKey::kUserRegistration);
    FieldErrors taken;
    if (!c.query("SELECT 1 FROM accounts_user WHERE username = $1", user.username).empty())
      taken["username"] = "A user with that username already exists.";
    if (!c.query("SELECT 1 FROM accounts_user WHERE lower(email) = lower($1)", user.email).empty())
      taken["email"] = "A user with that email already exists.";
    if (!taken.empty()) {
      throw ConflictError("duplicate", "That user already exists.", taken);
    }
    user.id = db::insert_record(c, user);
    return user;
  });
}

std::optional<User> find_login_user(db::Connection& db, std::string_view login) {
  static const std::string sql = "SELECT " + user_columns() +
                                 " FROM accounts_user u WHERE u.username = $1 OR "
                                 "lower(u.email) = lower($1) ORDER BY u.id LIMIT 1";
  auto rows = db.query(sql, login);
  if (rows.empty()) return std::nullopt;
  return db::read_record<User>(rows[0]);
}

namespace {
// One decoy hash per cost, made on first use.
const std::string& decoy_hash(PasswordCost cost) {
  static std::mutex mutex;
  static std::map<std::pair<unsigned long long, std::size_t>, std::string> hashes;
  std::lock_guard lock(mutex);
  auto& hash = hashes[{cost.opslimit, cost.memlimit}];
  if (hash.empty()) hash = hash_password("decoy-password-never-used", cost);
  return hash;
}
}  // namespace

Session login(db::Connection& db, std::string_view login, std::string_view password,
              std::chrono::seconds lifetime, Timestamp now, PasswordCost cost) {
  std::optional<User> user = find_login_user(db, login);
  const bool ok = verify_password(user ? user->password_hash : decoy_hash(cost), password);
  if (!user || !ok || !user->is_active) {
    throw UnauthenticatedError("invalid_credentials", "The username or password is wrong.");
  }
  Session session{.token = new_token(), .expires_at = now + lifetime, .user = *user};
  AuthToken token{.user_id = user->id,
                  .token_hash = token_digest(session.token),
                  .created_at = now,
                  .expires_at = session.expires_at};
  db::insert_record(db, token);
  return session;
}

std::optional<Authenticated> authenticate(db::Connection& db, std::string_view raw_token,
                                          Timestamp now) {
  static const std::string sql = "SELECT " + user_columns() +
                                 ", t.id, t.expires_at, t.last_used_at FROM accounts_authtoken t "
                                 "JOIN accounts_user u ON u.id = t.user_id WHERE t.token_hash = $1";
  auto rows = db.query(sql, token_digest(raw_token));
  if (rows.empty()) return std::nullopt;
  const db::Row row = rows[0];
  const std::size_t n = db::record_columns<User>().size();
  Authenticated out{.user = db::read_record<User>(row),
                    .token_id = row.get<std::int64_t>(n),
                    .expires_at = row.get<Timestamp>(n + 1)};
  if (out.expires_at <= now || !out.user.is_active) return std::nullopt;
  const auto last_used = row.get<std::optional<Timestamp>>(n + 2);
  if (!last_used || now - *last_used >= kTouchInterval) {
    // Bookkeeping, not authentication: a valid token must not stop working,
    // for reading above all, because this write cannot be made (a full disk,
    // a write lock held too long). Outside a transaction a failed statement
    // leaves nothing to undo.
    try {
      db.query("UPDATE accounts_authtoken SET last_used_at = $1 WHERE id = $2", now, out.token_id);
    } catch (const db::DatabaseError& e) {
      if (db.transaction_depth() > 0) throw;
      log::warn("token last_used_at not recorded", {{"error", e.what()}});
    }
  }
  return out;
}

bool logout(db::Connection& db, std::string_view raw_token) {
  return db.query("DELETE FROM accounts_authtoken WHERE token_hash = $1", token_digest(raw_token))
             .affected_rows() > 0;
}

std::optional<User> find_user(db::Connection& db, std::int64_t id) {
  return db::find_record<User>(db, id);
}

std::optional<User> find_user_by_username(db::Connection& db, std::string_view username) {
  static const std::string sql =
      "SELECT " + user_columns() + " FROM accounts_user u WHERE u.username = $1";
  auto rows = db.query(sql, username);
  if (rows.empty()) return std::nullopt;
  return db::read_record<User>(rows[0]);
}

void delete_user(db::Connection& db, std::int64_t id) {
  db::in_transaction(db, [&](db::Connection& c) {
    try {
      if (c.query("DELETE FROM accounts_user WHERE id = $1", id).affected_rows() == 0) {
        throw NotFoundError("No user " + std::to_string(id) + ".");
      }
    } catch (const db::IntegrityError&) {
      // PROTECT: courses they teach, announcements they wrote.
      throw ConflictError("user_is_referenced",
                          "The user teaches a course or wrote an announcement; reassign or "
                          "delete those first.");
    }
  });
}

}  // namespace lectern::apps::accounts
