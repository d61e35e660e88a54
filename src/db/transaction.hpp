// RAII transactions. The outermost Transaction on a connection issues BEGIN
// (SQLite: BEGIN IMMEDIATE, so writers queue on the lock instead of failing
// to upgrade); nested ones are savepoints. Destroying one that was not
// committed rolls it back, so an exception unwinds the database too.
#pragma once

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
