#include "migrations/backends/sqlite/introspection.hpp"

#include <cctype>

#include "core/text.hpp"
#include "migrations/recorder.hpp"

namespace lectern::migrations {

namespace {

// CHECK clauses of an SQLite CREATE TABLE text, with their CONSTRAINT names.
std::vector<LiveCheck> sqlite_checks(const std::string& sql) {
  std::vector<LiveCheck> out;
  std::string up = sql;
  for (auto& c : up) c = char(std::toupper(static_cast<unsigned char>(c)));
  char quote = 0;
  std::string pending_name;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      continue;
    }
    auto word_at = [&](std::string_view w) {
      return up.compare(i, w.size(), w) == 0 &&
             (i == 0 || !std::isalnum((unsigned char)up[i - 1])) &&
             (i + w.size() >= up.size() || !std::isalnum((unsigned char)up[i + w.size()]));
    };
    if (word_at("CONSTRAINT")) {
      std::size_t j = i + 10;
      while (j < sql.size() && sql[j] == ' ') ++j;
      std::string name;
      if (j < sql.size() && sql[j] == '"') {
        std::size_t end = sql.find('"', j + 1);
        name = sql.substr(j + 1, end - j - 1);
        i = end;
      } else {
        while (j < sql.size() && (std::isalnum((unsigned char)sql[j]) || sql[j] == '_'))
          name += sql[j++];
        i = j - 1;
      }
      pending_name = name;
      continue;
    }
    if (word_at("CHECK")) {
      std::size_t open = sql.find('(', i);
      int depth = 0;
      std::size_t k = open;
      char q = 0;
      for (; k < sql.size(); ++k) {
        if (q) {
          if (sql[k] == q) q = 0;
          continue;
        }
        if (sql[k] == '\'' || sql[k] == '"') q = sql[k];
        if (sql[k] == '(') ++depth;
        if (sql[k] == ')' && --depth == 0) break;
      }
      out.push_back({pending_name, sql.substr(open + 1, k - open - 1)});
      pending_name.clear();
      i = k;
      continue;
    }
    if (c == ',') pending_name.clear();
  }
  return out;
}

}  // namespace

LiveSchema SqliteIntrospection::read_schema() {
  db::Connection& conn = connection_;
  LiveSchema schema;
  auto tables = conn.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "AND name <> $1 ORDER BY name",
      std::string(kHistoryTable));
  for (const auto& row : tables) {
    LiveTable t;
    t.name = row.get<std::string>("name");
    for (const auto& c : conn.query("SELECT name, type, \"notnull\", dflt_value, pk FROM "
                                    "pragma_table_info($1) ORDER BY cid",
                                    t.name)) {
      t.columns.push_back({c.get<std::string>("name"), lower(c.get<std::string>("type")),
                           !c.get<bool>("notnull"),
                           c.get<std::optional<std::string>>("dflt_value").value_or(""),
                           c.get<std::int64_t>("pk") > 0});
    }
    for (const auto& ix : conn.query(
             "SELECT name, \"unique\", origin FROM pragma_index_list($1) ORDER BY name", t.name)) {
      if (ix.get<std::string>("origin") == "pk") continue;
      LiveIndex index;
      index.name = ix.get<std::string>("name");
      index.unique = ix.get<bool>("unique");
      for (const auto& col :
           conn.query("SELECT name FROM pragma_index_info($1) ORDER BY seqno", index.name)) {
        index.columns.push_back(col.get<std::string>("name"));
      }
      if (ix.get<std::string>("origin") == "u") {
        // Auto-named by SQLite from constraint order: name it by its columns.
        std::string cols;
        for (const auto& c : index.columns) cols += (cols.empty() ? "" : ",") + c;
        index.name = "unique(" + cols + ")";
      }
      t.indexes.push_back(std::move(index));
    }
    for (const auto& fk : conn.query(
             "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list($1)",
             t.name)) {
      t.foreign_keys.push_back({fk.get<std::string>("from"), fk.get<std::string>("table"),
                                fk.get<std::optional<std::string>>("to").value_or("id"),
                                fk.get<std::string>("on_delete")});
    }
    t.checks = sqlite_checks(row.get<std::optional<std::string>>("sql").value_or(""));
    sort_table(t);
    schema.tables.emplace(t.name, std::move(t));
  }
  return schema;
}

bool SqliteIntrospection::column_exists(const std::string& table, const std::string& column) {
  return connection_.count("SELECT count(*) FROM pragma_table_info($1) WHERE name = $2", table,
                           column) > 0;
}

std::set<std::string> SqliteIntrospection::index_and_trigger_names(const std::string& table) {
  std::set<std::string> out;
  for (const auto& row : connection_.query(
           "SELECT name FROM sqlite_master WHERE tbl_name = $1 AND type IN ('index', 'trigger') "
           "AND name NOT LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\'",
           table)) {
    out.insert(row.get<std::string>(0));
  }
  return out;
}

}  // namespace lectern::migrations
