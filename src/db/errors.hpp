// Database errors, the same types on both backends. Each backend classifies
// its native errors (SQLSTATE on PostgreSQL, extended result codes on SQLite)
// into this tree; everything above src/db catches these types only.
//
// Two branches say "not now" rather than "not this" (ErrorKind::kUnavailable:
// HTTP 503, exit code 3): DatabaseUnavailable (the server cannot be reached,
// does not answer in time, or has no room for another session) and
// StorageError (the database's storage refuses: full, read-only, failing).
// Their codes ("database_unavailable", "storage_full", "storage_unavailable")
// are what API clients see; the driver's words stay in the log.
#pragma once

#include <string>

#include "core/error.hpp"

namespace lectern::db {

class DatabaseError : public Error {
 public:
  DatabaseError(ErrorKind kind, std::string code, const std::string& message,
                std::string sqlstate = {}, std::string constraint = {})
      : Error(kind, std::move(code), message),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}
  explicit DatabaseError(const std::string& message)
      : DatabaseError(ErrorKind::kInternal, {}, message) {}

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

// Name derives from Base with this kind and client-facing code (empty: the
// kind's default code, which keeps the driver's words out of API answers).
#define LECTERN_DB_ERROR(Name, Base, Kind, Code)                                              \
  class Name : public Base {                                                                  \
   public:                                                                                    \
    explicit Name(const std::string& message, std::string sqlstate = {},                      \
                  std::string constraint = {})                                                \
        : Base(Kind, Code, message, std::move(sqlstate), std::move(constraint)) {}            \
                                                                                              \
   protected:                                                                                 \
    Name(ErrorKind kind, std::string code, const std::string& message, std::string sqlstate,  \
         std::string constraint)                                                              \
        : Base(kind, std::move(code), message, std::move(sqlstate), std::move(constraint)) {} \
  };

// A constraint of the schema refused the change (class 23 of SQLSTATE).
LECTERN_DB_ERROR(IntegrityError, DatabaseError, ErrorKind::kConflict, {})
LECTERN_DB_ERROR(UniqueViolation, IntegrityError, ErrorKind::kConflict, {})
LECTERN_DB_ERROR(ForeignKeyViolation, IntegrityError, ErrorKind::kConflict, {})
LECTERN_DB_ERROR(NotNullViolation, IntegrityError, ErrorKind::kValidation, {})
LECTERN_DB_ERROR(CheckViolation, IntegrityError, ErrorKind::kValidation, {})
// Concurrent transactions collided (serialization failure, deadlock, an
// SQLite snapshot that went stale): retrying the whole transaction may succeed.
LECTERN_DB_ERROR(SerializationFailure, DatabaseError, ErrorKind::kConflict, {})
// The database cannot serve now: retrying later may succeed. Also
// PostgreSQL's 53200 out_of_memory and 53300 too_many_connections.
LECTERN_DB_ERROR(DatabaseUnavailable, DatabaseError, ErrorKind::kUnavailable,
                 "database_unavailable")
// The database cannot be reached, or the connection broke mid-use (08xxx,
// 57P01-57P03 cannot_connect_now).
LECTERN_DB_ERROR(ConnectionError, DatabaseUnavailable, ErrorKind::kUnavailable,
                 "database_unavailable")
LECTERN_DB_ERROR(ConnectionLost, ConnectionError, ErrorKind::kUnavailable, "database_unavailable")
// No pooled connection became free within the acquire timeout.
LECTERN_DB_ERROR(PoolTimeout, DatabaseUnavailable, ErrorKind::kUnavailable, "database_unavailable")
// No answer within the bound: the server did not answer a statement (or a
// connection attempt) in time, PostgreSQL cancelled a statement at its
// statement_timeout (57014), or SQLite's write lock stayed taken past the
// busy timeout.
LECTERN_DB_ERROR(DatabaseTimeout, DatabaseUnavailable, ErrorKind::kUnavailable,
                 "database_unavailable")
// The storage refuses: an I/O error, a file that cannot be opened, a
// read-only file or file system, a corrupt file (SQLITE_IOERR, _CANTOPEN,
// _READONLY, _CORRUPT; PostgreSQL class 58).
LECTERN_DB_ERROR(StorageError, DatabaseError, ErrorKind::kUnavailable, "storage_unavailable")
// No space left (SQLITE_FULL, ENOSPC; PostgreSQL 53100 disk_full).
LECTERN_DB_ERROR(StorageFull, StorageError, ErrorKind::kUnavailable, "storage_full")
// A statement the database could not run: bad SQL, missing table, bad cast.
LECTERN_DB_ERROR(StatementError, DatabaseError, ErrorKind::kInternal, {})
// A cell read as a type it cannot be converted to.
LECTERN_DB_ERROR(TypeMismatch, DatabaseError, ErrorKind::kInternal, {})

#undef LECTERN_DB_ERROR

}  // namespace lectern::db
