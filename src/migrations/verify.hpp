// `lectern verify`: the live schema against the one the applied migrations
// promise. expected_schema() renders a ProjectState as the LiveSchema that
// the schema editor's DDL leaves in one backend's catalogue; compare_schemas()
// lists every difference, one line each with a stable code. Pure functions:
// reading the catalogue is introspection.hpp's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/dialect.hpp"
#include "migrations/introspection.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

// One difference. Codes: E001 missing table, E002 extra table, E003 column
// type, E004 nullability, E005 default, E006 missing column, E007 extra
// column, E008 primary key, E009 missing index, E010 extra index, E011
// index columns or uniqueness, E012 missing foreign key, E013 extra foreign
// key, E014 foreign-key target, E015 on delete, E016 foreign-key column type
// differs from the referenced key, E017 missing check, E018 extra check,
// E019 check expression.
struct SchemaDifference {
  std::string code;  // "verify.E003"
  std::string table;
  std::string columns;  // "price_cents", "a, b", or "" for the whole table
  std::string message;  // "type is integer, migrations say bigint"
  bool operator==(const SchemaDifference&) const = default;
};

// "verify.E003 table courses_course column price_cents: type is integer,
// migrations say bigint".
std::string to_string(const SchemaDifference& difference);

// What the catalogue of `dialect`'s backend shows after the schema editor
// created `state`: the same types, defaults and derived names.
LiveSchema expected_schema(const schema::ProjectState& state, const db::Dialect& dialect);

// Every difference of `live` from `expected`, by table name, then columns,
// indexes, foreign keys and checks. Both sides are normalized first (below).
// Checks pair up by name, except on SQLite, where renames leave constraint
// names behind (schema_editor.hpp) and they pair up by expression.
std::vector<SchemaDifference> compare_schemas(const LiveSchema& expected, const LiveSchema& live,
                                              db::Backend backend);

// Where the catalogue spells one thing several ways, the one spelling both
// sides are compared in: PostgreSQL's format_type and pg_get_expr text
// ("character varying(200)", "'x'::character varying", "'-1'::integer",
// "CHECK ((a >= 0))", a jsonb document with its keys sorted) and the schema
// editor's ("varchar(200)", "'x'", "-1", "\"a\" >= 0", the JSON as written).
namespace normalize {
std::string type(std::string_view type);
std::string default_sql(std::string_view sql);
std::string expression(std::string_view sql);
}  // namespace normalize

}  // namespace lectern::migrations
