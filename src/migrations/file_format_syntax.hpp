// The words and characters of the migration file format (docs/migrations.md),
// shared by its reader, parser and writer: name rules, keyword and type
// tables, and quoting. Internal to src/migrations; pure, any thread.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "core/text.hpp"
#include "migrations/file_format.hpp"

namespace lectern::migrations::syntax {

// The characters of names, for one look-up per character: every file's
// names are checked several times (path, header, dependencies, fields).
enum NameChar : std::uint8_t {
  kLabelChar = 1,       // a-z, 0-9, _: app labels and migration names
  kIdentifierChar = 2,  // A-Z, a-z, 0-9, _
};
inline constexpr std::array<std::uint8_t, 256> kNameChars = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const bool lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    const bool upper = c >= 'A' && c <= 'Z', underscore = c == '_';
    if (lower || digit || underscore) table[c] |= kLabelChar;
    if (lower || digit || upper || underscore) table[c] |= kIdentifierChar;
  }
  return table;
}();

inline bool all_of_class(std::string_view s, NameChar cls) {
  for (char c : s) {
    if (!(kNameChars[static_cast<unsigned char>(c)] & cls)) return false;
  }
  return true;
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool is_identifier_char(char c) {
  return kNameChars[static_cast<unsigned char>(c)] & kIdentifierChar;
}
// '\r' too, so that a file checked out with CRLF line ends still reads.
constexpr std::string_view kBlanks = " \t\r";
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}
inline std::string_view trim_blanks(std::string_view s) {
  return trim(s, kBlanks);
}

// Model, field, index and constraint names: [A-Za-z_][A-Za-z0-9_]*.
inline bool is_identifier(std::string_view s) {
  return !s.empty() && !is_digit(s[0]) && all_of_class(s, kIdentifierChar);
}
// "app.Model".
bool is_model_reference(std::string_view s);
// "app.W001".
bool is_check_code(std::string_view s);

// How an offending token appears after "found": quoted, and cut short so the
// message stays on one readable line.
std::string quoted_found(std::string_view token);

constexpr std::string_view kEndOfLine = "end of line";
constexpr std::string_view kEndOfFile = "end of file";

constexpr std::string_view kOperations =
    "create_model, delete_model, rename_model, add_field, remove_field, alter_field, "
    "rename_field, add_index, remove_index, add_constraint, remove_constraint, run_sql";
constexpr std::string_view kTypes =
    "bigauto, bigint, integer, smallint, boolean, text, varchar(N), double, decimal(P,S), "
    "timestamp, date, uuid, json, bytes";

constexpr std::array<std::pair<schema::ColumnType, std::string_view>, 14> kTypeNames{{
    {schema::ColumnType::kBigAutoId, "bigauto"},
    {schema::ColumnType::kBigInt, "bigint"},
    {schema::ColumnType::kInteger, "integer"},
    {schema::ColumnType::kSmallInt, "smallint"},
    {schema::ColumnType::kBoolean, "boolean"},
    {schema::ColumnType::kText, "text"},
    {schema::ColumnType::kVarchar, "varchar"},
    {schema::ColumnType::kDouble, "double"},
    {schema::ColumnType::kDecimal, "decimal"},
    {schema::ColumnType::kTimestamp, "timestamp"},
    {schema::ColumnType::kDate, "date"},
    {schema::ColumnType::kUuid, "uuid"},
    {schema::ColumnType::kJson, "json"},
    {schema::ColumnType::kBytes, "bytes"},
}};

constexpr std::array<std::pair<schema::Relation, std::string_view>, 2> kRelationNames{{
    {schema::Relation::kForeignKey, "foreign_key"},
    {schema::Relation::kOneToOne, "one_to_one"},
}};

// kOperations as a table.
constexpr std::array<std::string_view, 12> kOperationKeywords{
    "create_model", "delete_model",   "rename_model",      "add_field",
    "remove_field", "alter_field",    "rename_field",      "add_index",
    "remove_index", "add_constraint", "remove_constraint", "run_sql"};

constexpr bool keywords_match_operations() {
  std::string_view rest = kOperations;
  for (std::string_view keyword : kOperationKeywords) {
    if (!rest.starts_with(keyword)) return false;
    rest.remove_prefix(keyword.size());
    if (rest.starts_with(", ")) rest.remove_prefix(2);
  }
  return rest.empty();
}
static_assert(keywords_match_operations());

// Asked of every statement: most (field, end, depends) fail the first test.
constexpr bool could_be_operation(std::string_view word) {
  return !word.empty() && (word[0] == 'a' || word[0] == 'c' || word[0] == 'd' || word[0] == 'r');
}
static_assert(std::all_of(kOperationKeywords.begin(), kOperationKeywords.end(),
                          could_be_operation));

inline bool is_operation_keyword(std::string_view word) {
  if (!could_be_operation(word)) return false;
  return std::find(kOperationKeywords.begin(), kOperationKeywords.end(), word) !=
         kOperationKeywords.end();
}

// The column a field gets when the file does not say: Django's convention.
std::string default_column(const schema::FieldSpec& field);

// `text` in quotes, with C escapes, as the parser reads it back.
std::string quote(std::string_view text);
// Bare when the parser would read it back unchanged, else quoted.
std::string value(std::string_view text);

}  // namespace lectern::migrations::syntax
