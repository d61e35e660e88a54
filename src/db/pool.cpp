#include "db/pool.hpp"

#include "core/log.hpp"
#include "db/errors.hpp"

namespace lectern::db {

PooledConnection& PooledConnection::operator=(PooledConnection&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = other.pool_;
    connection_ = std::move(other.connection_);
    other.pool_ = nullptr;
  }
  return *this;
}

PooledConnection::~PooledConnection() {
  release();
}

void PooledConnection::release() {
  if (pool_ && connection_) pool_->give_back(std::move(connection_));
  pool_ = nullptr;
}

ConnectionPool::ConnectionPool(Factory factory, PoolOptions options)
    : factory_(std::move(factory)), options_(options) {
  if (options_.max_size == 0) options_.max_size = 1;
}

ConnectionPool::~ConnectionPool() = default;

PooledConnection ConnectionPool::acquire() {
  bool probe = false;
  {
    std::lock_guard lock(mutex_);
    if (unavailable_) {
      const auto now = Clock::now();
      if (probing_ || now < next_attempt_) {
        throw DatabaseUnavailable("the database is unavailable (" + last_failure_ +
                                  "); it is tried again every " +
                                  std::to_string(options_.retry_after.count()) + " ms");
      }
      probing_ = probe = true;
    }
  }
  if (!probe) return take(false);
  try {
    PooledConnection connection = take(true);
    std::lock_guard lock(mutex_);
    probing_ = false;
    unavailable_ = false;
    log::info("the database answers again");
    return connection;
  } catch (...) {
    std::lock_guard lock(mutex_);
    probing_ = false;
    // take() marked the failure; if it failed otherwise, wait before the next try.
    next_attempt_ = std::max(next_attempt_, Clock::now() + options_.retry_after);
    throw;
  }
}

PooledConnection ConnectionPool::take(bool probe) {
  std::unique_lock lock(mutex_);
  auto deadline = Clock::now() + options_.acquire_timeout;
  for (;;) {
    if (unavailable_ && !probe) {
      throw DatabaseUnavailable("the database is unavailable (" + last_failure_ + ")");
    }
    if (!idle_.empty()) {
      Idle entry = std::move(idle_.back());
      idle_.pop_back();
      ++stats_.in_use;
      stats_.peak_in_use = std::max(stats_.peak_in_use, stats_.in_use);
      auto idle_for = Clock::now() - entry.since;
      lock.unlock();
      // The prober always asks: answering is what it wants to know.
      bool usable =
          entry.connection->is_healthy() &&
          ((!probe && idle_for < options_.health_check_after) || entry.connection->ping());
      if (usable) return PooledConnection(this, std::move(entry.connection));
      const bool timed_out = entry.connection->timed_out();
      // Broken while idle (server restart, network): replace it.
      log::warn("discarding broken pooled connection");
      entry.connection.reset();
      lock.lock();
      --stats_.in_use;
      --stats_.open;
      ++stats_.discarded;
      if (timed_out) {
        // Not a broken link but a server that does not answer: trying the
        // other connections would cost each the timeout again.
        lock.unlock();
        mark_unavailable("a health check got no answer in time");
        throw DatabaseTimeout("the database did not answer a health check in time");
      }
      continue;
    }
    if (stats_.open < options_.max_size) {
      ++stats_.open;
      ++stats_.in_use;
      stats_.peak_in_use = std::max(stats_.peak_in_use, stats_.in_use);
      lock.unlock();
      try {
        auto connection = factory_();
        lock.lock();
        ++stats_.created;
        lock.unlock();
        return PooledConnection(this, std::move(connection));
      } catch (const std::exception& e) {
        lock.lock();
        --stats_.open;
        --stats_.in_use;
        available_.notify_one();
        lock.unlock();
        mark_unavailable(e.what());
        throw;
      }
    }
    ++stats_.waiting;
    const auto woke = available_.wait_until(lock, deadline);
    --stats_.waiting;
    if (woke == std::cv_status::timeout && idle_.empty() && stats_.open >= options_.max_size) {
      throw PoolTimeout("no database connection became free within " +
                        std::to_string(options_.acquire_timeout.count()) + " ms (pool size " +
                        std::to_string(options_.max_size) + ")");
    }
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  // A connection returned inside a transaction, broken or timed out is never
  // reused.
  const bool timed_out = connection->timed_out();
  const bool reusable =
      !timed_out && connection->transaction_depth() == 0 && connection->is_healthy();
  std::unique_lock lock(mutex_);
  --stats_.in_use;
  if (reusable && !draining_) {
    idle_.push_back({std::move(connection), Clock::now()});
  } else {
    --stats_.open;
    if (!reusable) ++stats_.discarded;
    lock.unlock();
    connection.reset();
    lock.lock();
  }
  if (timed_out) {
    // The outage is marked before any waiter wakes (mark_unavailable wakes
    // them all), or one would take the freed slot for a new connection to
    // the same silent database instead of being refused at once.
    lock.unlock();
    mark_unavailable("a statement got no answer in time");
    return;
  }
  available_.notify_one();
}

void ConnectionPool::mark_unavailable(const std::string& reason) {
  std::vector<Idle> closing;
  {
    std::lock_guard lock(mutex_);
    // A transition of a database that has served: failing to open the very
    // first connection is the caller's error to report, not news to log.
    if (!unavailable_ && stats_.created > 0) {
      log::warn("the database is unavailable", {{"error", reason}});
    }
    unavailable_ = true;
    last_failure_ = reason;
    next_attempt_ = Clock::now() + options_.retry_after;
    // After an outage they may be dead (a restart) or fine (a pause); the
    // prober's fresh connection tells, and new ones replace these.
    closing.swap(idle_);
    stats_.open -= closing.size();
    stats_.discarded += closing.size();
  }
  // Waiters give up now instead of at their acquire timeout.
  available_.notify_all();
  closing.clear();
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mutex_);
  PoolStats s = stats_;
  s.idle = idle_.size();
  s.unavailable = unavailable_;
  return s;
}

void ConnectionPool::drain() {
  std::vector<Idle> closing;
  {
    std::lock_guard lock(mutex_);
    draining_ = true;
    closing.swap(idle_);
    stats_.open -= closing.size();
  }
  closing.clear();
}

}  // namespace lectern::db
