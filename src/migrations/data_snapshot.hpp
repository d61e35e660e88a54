// The data side of testmigrations' round trip: every row of every table as
// storage classes and values, so that a migration applied and unapplied
// must leave the data exactly as it found it; and, on SQLite, the values a
// column holds that its type could not hold on PostgreSQL (a storage class
// changed silently, by a run_sql or by affinity).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "migrations/introspection.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

struct DataSnapshot {
  // Per table, its rows as "integer 1 | text 'Ada' | null", sorted.
  std::map<std::string, std::vector<std::string>> tables;
  bool operator==(const DataSnapshot&) const = default;
};

// The rows of the tables of `schema` (read_live_schema leaves the history
// table out).
DataSnapshot read_data(db::Connection& connection, const LiveSchema& schema);

// What differs, a line per table and row ("learning_tag: - text 'a'",
// "learning_tag: + blob x'61'"); empty when equal.
std::string diff_data(const DataSnapshot& before, const DataSnapshot& after);

// SQLite: "learning_tag.name holds 2 value(s) varchar(50) cannot hold", per
// column of `state` (link tables included) holding such values. Empty on
// PostgreSQL, whose columns hold only their own type.
std::vector<std::string> unfit_values(db::Connection& connection,
                                      const schema::ProjectState& state);

}  // namespace lectern::migrations
