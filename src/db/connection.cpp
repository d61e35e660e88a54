#include "db/connection.hpp"

#include "core/log.hpp"

namespace lectern::db {

bool Connection::table_empty(std::string_view table) {
  return query("SELECT NOT EXISTS (SELECT 1 FROM " + dialect().quote(table) + ")")
      .front()
      .get<bool>(0);
}

ConstraintChecksOff::ConstraintChecksOff(Connection& connection) : connection_(connection) {
  connection_.disable_constraint_checking();
}

ConstraintChecksOff::~ConstraintChecksOff() {
  try {
    connection_.enable_constraint_checking();
  } catch (...) {
    // A lost connection: the pool drops it, and its settings with it.
  }
}

SessionLock::SessionLock(Connection& connection, std::int64_t key)
    : connection_(connection), key_(key) {
  connection_.lock_session(key_);
}

SessionLock::~SessionLock() {
  try {
    connection_.unlock_session(key_);
  } catch (const std::exception& e) {
    // The session is gone, and its locks with it.
    log::warn("releasing a session lock failed", {{"error", e.what()}});
  }
}

}  // namespace lectern::db
