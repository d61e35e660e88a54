// Shared DDL for the storage tests: a table with one column of each type,
// written through the dialect so it is valid on both backends.
#pragma once

#include <string>

#include "db/connection.hpp"

namespace lectern::testing {

inline void create_items_table(db::Connection& conn) {
  const db::Dialect& d = conn.dialect();
  using db::ColumnType;
  std::string sql =
      "CREATE TABLE items (id " + d.type_name({ColumnType::kBigAutoId}) + ", name " +
      d.type_name({ColumnType::kText}) + " NOT NULL UNIQUE" + ", qty " +
      d.type_name({ColumnType::kBigInt}) + " CHECK (qty >= 0)" + ", price " +
      d.type_name({ColumnType::kDouble}) + ", active " + d.type_name({ColumnType::kBoolean}) +
      ", at " + d.type_name({ColumnType::kTimestamp}) + ", doc " +
      d.type_name({ColumnType::kJson}) + ", raw " + d.type_name({ColumnType::kBytes}) + ")";
  conn.execute_script(sql);
  conn.execute_script("CREATE TABLE tags (id " + d.type_name({ColumnType::kBigAutoId}) +
                      ", item_id bigint NOT NULL REFERENCES items (id), label text)");
}

inline std::int64_t count_items(db::Connection& conn) {
  return conn.query("SELECT COUNT(*) AS n FROM items").front().get<std::int64_t>("n");
}

}  // namespace lectern::testing
