#include "db/pool.hpp"

#include "core/log.hpp"

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
  std::unique_lock lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  for (;;) {
    if (!idle_.empty()) {
      Idle entry = std::move(idle_.back());
      idle_.pop_back();
      ++stats_.in_use;
      stats_.peak_in_use = std::max(stats_.peak_in_use, stats_.in_use);
      auto idle_for = std::chrono::steady_clock::now() - entry.since;
      lock.unlock();
      bool usable = entry.connection->is_healthy() &&
                    (idle_for < options_.health_check_after || entry.connection->ping());
      if (usable) return PooledConnection(this, std::move(entry.connection));
      // Broken while idle (server restart, network): replace it.
      log::warn("discarding broken pooled connection");
      entry.connection.reset();
      lock.lock();
      --stats_.in_use;
      --stats_.open;
      ++stats_.discarded;
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
      } catch (...) {
        lock.lock();
        --stats_.open;
        --stats_.in_use;
        available_.notify_one();
        throw;
      }
    }
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        stats_.open >= options_.max_size) {
      throw PoolTimeout("no database connection became free within " +
                        std::to_string(options_.acquire_timeout.count()) + " ms (pool size " +
                        std::to_string(options_.max_size) + ")");
    }
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  // A connection returned inside a transaction or broken is never reused.
  bool reusable = connection->transaction_depth() == 0 && connection->is_healthy();
  std::unique_lock lock(mutex_);
  --stats_.in_use;
  if (reusable && !draining_) {
    idle_.push_back({std::move(connection), std::chrono::steady_clock::now()});
  } else {
    --stats_.open;
    if (!reusable) ++stats_.discarded;
    lock.unlock();
    connection.reset();
    lock.lock();
  }
  available_.notify_one();
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mutex_);
  PoolStats s = stats_;
  s.idle = idle_.size();
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
