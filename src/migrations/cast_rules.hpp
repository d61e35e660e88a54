// What each backend does with a column type change (an AlterField from one
// ColumnTypeSpec to another): on PostgreSQL, whether `ALTER COLUMN ... TYPE`
// works as written, only with USING, or never, and whether it rewrites the
// table; on SQLite, always the table rebuild. The PostgreSQL table is checked
// against a live server for every pair (tests/migrations/cast_rules_test.cpp),
// so it cannot drift from the engine. Pure functions, any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "db/value.hpp"

namespace lectern::migrations {

enum class CastKind {
  kSame,        // the column type does not change
  kAsWritten,   // an implicit or assignment cast exists: no USING needed
  kNeedsUsing,  // only an explicit cast: `ALTER COLUMN TYPE` needs `USING c::type`
  kNever,       // no cast at all ("cannot cast type bigint to uuid")
};

std::string_view to_string(CastKind kind);

struct PostgresCast {
  CastKind kind = CastKind::kSame;
  // The table (and its indexes) is rewritten under an ACCESS EXCLUSIVE lock.
  // Meaningful for kAsWritten; a USING conversion always rewrites.
  bool rewrites = false;
  // Existing values may not fit the new type (bigint -> integer,
  // text -> varchar(n), numeric precision down): PostgreSQL then fails the
  // whole ALTER, so `check --database` counts those rows first.
  bool may_fail_on_data = false;
};

// The PostgreSQL verdict for changing a column from `from` to `to`. The
// project key (kBigAutoId) is a bigint column here: the engine drops its
// identity before changing its type.
PostgresCast postgres_cast(const db::ColumnTypeSpec& from, const db::ColumnTypeSpec& to);

// SQLite has no ALTER COLUMN TYPE: every type change goes through the table
// rebuild (new table, rows copied converting by column affinity, old table
// dropped, new one renamed), which the engine performs; affinity never
// refuses a value, the new column's constraints may. One line saying so.
std::string sqlite_type_change_note(std::string_view table);

// The column type as PostgreSQL names it ("bigint", "varchar(20)",
// "numeric(10, 2)"); the project key is "bigint".
std::string postgres_type_name(const db::ColumnTypeSpec& spec);

// The rows a change with may_fail_on_data would fail on, as a WHERE
// predicate over `column_sql` (an already quoted identifier) with $1, $2, ...
// parameters: `SELECT count(*) FROM t WHERE <predicate>`. nullopt when the
// change cannot fail on data.
struct RowPredicate {
  std::string sql;
  std::vector<db::Value> params;
};
std::optional<RowPredicate> failing_rows_predicate(const db::ColumnTypeSpec& from,
                                                   const db::ColumnTypeSpec& to,
                                                   std::string_view column_sql);

}  // namespace lectern::migrations
