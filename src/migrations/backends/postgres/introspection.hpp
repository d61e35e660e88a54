// The live schema of a PostgreSQL database (its current schema), read from
// pg_catalog.
#pragma once

#include "migrations/introspection.hpp"

namespace lectern::migrations {

class PostgresIntrospection final : public Introspection {
 public:
  using Introspection::Introspection;
  LiveSchema read_schema() override;
  bool column_exists(const std::string& table, const std::string& column) override;
  std::set<std::string> index_and_trigger_names(const std::string& table) override;
};

}  // namespace lectern::migrations
