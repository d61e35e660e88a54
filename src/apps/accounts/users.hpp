// Users, roles and sessions: registration, login (argon2id), bearer tokens
// (random, stored hashed, expiring), logout, deletion. Each call is one
// transaction on the given connection; refusals throw lectern::Error with a
// stable code (core/error.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "apps/accounts/passwords.hpp"
#include "apps/accounts/records.hpp"
#include "db/connection.hpp"

namespace lectern::apps::accounts {

struct NewUser {
  std::string username;
  std::string email;
  std::string password;
  std::string display_name;
  // A Role's name, as typed: checked with the other fields.
  std::string role = std::string(enum_name(api::Role::student));
};

// Checks every rule of NewUser (ValidationError with fields), then inserts.
// A username or an email (compared case-insensitively) already in use is a
// ConflictError with code "duplicate".
User create_user(db::Connection& db, const NewUser& input, PasswordCost cost, Timestamp now);

struct Session {
  std::string token;  // the raw bearer token: shown once, never stored
  Timestamp expires_at;
  User user;
};

// `login` is a username or an email address. Wrong credentials and inactive
// users get the same UnauthenticatedError("invalid_credentials"), and take
// as long: an unknown user's password is checked against a decoy hash of
// `cost`, the cost real hashes are made with.
Session login(db::Connection& db, std::string_view login, std::string_view password,
              std::chrono::seconds lifetime, Timestamp now,
              PasswordCost cost = PasswordCost::interactive());

// The user a login names (a username, or an email in any case).
std::optional<User> find_login_user(db::Connection& db, std::string_view login);

struct Authenticated {
  User user;
  std::int64_t token_id = 0;
  Timestamp expires_at;
};

// The user behind a raw bearer token, or nullopt when it is unknown, expired
// or its user is inactive. Records last_used_at at most once a minute.
std::optional<Authenticated> authenticate(db::Connection& db, std::string_view raw_token,
                                          Timestamp now);

// Revokes one token; returns whether it existed.
bool logout(db::Connection& db, std::string_view raw_token);

std::optional<User> find_user(db::Connection& db, std::int64_t id);
std::optional<User> find_user_by_username(db::Connection& db, std::string_view username);

// Deletes a user and what is theirs (CASCADE). A user who teaches a course
// or authored an announcement is kept: ConflictError("user_is_referenced").
void delete_user(db::Connection& db, std::int64_t id);

// The rules on their own, for callers that validate before they act.
FieldErrors validate_new_user(const NewUser& input);

}  // namespace lectern::apps::accounts
