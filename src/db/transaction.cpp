#include "db/transaction.hpp"

#include "core/log.hpp"

namespace lectern::db {

Transaction::Transaction(Connection& connection) : connection_(connection) {
  if (connection_.transaction_depth_ == 0) {
    connection_.execute(connection_.begin_statement(), {});
  } else {
    savepoint_ = "lectern_sp_" + std::to_string(++connection_.savepoint_counter_);
    connection_.execute("SAVEPOINT " + savepoint_, {});
  }
  ++connection_.transaction_depth_;
}

Transaction::~Transaction() {
  if (done_) return;
  // A connection closed after a timeout has no transaction left to end.
  if (connection_.timed_out()) {
    finish();
    return;
  }
  try {
    rollback();
  } catch (const std::exception& e) {
    // The connection is likely gone; its health flag tells the pool to drop it.
    log::warn("rollback failed", {{"error", e.what()}});
  }
}

void Transaction::finish() {
  done_ = true;
  --connection_.transaction_depth_;
  if (connection_.transaction_depth_ == 0) connection_.savepoint_counter_ = 0;
}

void Transaction::commit() {
  if (done_) throw StatementError("transaction already finished");
  // Mark finished first: if COMMIT itself fails, the server has ended the
  // transaction and the destructor must not issue a second ROLLBACK.
  finish();
  if (!savepoint_.empty()) {
    connection_.execute("RELEASE SAVEPOINT " + savepoint_, {});
    return;
  }
  try {
    connection_.execute("COMMIT", {});
  } catch (...) {
    // PostgreSQL ends the transaction on a failed COMMIT; SQLite (a deferred
    // foreign key, a busy database) leaves it open: roll it back so the
    // connection is usable and the failure leaves nothing behind.
    if (!connection_.is_healthy()) {
      try {
        connection_.execute("ROLLBACK", {});
      } catch (...) {
      }
    }
    throw;
  }
}

void Transaction::rollback() {
  if (done_) return;
  finish();
  if (savepoint_.empty()) {
    connection_.execute("ROLLBACK", {});
  } else {
    connection_.execute("ROLLBACK TO SAVEPOINT " + savepoint_, {});
    connection_.execute("RELEASE SAVEPOINT " + savepoint_, {});
  }
}

void serialize_transactions(Connection& connection, LockKey key) {
  if (connection.backend() == Backend::kPostgres) {
    connection.query("SELECT pg_advisory_xact_lock($1)", static_cast<std::int64_t>(key));
  }
}

}  // namespace lectern::db
