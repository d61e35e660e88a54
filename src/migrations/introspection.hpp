// Reads the live schema from the database catalogue into plain data,
// normalized so the two backends describe the same schema the same way where
// they can, as Django's per-backend introspection modules: one Introspection
// per backend under backends/<backend>/, chosen by introspection_for. Used by
// `testmigrations` (snapshots compared across apply/unapply), `verify`, the
// live checks and the executor.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace lectern::migrations {

struct LiveColumn {
  std::string name;
  std::string type;  // lower case, as the catalogue spells it ("bigint", "varchar(200)")
  bool nullable = true;
  std::string default_sql;  // empty when none (identity keys have none)
  bool primary_key = false;
  bool operator==(const LiveColumn&) const = default;
};

struct LiveIndex {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  bool operator==(const LiveIndex&) const = default;
};

struct LiveForeignKey {
  std::string column;
  std::string target_table;
  std::string target_column;
  std::string on_delete;  // "CASCADE", "SET NULL", "RESTRICT", "NO ACTION"
  bool operator==(const LiveForeignKey&) const = default;
};

struct LiveCheck {
  std::string name;  // may be empty on SQLite for unnamed checks
  std::string expression;
  bool operator==(const LiveCheck&) const = default;
};

struct LiveTable {
  std::string name;
  std::vector<LiveColumn> columns;           // in table order
  std::vector<LiveIndex> indexes;            // sorted by name; includes unique constraints
  std::vector<LiveForeignKey> foreign_keys;  // sorted by column
  std::vector<LiveCheck> checks;             // sorted by name, then expression
  bool operator==(const LiveTable&) const = default;

  const LiveColumn* column(std::string_view name) const;
};

struct LiveSchema {
  std::map<std::string, LiveTable> tables;  // without the history table
  bool operator==(const LiveSchema&) const = default;
};

// What the engine reads of one backend's catalogue.
class Introspection {
 public:
  explicit Introspection(db::Connection& connection) : connection_(connection) {}
  virtual ~Introspection() = default;
  Introspection(const Introspection&) = delete;
  Introspection& operator=(const Introspection&) = delete;

  // Every table but the history table.
  virtual LiveSchema read_schema() = 0;
  virtual bool column_exists(const std::string& table, const std::string& column) = 0;
  // The indexes and triggers of `table` that statements made, not the
  // indexes behind its constraints.
  virtual std::set<std::string> index_and_trigger_names(const std::string& table) = 0;

 protected:
  // Lower-case catalogue spellings, and the order LiveTable promises.
  static void sort_table(LiveTable& table);

  db::Connection& connection_;
};

// The connection's backend's Introspection.
std::unique_ptr<Introspection> introspection_for(db::Connection& connection);

LiveSchema read_live_schema(db::Connection& connection);

// A stable, line-per-fact rendering ("table t column c bigint not null"),
// used to show what differs between two snapshots.
std::string describe(const LiveSchema& schema);

// The lines of describe(a) missing from describe(b) ("- ...") and the other
// way round ("+ ..."); empty when equal.
std::string diff_schemas(const LiveSchema& a, const LiveSchema& b);

}  // namespace lectern::migrations
