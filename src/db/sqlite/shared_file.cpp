#include "db/sqlite/shared_file.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "core/log.hpp"

namespace lectern::db {

Checkpointer::Checkpointer(std::string path, int restart_frames)
    : path_(std::move(path)), restart_frames_(restart_frames), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::request() {
  {
    std::lock_guard lock(mutex_);
    if (requested_) return;
    requested_ = true;
  }
  wake_.notify_one();
}

namespace {

// A RESTART checkpoint holds the write lock while it waits for readers of
// old snapshots, which take well under a millisecond here: it polls them
// often and gives up soon, to try again after a later commit, rather than
// keep writers waiting.
constexpr auto kRestartPoll = std::chrono::microseconds(100);
constexpr int kRestartPolls = 100;

int poll_readers(void*, int count) {
  if (count >= kRestartPolls) return 0;
  std::this_thread::sleep_for(kRestartPoll);
  return 1;
}

sqlite3* open_for_checkpoints(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_handler(db, poll_readers, nullptr);
    // A connection learns that the file is in WAL mode when it first reads
    // it; until then a checkpoint does nothing.
    sqlite3_exec(db, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr);
    return db;
  }
  log::warn("cannot open the database to checkpoint its WAL",
            {{"path", path}, {"error", db ? sqlite3_errmsg(db) : "out of memory"}});
  sqlite3_close(db);
  return nullptr;
}

}  // namespace

void Checkpointer::run() {
  sqlite3* db = nullptr;
  bool restart_when_quiet = false;
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto woken = [&] { return requested_ || stopping_; };
    if (restart_when_quiet) {
      // Commits ask for checkpoints while the WAL is past the threshold:
      // no request for kQuietTime means no commit either.
      if (!wake_.wait_for(lock, kQuietTime, woken)) {
        lock.unlock();
        restart(db);
        restart_when_quiet = false;
        lock.lock();
        continue;
      }
    } else {
      wake_.wait(lock, woken);
    }
    if (stopping_) break;
    requested_ = false;
    lock.unlock();
    if (!db) db = open_for_checkpoints(path_);
    if (db) restart_when_quiet = checkpoint(db);
    lock.lock();
  }
  lock.unlock();
  sqlite3_close(db);
}

bool Checkpointer::checkpoint(sqlite3* db) {
  int wal_frames = 0;
  sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, nullptr);
  checkpoints_.fetch_add(1);
  return wal_frames >= restart_frames_;
}

// TRUNCATE: see the class comment.
void Checkpointer::restart(sqlite3* db) {
  if (sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr) ==
      SQLITE_OK) {
    restarts_.fetch_add(1);
  }
}

std::shared_ptr<SharedSqliteFile> SharedSqliteFile::for_file(const std::string& path) {
  static std::mutex registry_mutex;
  static std::map<std::string, std::weak_ptr<SharedSqliteFile>> registry;
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  const std::string key = ec ? path : canonical.string();
  std::lock_guard lock(registry_mutex);
  std::erase_if(registry, [](const auto& entry) { return entry.second.expired(); });
  auto& slot = registry[key];
  if (auto existing = slot.lock()) return existing;
  auto created = std::make_shared<SharedSqliteFile>(key);
  slot = created;
  return created;
}

}  // namespace lectern::db
