#include "db/sqlite/writer_lock.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace lectern::db {

bool WriterLock::lock_until(Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  if (!held_ && queue_.empty()) {
    held_ = true;
    return true;
  }
  Waiter me;
  queue_.push_back(&me);
  // unlock() hands the lock over under the mutex: a waiter whose deadline
  // passes in the same instant still sees `granted` and keeps it.
  if (me.woken.wait_until(lock, deadline, [&] { return me.granted; })) return true;
  queue_.erase(std::find(queue_.begin(), queue_.end(), &me));
  return false;
}

void WriterLock::unlock() {
  std::lock_guard lock(mutex_);
  if (queue_.empty()) {
    held_ = false;
    return;
  }
  Waiter* next = queue_.front();
  queue_.pop_front();
  next->granted = true;
  next->woken.notify_one();
}

std::shared_ptr<WriterLock> WriterLock::for_file(const std::string& path) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<WriterLock>> registry;
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string key = ec ? path : canonical.string();
  std::lock_guard lock(registry_mutex);
  std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });
  auto& slot = registry[key];
  auto existing = slot.lock();
  if (existing) return existing;
  auto created = std::make_shared<WriterLock>();
  slot = created;
  return created;
}

}  // namespace lectern::db
