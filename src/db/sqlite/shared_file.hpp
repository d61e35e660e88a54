// What the connections of one process to one SQLite file share: a thread
// that checkpoints the WAL.
//
// The Checkpointer copies the WAL back on a thread of its own instead of on
// the time of the request whose commit crossed SQLite's auto-checkpoint
// threshold, and starts the WAL over when the commits pause.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace lectern::db {

// Checkpoints the WAL of one file in the background, on a connection of its
// own, when asked (after a commit left the WAL at the threshold). Requests
// coalesce.
//
// It also starts the WAL over when the commits pause. A passive checkpoint
// copies what it can without blocking anyone, but SQLite starts the WAL
// over only when a writer finds it wholly copied and no reader inside it,
// which seldom happens while requests keep coming: under the benchmark's
// load it grew past a gigabyte in 15 s. A RESTART checkpoint makes the next
// writer start it over, but it holds the write lock while it copies the
// last frames and syncs (40-100 ms with a large WAL on this VM): run under
// load, even every few seconds, those stalls were the p99 of a write
// endpoint (200-500 ms). So past `restart_frames` it runs only once no
// commit came for kQuietTime, which costs nobody; under unbroken write load
// the WAL grows as it did with SQLite's own checkpoints.
//
// That checkpoint also truncates the file (TRUNCATE, not RESTART): writers
// that start the WAL over in a file of a gigabyte or more write their frames
// over old ones, which on this VM tripled the p99 of POST /api/activity
// under the next burst of writes (9 -> 18-30 ms); appending to an empty file
// kept it at 7-9 ms (docs/benchmarks.md).
class Checkpointer {
 public:
  static constexpr int kDefaultRestartFrames = 16384;  // 64 MiB of 4 KiB pages
  static constexpr std::chrono::milliseconds kQuietTime{100};

  explicit Checkpointer(std::string path, int restart_frames = kDefaultRestartFrames);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  void request();
  // How many checkpoints ran, and how many of them made the WAL start over
  // (for tests).
  std::uint64_t checkpoints() const { return checkpoints_.load(); }
  std::uint64_t restarts() const { return restarts_.load(); }

 private:
  void run();
  // A passive checkpoint; true when the WAL should start over at the next
  // quiet moment.
  bool checkpoint(sqlite3* db);
  void restart(sqlite3* db);

  std::string path_;
  int restart_frames_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> checkpoints_{0};
  std::atomic<std::uint64_t> restarts_{0};
  std::thread thread_;  // last: starts once the members above exist
};

// What the connections of one process to one database file share.
struct SharedSqliteFile {
  explicit SharedSqliteFile(const std::string& path) : checkpointer(path) {}
  Checkpointer checkpointer;

  // One per file (by canonical path) while any connection holds it.
  static std::shared_ptr<SharedSqliteFile> for_file(const std::string& path);
};

}  // namespace lectern::db
