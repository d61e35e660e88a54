// Database errors, the same types on both backends. Each backend classifies
// its native errors (SQLSTATE on PostgreSQL, extended result codes on SQLite)
// into this tree; everything above src/db catches these types only.
#pragma once

#include <string>

#include "core/error.hpp"

namespace lectern::db {

class DatabaseError : public Error {
 public:
  DatabaseError(ErrorKind kind, const std::string& message, std::string sqlstate = {},
                std::string constraint = {})
      : Error(kind, message), sqlstate_(std::move(sqlstate)), constraint_(std::move(constraint)) {}
  explicit DatabaseError(const std::string& message)
      : DatabaseError(ErrorKind::kInternal, message) {}

  // SQLSTATE where the backend gives one ("23505"); empty otherwise.
  const std::string& sqlstate() const { return sqlstate_; }
  // The violated constraint's name where the backend reports it.
  const std::string& constraint() const { return constraint_; }
  // PostgreSQL's DETAIL and HINT lines, where it sends them: what a user
  // needs to act on a refusal ("You might need to specify USING id::uuid").
  const std::string& detail() const { return detail_; }
  const std::string& hint() const { return hint_; }
  void set_diagnostics(std::string detail, std::string hint) {
    detail_ = std::move(detail);
    hint_ = std::move(hint);
  }

 private:
  std::string sqlstate_;
  std::string constraint_;
  std::string detail_;
  std::string hint_;
};

#define LECTERN_DB_ERROR(Name, Base, Kind)                                                         \
  class Name : public Base {                                                                       \
   public:                                                                                         \
    explicit Name(const std::string& message, std::string sqlstate = {},                           \
                  std::string constraint = {})                                                     \
        : Base(Kind, message, std::move(sqlstate), std::move(constraint)) {}                       \
                                                                                                   \
   protected:                                                                                      \
    Name(ErrorKind kind, const std::string& message, std::string sqlstate, std::string constraint) \
        : Base(kind, message, std::move(sqlstate), std::move(constraint)) {}                       \
  };

// A constraint of the schema refused the change (class 23 of SQLSTATE).
LECTERN_DB_ERROR(IntegrityError, DatabaseError, ErrorKind::kConflict)
LECTERN_DB_ERROR(UniqueViolation, IntegrityError, ErrorKind::kConflict)
LECTERN_DB_ERROR(ForeignKeyViolation, IntegrityError, ErrorKind::kConflict)
LECTERN_DB_ERROR(NotNullViolation, IntegrityError, ErrorKind::kValidation)
LECTERN_DB_ERROR(CheckViolation, IntegrityError, ErrorKind::kValidation)
// Concurrent transactions collided (serialization failure, deadlock, SQLite
// busy): retrying the whole transaction may succeed.
LECTERN_DB_ERROR(SerializationFailure, DatabaseError, ErrorKind::kConflict)
// The database cannot be reached, or the connection broke mid-use.
LECTERN_DB_ERROR(ConnectionError, DatabaseError, ErrorKind::kUnavailable)
LECTERN_DB_ERROR(ConnectionLost, ConnectionError, ErrorKind::kUnavailable)
// No pooled connection became free within the acquire timeout.
LECTERN_DB_ERROR(PoolTimeout, DatabaseError, ErrorKind::kUnavailable)
// A statement the database could not run: bad SQL, missing table, bad cast.
LECTERN_DB_ERROR(StatementError, DatabaseError, ErrorKind::kInternal)
// A cell read as a type it cannot be converted to.
LECTERN_DB_ERROR(TypeMismatch, DatabaseError, ErrorKind::kInternal)

#undef LECTERN_DB_ERROR

}  // namespace lectern::db
