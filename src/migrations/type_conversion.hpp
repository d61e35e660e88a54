// How the values of a column change type on SQLite so that they end as they
// would on PostgreSQL, or are refused as PostgreSQL would refuse them: the
// value the table rebuild copies, and the row guard it runs after the copy.
// Also the substitution that lets one conversion expression, written for a
// key, serve each foreign-key column that follows it. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "db/dialect.hpp"

namespace lectern::migrations {

// `expression` with every identifier `from` (bare or double-quoted, outside
// string literals) replaced by `to`, quoted by `dialect`:
// substitute_column("lpad(to_hex(id), 32, '0')::uuid", "id", "\"course_id\"")
// gives "lpad(to_hex(\"course_id\"), 32, '0')::uuid".
std::string substitute_column(std::string_view expression, std::string_view from,
                              std::string_view to_sql);

// SQLite: the value copied for `column_sql` (a quoted column of the old
// table) changing from `from` to `to` where SQLite's column affinity would
// convert differently from PostgreSQL's cast (a real rounds to an integer;
// a boolean becomes 'true'/'false'); otherwise `column_sql` itself.
std::string sqlite_conversion(const db::ColumnTypeSpec& from, const db::ColumnTypeSpec& to,
                              const std::string& column_sql);

// SQLite: a predicate over `column_sql`, true for a non-NULL value that a
// column of type `to` cannot hold on PostgreSQL (the wrong storage class,
// out of range, too long, not a UUID); nullopt for types not checked
// (timestamps, dates, JSON and bytes keep their own constraints).
std::optional<std::string> sqlite_unfit_predicate(const db::ColumnTypeSpec& to,
                                                  const std::string& column_sql);

// A row guard (kRefuseIfRowMarker): the rows of `table_sql` whose
// `column` cannot hold `to`, counted in a sentence naming `label`
// ("learning_note.title"); nullopt when the type is not checked.
std::optional<std::string> sqlite_unfit_rows_guard(const db::Dialect& dialect,
                                                   const std::string& table_sql,
                                                   const std::string& column,
                                                   const std::string& label,
                                                   const db::ColumnTypeSpec& to);

// A row guard that always refuses, with `reason`.
std::string refusal_guard(const db::Dialect& dialect, std::string_view reason);

}  // namespace lectern::migrations
