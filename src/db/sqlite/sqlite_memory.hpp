// SQLite's memory allocator for the process: small blocks are recycled
// through per-thread free lists instead of going back to malloc. SQLite frees
// and rebuilds its whole parsed schema on every ALTER TABLE, hundreds of
// thousands of small blocks in a long migrate, and glibc's malloc is slow at
// that churn. Installed once, before SQLite initializes (see
// sqlite_connection.cpp); threads return their cached blocks when they exit.
#pragma once

namespace lectern::db {

// sqlite3_config(SQLITE_CONFIG_MALLOC); false when SQLite was already
// initialized (it then keeps its default allocator).
bool install_sqlite_allocator();

}  // namespace lectern::db
