#include "migrations/backends/postgres/introspection.hpp"

#include <sstream>

#include "core/text.hpp"
#include "migrations/recorder.hpp"

namespace lectern::migrations {

namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) out.push_back(part);
  return out;
}

std::string pg_on_delete(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "r") return "RESTRICT";
  if (code == "d") return "SET DEFAULT";
  return "NO ACTION";
}

}  // namespace

LiveSchema PostgresIntrospection::read_schema() {
  db::Connection& conn = connection_;
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

bool PostgresIntrospection::column_exists(const std::string& table, const std::string& column) {
  return connection_.count(
             "SELECT count(*) FROM information_schema.columns "
             "WHERE table_schema = current_schema() AND table_name = $1 "
             "AND column_name = $2",
             table, column) > 0;
}

std::set<std::string> PostgresIntrospection::index_and_trigger_names(const std::string& table) {
  std::set<std::string> out;
  for (const auto& row :
       connection_.query("SELECT ic.relname::text FROM pg_catalog.pg_index ix "
                         "JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid "
                         "JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
                         "WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace "
                         "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con "
                         "WHERE con.conindid = ix.indexrelid) "
                         "UNION SELECT tg.tgname::text FROM pg_catalog.pg_trigger tg "
                         "JOIN pg_catalog.pg_class t ON t.oid = tg.tgrelid "
                         "WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace "
                         "AND NOT tg.tgisinternal",
                         table)) {
    out.insert(row.get<std::string>(0));
  }
  return out;
}

}  // namespace lectern::migrations
