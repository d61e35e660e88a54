#include "cli/context.hpp"

namespace lectern::cli {

db::Database& Context::database() {
  if (!database_) database_ = db::Database::open(database_url);
  return *database_;
}

}  // namespace lectern::cli
