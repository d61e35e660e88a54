#include "migrations/introspection.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "migrations/recorder.hpp"

namespace lectern::migrations {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) out.push_back(part);
  return out;
}

void sort_table(LiveTable& t) {
  std::sort(t.indexes.begin(), t.indexes.end(), [](const LiveIndex& a, const LiveIndex& b) {
    return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
  });
  std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
            [](const LiveForeignKey& a, const LiveForeignKey& b) { return a.column < b.column; });
  std::sort(t.checks.begin(), t.checks.end(), [](const LiveCheck& a, const LiveCheck& b) {
    return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
  });
}

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

LiveSchema read_sqlite(db::Connection& conn) {
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

std::string pg_on_delete(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "r") return "RESTRICT";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";
}

LiveSchema read_postgres(db::Connection& conn) {
  LiveSchema schema;
  auto tables = conn.query(
      "SELECT c.oid::bigint AS oid, c.relname FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> $1 "
      "ORDER BY c.relname",
      std::string(kHistoryTable));
  for (const auto& row : tables) {
    LiveTable t;
    t.name = row.get<std::string>("relname");
    std::int64_t oid = row.get<std::int64_t>("oid");
    for (const auto& c :
         conn.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, "
                    "pg_get_expr(d.adbin, d.adrelid) AS dflt, "
                    "EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = a.attrelid "
                    "AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS pk "
                    "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d "
                    "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    "WHERE a.attrelid = $1::bigint::oid AND a.attnum > 0 AND NOT a.attisdropped "
                    "ORDER BY a.attnum",
                    oid)) {
      t.columns.push_back({c.get<std::string>("attname"), lower(c.get<std::string>("type")),
                           !c.get<bool>("attnotnull"),
                           c.get<std::optional<std::string>>("dflt").value_or(""),
                           c.get<bool>("pk")});
    }
    for (const auto& ix : conn.query(
             "SELECT ic.relname, ix.indisunique, "
             "(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey) "
             "WITH ORDINALITY AS k(attnum, ord) JOIN pg_catalog.pg_attribute a "
             "ON a.attrelid = ix.indrelid AND a.attnum = k.attnum) AS columns "
             "FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid "
             "WHERE ix.indrelid = $1::bigint::oid AND NOT ix.indisprimary ORDER BY ic.relname",
             oid)) {
      t.indexes.push_back({ix.get<std::string>("relname"),
                           split_commas(ix.get<std::optional<std::string>>("columns").value_or("")),
                           ix.get<bool>("indisunique")});
    }
    for (const auto& fk : conn.query("SELECT a.attname, ft.relname, fa.attname AS target_column, "
                                     "con.confdeltype::text AS action "
                                     "FROM pg_catalog.pg_constraint con "
                                     "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid "
                                     "AND a.attnum = con.conkey[1] "
                                     "JOIN pg_catalog.pg_class ft ON ft.oid = con.confrelid "
                                     "JOIN pg_catalog.pg_attribute fa ON fa.attrelid = "
                                     "con.confrelid AND fa.attnum = con.confkey[1] "
                                     "WHERE con.contype = 'f' AND con.conrelid = $1::bigint::oid",
                                     oid)) {
      t.foreign_keys.push_back({fk.get<std::string>("attname"), fk.get<std::string>("relname"),
                                fk.get<std::string>("target_column"),
                                pg_on_delete(fk.get<std::string>("action"))});
    }
    for (const auto& ck : conn.query(
             "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_catalog.pg_constraint "
             "WHERE contype = 'c' AND conrelid = $1::bigint::oid",
             oid)) {
      t.checks.push_back({ck.get<std::string>("conname"), ck.get<std::string>("def")});
    }
    sort_table(t);
    schema.tables.emplace(t.name, std::move(t));
  }
  return schema;
}

std::vector<std::string> lines_of(const LiveSchema& schema) {
  std::vector<std::string> out;
  for (const auto& [name, t] : schema.tables) {
    out.push_back("table " + name);
    for (const auto& c : t.columns) {
      std::string line = "table " + name + " column " + c.name + " " + c.type +
                         (c.nullable ? " null" : " not null");
      if (!c.default_sql.empty()) line += " default " + c.default_sql;
      if (c.primary_key) line += " primary key";
      out.push_back(line);
    }
    for (const auto& i : t.indexes) {
      std::string cols;
      for (const auto& c : i.columns) cols += (cols.empty() ? "" : ", ") + c;
      out.push_back("table " + name + (i.unique ? " unique index " : " index ") + i.name + " (" +
                    cols + ")");
    }
    for (const auto& f : t.foreign_keys) {
      out.push_back("table " + name + " foreign key " + f.column + " -> " + f.target_table + "." +
                    f.target_column + " on delete " + f.on_delete);
    }
    for (const auto& c : t.checks) {
      out.push_back("table " + name + " check " + (c.name.empty() ? "" : c.name + " ") +
                    c.expression);
    }
  }
  return out;
}

}  // namespace

const LiveColumn* LiveTable::column(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

LiveSchema read_live_schema(db::Connection& connection) {
  return connection.backend() == db::Backend::kSqlite ? read_sqlite(connection)
                                                      : read_postgres(connection);
}

std::string describe(const LiveSchema& schema) {
  std::string out;
  for (const auto& line : lines_of(schema)) out += line + "\n";
  return out;
}

std::string diff_schemas(const LiveSchema& a, const LiveSchema& b) {
  auto la = lines_of(a), lb = lines_of(b);
  std::set<std::string> sa(la.begin(), la.end()), sb(lb.begin(), lb.end());
  std::string out;
  for (const auto& line : la) {
    if (!sb.count(line)) out += "- " + line + "\n";
  }
  for (const auto& line : lb) {
    if (!sa.count(line)) out += "+ " + line + "\n";
  }
  return out;
}

}  // namespace lectern::migrations
