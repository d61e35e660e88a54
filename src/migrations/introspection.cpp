#include "migrations/introspection.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "migrations/backends/postgres/introspection.hpp"
#include "migrations/backends/sqlite/introspection.hpp"

namespace lectern::migrations {

namespace {

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

void Introspection::sort_table(LiveTable& t) {
  std::sort(t.indexes.begin(), t.indexes.end(), [](const LiveIndex& a, const LiveIndex& b) {
    return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
  });
  std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
            [](const LiveForeignKey& a, const LiveForeignKey& b) { return a.column < b.column; });
  std::sort(t.checks.begin(), t.checks.end(), [](const LiveCheck& a, const LiveCheck& b) {
    return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
  });
}

std::unique_ptr<Introspection> introspection_for(db::Connection& connection) {
  if (connection.backend() == db::Backend::kSqlite) {
    return std::make_unique<SqliteIntrospection>(connection);
  }
  return std::make_unique<PostgresIntrospection>(connection);
}

const LiveColumn* LiveTable::column(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

LiveSchema read_live_schema(db::Connection& connection) {
  return introspection_for(connection)->read_schema();
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
