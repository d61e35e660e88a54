#include "db/sqlite/sqlite_memory.hpp"

#include <sanitizer/asan_interface.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace lectern::db {

namespace {

// Every block carries a 16-byte header holding its usable size, which keeps
// the payload 16-byte aligned (SQLite needs 8).
constexpr std::size_t kHeader = 16;
constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 64;  // small blocks: 16, 32, ... 1024 bytes
constexpr std::size_t kMaxSmall = kClasses * kGranule;
// What one thread may keep for reuse; beyond it, blocks go back to malloc.
constexpr std::size_t kMaxCachedBytes = std::size_t(8) << 20;

struct FreeBlock {
  FreeBlock* next;
};

// Trivially destructible, so it stays usable while the thread exits (after
// the Drain below has emptied it, `closed` sends every block to free()).
struct Cache {
  FreeBlock* lists[kClasses + 1];
  std::size_t cached_bytes;
  bool registered;
  bool closed;
};
thread_local constinit Cache cache{};

void drain(Cache& c) {
  for (std::size_t k = 1; k <= kClasses; ++k) {
    FreeBlock*& head = c.lists[k];
    while (head) {
      ASAN_UNPOISON_MEMORY_REGION(head, k * kGranule);
      FreeBlock* next = head->next;
      std::free(reinterpret_cast<char*>(head) - kHeader);
      head = next;
    }
  }
  c.cached_bytes = 0;
}

// Returns the thread's cached blocks to malloc when the thread ends.
struct Drain {
  bool armed = false;
  ~Drain() {
    drain(cache);
    cache.closed = true;
  }
};
thread_local Drain drain_at_exit;

std::size_t& size_of(void* p) {
  return *reinterpret_cast<std::size_t*>(static_cast<char*>(p) - kHeader);
}

std::size_t round_up(std::size_t n) {
  return n <= kMaxSmall ? (n + kGranule - 1) / kGranule * kGranule : n;
}

void* raw_malloc(std::size_t size) {
  char* block = static_cast<char*>(std::malloc(kHeader + size));
  if (!block) return nullptr;
  *reinterpret_cast<std::size_t*>(block) = size;
  return block + kHeader;
}

void* x_malloc(int n) {
  const std::size_t size = round_up(n > 0 ? std::size_t(n) : 1);
  if (size <= kMaxSmall) {
    FreeBlock*& head = cache.lists[size / kGranule];
    if (FreeBlock* block = head) {
      // Under AddressSanitizer a cached block stays poisoned, so SQLite
      // memory used after sqlite3_free is still reported.
      ASAN_UNPOISON_MEMORY_REGION(block, size);
      head = block->next;
      cache.cached_bytes -= size;
      return block;
    }
  }
  return raw_malloc(size);
}

void x_free(void* p) {
  const std::size_t size = size_of(p);
  if (size <= kMaxSmall && !cache.closed && cache.cached_bytes + size <= kMaxCachedBytes) {
    if (!cache.registered) {
      // First use on this thread: construct the thread's Drain.
      cache.registered = true;
      drain_at_exit.armed = true;
    }
    auto* block = static_cast<FreeBlock*>(p);
    FreeBlock*& head = cache.lists[size / kGranule];
    block->next = head;
    head = block;
    ASAN_POISON_MEMORY_REGION(block, size);
    cache.cached_bytes += size;
    return;
  }
  std::free(static_cast<char*>(p) - kHeader);
}

int x_size(void* p) {
  return int(size_of(p));
}

void* x_realloc(void* p, int n) {
  const std::size_t old_size = size_of(p);
  const std::size_t size = round_up(std::size_t(n));
  if (size == old_size) return p;
  if (old_size > kMaxSmall && size > kMaxSmall) {
    char* block = static_cast<char*>(std::realloc(static_cast<char*>(p) - kHeader, kHeader + size));
    if (!block) return nullptr;
    *reinterpret_cast<std::size_t*>(block) = size;
    return block + kHeader;
  }
  void* q = x_malloc(n);
  if (!q) return nullptr;
  std::memcpy(q, p, old_size < size ? old_size : size);
  x_free(p);
  return q;
}

int x_roundup(int n) {
  return int(round_up(std::size_t(n)));
}
int x_init(void*) {
  return SQLITE_OK;
}
void x_shutdown(void*) {}

const sqlite3_mem_methods kMethods = {x_malloc,  x_free, x_realloc,  x_size,
                                      x_roundup, x_init, x_shutdown, nullptr};

}  // namespace

bool install_sqlite_allocator() {
  return sqlite3_config(SQLITE_CONFIG_MALLOC, &kMethods) == SQLITE_OK;
}

}  // namespace lectern::db
