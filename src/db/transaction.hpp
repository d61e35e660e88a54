// RAII transactions. The outermost Transaction on a connection issues BEGIN
// (SQLite: BEGIN IMMEDIATE, so writers queue on the lock instead of failing
// to upgrade); nested ones are savepoints. Destroying one that was not
// committed rolls it back, so an exception unwinds the database too.
#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace lectern::db {

class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  void rollback();
  bool is_savepoint() const { return !savepoint_.empty(); }
  Connection& connection() { return connection_; }

 private:
  void finish();

  Connection& connection_;
  std::string savepoint_;
  bool done_ = false;
};

// Keys of serialize_transactions(): one per kind of check-then-write that a
// unique constraint alone cannot guard.
enum class LockKey : std::int64_t {
  kUserRegistration = 0x4c45430001,  // case-insensitive email uniqueness
  kBookmarks = 0x4c45430002,         // one course-level bookmark per user and course
};

// Makes the open transactions that call this with the same key run one after
// the other, until each commits or rolls back: a transaction-scoped advisory
// lock on PostgreSQL; nothing on SQLite, where BEGIN IMMEDIATE already lets
// one writer in at a time. Call it inside a Transaction.
void serialize_transactions(Connection& connection, LockKey key);

// Runs fn(connection) in a transaction and commits if it returns normally.
template <typename Fn>
auto in_transaction(Connection& connection, Fn&& fn) {
  Transaction tx(connection);
  if constexpr (std::is_void_v<decltype(fn(connection))>) {
    fn(connection);
    tx.commit();
  } else {
    auto result = fn(connection);
    tx.commit();
    return result;
  }
}

}  // namespace lectern::db
