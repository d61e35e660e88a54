#include "migrations/leftover_index.hpp"

#include "db/result.hpp"

namespace lectern::migrations {

LeftoverIndex find_leftover_index(db::Connection& connection, const schema::ModelState& model,
                                  const schema::IndexSpec& index) {
  auto rows = connection.query(
      "SELECT c.relkind::text AS kind, coalesce(i.indisvalid, false) AS valid, "
      "coalesce(i.indisunique, false) AS is_unique, "
      "coalesce(t.relname::text, '') AS table_name, "
      "(i.indpred IS NULL AND i.indexprs IS NULL) AS plain, "
      "coalesce((SELECT string_agg(a.attname::text, ',' ORDER BY k.n) "
      "  FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) "
      "  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum), '') AS columns "
      "FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid "
      "LEFT JOIN pg_class t ON t.oid = i.indrelid "
      "WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace",
      index.name);
  if (rows.empty()) return LeftoverIndex::kNone;
  const auto& row = rows.front();
  if (row.get<std::string>("kind") != "i") return LeftoverIndex::kDifferent;
  if (!row.get<bool>("valid")) return LeftoverIndex::kInvalid;
  std::string columns;
  for (const auto& field_name : index.fields) {
    const schema::FieldSpec* f = model.field(field_name);
    if (!columns.empty()) columns += ',';
    columns += f ? f->column : field_name;
  }
  const bool same = row.get<std::string>("table_name") == model.table && row.get<bool>("plain") &&
                    row.get<bool>("is_unique") == index.unique &&
                    row.get<std::string>("columns") == columns;
  return same ? LeftoverIndex::kSame : LeftoverIndex::kDifferent;
}

}  // namespace lectern::migrations
