// A bounded pool of connections shared by threads. acquire() blocks until a
// connection is free or the timeout passes (PoolTimeout). A connection that
// sat idle past `health_check_after` is pinged before it is handed out, and
// one found broken is replaced by a fresh one (reconnect). Thread-safe.
//
// When the database stops answering (a connection cannot be opened, or a
// round trip passes its deadline: Connection::timed_out), the pool marks it
// unavailable and closes its idle connections. From then on acquire() fails
// at once with DatabaseUnavailable, except for one caller at a time, at most
// every `retry_after`, who tries a fresh connection: when that works the
// pool is available again. So an outage costs each request nothing but the
// prober the connect timeout, and no thread waits on a database known to be
// gone; recovery needs no restart.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace lectern::db {

struct PoolOptions {
  std::size_t max_size = 8;
  std::chrono::milliseconds acquire_timeout{5000};
  std::chrono::milliseconds health_check_after{10000};
  // While the database is unavailable: how often one caller tries it again.
  std::chrono::milliseconds retry_after{500};
};

struct PoolStats {
  std::size_t open = 0;  // connections that exist (idle + in use)
  std::size_t idle = 0;
  std::size_t in_use = 0;
  std::size_t peak_in_use = 0;
  std::size_t created = 0;    // total connections ever opened
  std::size_t discarded = 0;  // connections dropped as broken
  bool unavailable = false;   // the database stopped answering; see above
  std::size_t waiting = 0;    // callers of acquire() waiting for a connection now
};

class ConnectionPool;

// Exclusive use of one pooled connection; returns it to the pool on scope exit.
class PooledConnection {
 public:
  PooledConnection() = default;
  PooledConnection(ConnectionPool* pool, std::unique_ptr<Connection> connection)
      : pool_(pool), connection_(std::move(connection)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&& other) noexcept;
  ~PooledConnection();

  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_.get(); }
  Connection& get() const { return *connection_; }

 private:
  void release();
  ConnectionPool* pool_ = nullptr;
  std::unique_ptr<Connection> connection_;
};

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  ConnectionPool(Factory factory, PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  PooledConnection acquire();
  PoolStats stats() const;
  const PoolOptions& options() const { return options_; }
  // Closes every idle connection (in-use ones close when they come back).
  void drain();

 private:
  friend class PooledConnection;
  using Clock = std::chrono::steady_clock;
  struct Idle {
    std::unique_ptr<Connection> connection;
    Clock::time_point since;
  };
  // The waiting, reusing and opening part of acquire(); `probe`: the caller
  // is the one trying an unavailable database again.
  PooledConnection take(bool probe);
  void give_back(std::unique_ptr<Connection> connection);
  // Records that the database did not answer; closes the idle connections.
  void mark_unavailable(const std::string& reason);

  Factory factory_;
  PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Idle> idle_;
  PoolStats stats_;
  bool draining_ = false;
  bool unavailable_ = false;
  bool probing_ = false;  // a caller is trying the unavailable database
  Clock::time_point next_attempt_;
  std::string last_failure_;
};

}  // namespace lectern::db
