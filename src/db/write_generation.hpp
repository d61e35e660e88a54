// How many statements that may have changed a database this process has run:
// what caches of read data compare to know that nothing was written since
// they read it.
//
// Every statement but a SELECT, BEGIN or SAVEPOINT counts once it succeeded,
// COMMIT included, so a write made inside a transaction counts again once
// it is visible to others. A cache entry stored with the generation taken
// before its data was read is current while the generation is unchanged:
// the write that changed the data is counted after it was committed, so it
// ends the entry's life even when the read came after the commit. Writes of
// other processes are not counted: such a cache bounds an entry's age too.
#pragma once

#include <cstdint>
#include <string_view>

namespace lectern::db {

std::uint64_t write_generation();

// Called by the backends after each statement that succeeded.
void note_statement(std::string_view sql);

// Whether `sql` may change the database (what note_statement counts).
bool may_write(std::string_view sql);

}  // namespace lectern::db
