// The live schema of an SQLite database, read from sqlite_master and the
// table-valued pragmas (table_info, index_list, index_info,
// foreign_key_list); CHECK clauses are read from the CREATE TABLE text.
#pragma once

#include "migrations/introspection.hpp"

namespace lectern::migrations {

class SqliteIntrospection final : public Introspection {
 public:
  using Introspection::Introspection;
  LiveSchema read_schema() override;
  bool column_exists(const std::string& table, const std::string& column) override;
  std::set<std::string> index_and_trigger_names(const std::string& table) override;
};

}  // namespace lectern::migrations
