// The in-process write lock of one SQLite database file, shared by every
// connection of this process to that file. SQLite lets one writer in at a
// time; a writer that finds the file's lock taken polls it with growing
// sleeps (the busy handler: 1, 2, 5 ... 100 ms), so under load a writer may
// sleep well past the moment the lock came free. Writers of one process
// instead queue here, first come first served, and each is woken the moment
// the one before it ends. SQLite's own lock still guards against other
// processes. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace lectern::db {

class WriterLock {
 public:
  using Clock = std::chrono::steady_clock;

  // Waits in line until the lock is this caller's; false when `deadline`
  // passes first (the caller then holds nothing).
  bool lock_until(Clock::time_point deadline);
  void unlock();

  // The lock of the database file at `path`; one per file (by canonical
  // path) while any connection holds it.
  static std::shared_ptr<WriterLock> for_file(const std::string& path);

 private:
  struct Waiter {
    std::condition_variable woken;
    bool granted = false;
  };

  std::mutex mutex_;
  bool held_ = false;
  std::deque<Waiter*> queue_;
};

}  // namespace lectern::db
