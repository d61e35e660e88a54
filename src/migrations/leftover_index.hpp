// PostgreSQL finishes a CREATE INDEX CONCURRENTLY that was running when the
// `migrate` that started it was killed (or leaves it INVALID when killed
// early), and the migration's history row is never written: it runs outside
// a transaction. The next migrate finds the index there. This says what is
// there, so that the executor can recover by itself: drop an INVALID index
// and build it again, adopt a VALID one that is exactly the migration's, and
// refuse (explained) one that differs. PostgreSQL catalogue queries only.
#pragma once

#include <string>

#include "db/connection.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

enum class LeftoverIndex {
  kNone,       // no relation of that name
  kInvalid,    // an interrupted build: drop it and build again
  kSame,       // valid, on the same table and columns, as unique as asked
  kDifferent,  // something else has the name
};

LeftoverIndex find_leftover_index(db::Connection& connection, const schema::ModelState& model,
                                  const schema::IndexSpec& index);

}  // namespace lectern::migrations
