#include "migrations/cast_rules.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace lectern::migrations {

using db::ColumnType;
using db::ColumnTypeSpec;

namespace {

// PostgreSQL 15, measured on a table with one row by
// tests/migrations/cast_rules_test.cpp (`ALTER COLUMN c TYPE b` without
// USING, then with `USING c::b`; a rewrite is a new pg_relation_filenode):
//   '=' same type (sizes decide, below)   'w' as written, no rewrite
//   'W' as written, rewrites the table    'U' only with USING
//   'N' no cast at all
// Rows are the old type, columns the new one, in ColumnType order without the
// project key (a bigint column here).
constexpr int kTypes = 13;
constexpr std::array<std::string_view, kTypes> kPostgresRules = {
    // to: bi in sm bo tx vc db de ts da uu js by
    "=WWNWWWWNNNNN",  // bigint
    "W=WUWWWWNNNNN",  // integer
    "WW=NWWWWNNNNN",  // smallint
    "NUN=WWNNNNNNN",  // boolean: only integer, and only explicitly
    "UUUU=WUUUUUUU",  // text: every type through its input function, explicitly
    "UUUUw=UUUUUUU",  // varchar
    "WWWNWW=WNNNNN",  // double precision
    "WWWNWWW=NNNNN",  // numeric
    "NNNNWWNN=WNNN",  // timestamp with time zone
    "NNNNWWNNW=NNN",  // date
    "NNNNWWNNNN=NN",  // uuid: to text only; never from an integer
    "UUUUWWUUNNN=N",  // jsonb: scalars to numbers and boolean, explicitly
    "NNNNWWNNNNNN=",  // bytea
};

int row_of(ColumnType type) {
  if (type == ColumnType::kBigAutoId) type = ColumnType::kBigInt;
  return int(type) - int(ColumnType::kBigInt);
}

bool is_integer(ColumnType t) {
  return t == ColumnType::kBigAutoId || t == ColumnType::kBigInt || t == ColumnType::kInteger ||
         t == ColumnType::kSmallInt;
}

// Decimal digits an integer type may need.
int integer_digits(ColumnType t) {
  switch (t) {
    case ColumnType::kSmallInt:
      return 5;
    case ColumnType::kInteger:
      return 10;
    default:
      return 19;
  }
}

struct Bounds {
  std::int64_t min;
  std::int64_t max;
};

Bounds integer_bounds(ColumnType t) {
  switch (t) {
    case ColumnType::kSmallInt:
      return {std::numeric_limits<std::int16_t>::min(), std::numeric_limits<std::int16_t>::max()};
    case ColumnType::kInteger:
      return {std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()};
    default:
      return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
  }
}

// Whether values of `from` may not fit `to` (the ALTER then fails on them).
bool may_fail(const ColumnTypeSpec& from, const ColumnTypeSpec& to) {
  if (to.type == ColumnType::kVarchar) {
    return !(from.type == ColumnType::kVarchar && from.max_length <= to.max_length);
  }
  if (is_integer(to.type)) {
    if (is_integer(from.type)) return integer_digits(from.type) > integer_digits(to.type);
    return from.type == ColumnType::kDouble || from.type == ColumnType::kDecimal;
  }
  if (to.type == ColumnType::kDecimal) {
    if (is_integer(from.type)) return integer_digits(from.type) > to.precision - to.scale;
    if (from.type == ColumnType::kDouble) return true;
    if (from.type == ColumnType::kDecimal) {
      // Fewer integer digits, or rounding to fewer decimals carrying into one.
      return to.precision - to.scale < from.precision - from.scale || to.scale < from.scale;
    }
  }
  return false;
}

}  // namespace

std::string_view to_string(CastKind kind) {
  switch (kind) {
    case CastKind::kSame:
      return "same type";
    case CastKind::kAsWritten:
      return "as written";
    case CastKind::kNeedsUsing:
      return "only with USING";
    case CastKind::kNever:
      return "never";
  }
  return "never";
}

PostgresCast postgres_cast(const ColumnTypeSpec& from, const ColumnTypeSpec& to) {
  PostgresCast out;
  const char rule = kPostgresRules[row_of(from.type)][row_of(to.type)];
  switch (rule) {
    case 'w':
      out.kind = CastKind::kAsWritten;
      break;
    case 'W':
      out.kind = CastKind::kAsWritten;
      out.rewrites = true;
      break;
    case 'U':
      out.kind = CastKind::kNeedsUsing;
      out.rewrites = true;
      break;
    case 'N':
      out.kind = CastKind::kNever;
      break;
    default:  // '=': the sizes decide
      if (to.type == ColumnType::kVarchar) {
        if (from.max_length == to.max_length) return out;
        out.kind = CastKind::kAsWritten;
        // A longer varchar is binary compatible; a shorter one checks (and
        // so rewrites) every row.
        out.rewrites = to.max_length < from.max_length;
      } else if (to.type == ColumnType::kDecimal) {
        if (from.precision == to.precision && from.scale == to.scale) return out;
        out.kind = CastKind::kAsWritten;
        out.rewrites = !(from.scale == to.scale && to.precision > from.precision);
      } else {
        return out;
      }
  }
  if (out.kind == CastKind::kAsWritten) out.may_fail_on_data = may_fail(from, to);
  return out;
}

std::string sqlite_type_change_note(std::string_view table) {
  return "SQLite has no ALTER COLUMN TYPE: the engine rebuilds " + std::string(table) +
         " (new table, rows copied converting by column affinity, old table dropped, new one "
         "renamed); only the new column's constraints (NOT NULL, CHECK, JSON validity) can "
         "refuse a value";
}

std::string postgres_type_name(const ColumnTypeSpec& spec) {
  if (spec.type == ColumnType::kBigAutoId) return "bigint";
  return db::dialect_for(db::Backend::kPostgres).type_name(spec);
}

std::optional<RowPredicate> failing_rows_predicate(const ColumnTypeSpec& from,
                                                   const ColumnTypeSpec& to,
                                                   std::string_view column_sql) {
  if (!may_fail(from, to)) return std::nullopt;
  const std::string c(column_sql);
  if (to.type == ColumnType::kVarchar) {
    return RowPredicate{"length(CAST(" + c + " AS text)) > $1", {std::int64_t{to.max_length}}};
  }
  if (is_integer(to.type)) {
    // Casts to integers round to the nearest; integer sources need no round.
    const std::string v = is_integer(from.type) ? c : "round(" + c + ")";
    Bounds b = integer_bounds(to.type);
    return RowPredicate{v + " < $1 OR " + v + " > $2", {b.min, b.max}};
  }
  // numeric(p, s): after rounding to s decimals, |v| < 10^(p - s).
  std::string limit = "1" + std::string(std::size_t(std::max(0, to.precision - to.scale)), '0');
  return RowPredicate{"abs(round(CAST(" + c + " AS numeric), $1)) >= CAST($2 AS numeric)",
                      {std::int64_t{to.scale}, std::move(limit)}};
}

}  // namespace lectern::migrations
