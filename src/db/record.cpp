#include "db/record.hpp"

namespace lectern::db::detail {

namespace {
void append_quoted(std::string& out, std::string_view identifier) {
  out += '"';
  out += identifier;
  out += '"';
}
}  // namespace

std::string insert_statement(std::string_view table, const std::vector<std::string>& columns,
                             bool with_id) {
  std::string names;
  std::string params;
  int n = 0;
  for (const auto& column : columns) {
    if (!with_id && column == "id") continue;
    if (n > 0) {
      names += ", ";
      params += ", ";
    }
    append_quoted(names, column);
    params += '$' + std::to_string(++n);
  }
  std::string sql = "INSERT INTO ";
  append_quoted(sql, table);
  sql += " (" + names + ") VALUES (" + params + ")";
  if (!with_id) sql += " RETURNING \"id\"";
  return sql;
}

std::string update_statement(std::string_view table, const std::vector<std::string>& columns) {
  std::string sql = "UPDATE ";
  append_quoted(sql, table);
  sql += " SET ";
  int n = 0;
  for (const auto& column : columns) {
    if (column == "id") continue;
    if (n > 0) sql += ", ";
    append_quoted(sql, column);
    sql += " = $" + std::to_string(++n);
  }
  sql += " WHERE \"id\" = $" + std::to_string(n + 1);
  return sql;
}

std::string multi_insert_statement(std::string_view table, const std::vector<std::string>& columns,
                                   std::size_t rows) {
  std::string sql = "INSERT INTO ";
  append_quoted(sql, table);
  sql += " (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    append_quoted(sql, columns[i]);
  }
  sql += ") VALUES ";
  int n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r > 0 ? ", (" : "(";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) sql += ", ";
      sql += '$' + std::to_string(++n);
    }
    sql += ')';
  }
  return sql;
}

}  // namespace lectern::db::detail
