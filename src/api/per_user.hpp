// Rows a user has at most one of (a one-to-one `user_id`: UserPreference,
// InstructorProfile): found by their user, and created on the first write in
// a way that two concurrent first writes cannot both insert. Both run inside
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "db/record.hpp"

namespace lectern::api {

template <db::Record T>
std::optional<T> find_by_user(db::Connection& db, std::int64_t user_id) {
  static const std::string sql = "SELECT " + db::select_list<T>() + " FROM \"" +
                                 std::string(T::kTable) + "\" WHERE \"user_id\" = $1";
  auto rows = db.query(sql, user_id);
  if (rows.empty()) return std::nullopt;
  return db::read_record<T>(rows[0]);
}

// The user's row, inserted with the columns' database defaults when missing.
// ON CONFLICT lets a concurrent first write win without failing this one.
template <db::Record T>
T ensure_user_row(db::Connection& db, std::int64_t user_id, Timestamp now) {
  static const std::string sql = "INSERT INTO \"" + std::string(T::kTable) +
                                 "\" (\"user_id\", \"created_at\", \"updated_at\") VALUES ($1, "
                                 "$2, $2) ON CONFLICT (\"user_id\") DO NOTHING";
  db.query(sql, user_id, now);
  return *find_by_user<T>(db, user_id);
}

}  // namespace lectern::api
