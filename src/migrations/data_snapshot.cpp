#include "migrations/data_snapshot.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/time.hpp"
#include "migrations/cast_rules.hpp"
#include "migrations/schema_editor.hpp"
#include "migrations/type_changes.hpp"
#include "migrations/type_conversion.hpp"

namespace lectern::migrations {

namespace {

std::string render(const db::Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "null";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return "integer " + std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "real %.17g", v);
          return buf;
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "boolean true" : "boolean false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return "text '" + v + "'";
        } else if constexpr (std::is_same_v<T, Timestamp>) {
          return "timestamp " + format_rfc3339(v);
        } else if constexpr (std::is_same_v<T, db::Json>) {
          return "json " + v.text;
        } else {
          static constexpr char kHex[] = "0123456789abcdef";
          std::string out = "blob x'";
          for (unsigned char c : v.data) {
            out += kHex[c >> 4];
            out += kHex[c & 15];
          }
          return out + "'";
        }
      },
      value);
}

}  // namespace

DataSnapshot read_data(db::Connection& connection, const LiveSchema& schema) {
  DataSnapshot out;
  for (const auto& [name, table] : schema.tables) {
    auto& rows = out.tables[name];
    for (const auto& row : connection.query("SELECT * FROM " + connection.dialect().quote(name))) {
      std::string line;
      for (std::size_t i = 0; i < table.columns.size(); ++i) {
        if (i) line += " | ";
        line += render(row.at(i));
      }
      rows.push_back(std::move(line));
    }
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

std::string diff_data(const DataSnapshot& before, const DataSnapshot& after) {
  std::set<std::string> names;
  for (const auto& [name, rows] : before.tables) names.insert(name);
  for (const auto& [name, rows] : after.tables) names.insert(name);
  static const std::vector<std::string> kNone;
  std::string out;
  for (const auto& name : names) {
    auto b = before.tables.find(name);
    auto a = after.tables.find(name);
    const auto& old_rows = b == before.tables.end() ? kNone : b->second;
    const auto& new_rows = a == after.tables.end() ? kNone : a->second;
    std::vector<std::string> gone, added;
    std::set_difference(old_rows.begin(), old_rows.end(), new_rows.begin(), new_rows.end(),
                        std::back_inserter(gone));
    std::set_difference(new_rows.begin(), new_rows.end(), old_rows.begin(), old_rows.end(),
                        std::back_inserter(added));
    for (const auto& row : gone) out += "  " + name + ": - " + row + "\n";
    for (const auto& row : added) out += "  " + name + ": + " + row + "\n";
  }
  return out;
}

std::vector<std::string> unfit_values(db::Connection& connection,
                                      const schema::ProjectState& state) {
  std::vector<std::string> out;
  if (connection.backend() != db::Backend::kSqlite) return out;
  const db::Dialect& dialect = connection.dialect();
  auto scan = [&](const schema::ModelState& model) {
    for (const auto& field : model.fields) {
      const db::ColumnTypeSpec type = column_type_of(field, state);
      auto predicate = sqlite_unfit_predicate(type, dialect.quote(field.column));
      if (!predicate) continue;
      auto n = connection.count("SELECT count(*) FROM " + dialect.quote(model.table) + " WHERE " +
                                *predicate);
      if (n > 0) {
        out.push_back(model.table + "." + field.column + " holds " + std::to_string(n) +
                      " value(s) " + postgres_type_name(type) +
                      " cannot hold (a storage class changed silently)");
      }
    }
  };
  for (const auto& [key, model] : state.models) {
    scan(model);
    for (const auto& m2m : model.many_to_many) scan(link_model(model, m2m));
  }
  return out;
}

}  // namespace lectern::migrations
