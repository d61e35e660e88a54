// What a page shows every reader alike (the catalogue's courses and
// categories), kept between requests so that a page does not read it again
// for each reader.
//
// An entry is served while this process has run no statement that may have
// written since it was read (db::write_generation: any write, to any table,
// ends every entry) and for at most `ttl`, the bound on how late a write of
// another process (a second server, a command) shows. Thread-safe; at most
// `capacity` entries, all dropped when it is reached (keys come from query
// strings, which clients choose).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/write_generation.hpp"

namespace lectern::web {

template <class Value>
class SharedCache {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SharedCache(Clock::duration ttl, std::size_t capacity = 256)
      : ttl_(ttl), capacity_(capacity) {}

  // The current entry for `key`, else load() stored and returned.
  template <class Load>
  std::shared_ptr<const Value> get(const std::string& key, Load&& load) {
    const auto now = Clock::now();
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.generation == db::write_generation() &&
          now - it->second.stored_at < ttl_) {
        return it->second.value;
      }
    }
    // Taken before reading: a write committed meanwhile is counted after
    // this, and makes the entry stale at once.
    const std::uint64_t generation = db::write_generation();
    auto value = std::make_shared<const Value>(load());
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(key, Entry{value, generation, now});
    return value;
  }

 private:
  struct Entry {
    std::shared_ptr<const Value> value;
    std::uint64_t generation;
    Clock::time_point stored_at;
  };
  const Clock::duration ttl_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace lectern::web
