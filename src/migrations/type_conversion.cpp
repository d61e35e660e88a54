#include "migrations/type_conversion.hpp"

#include <cctype>

#include "migrations/cast_rules.hpp"
#include "migrations/schema_editor.hpp"

namespace lectern::migrations {

using db::ColumnType;
using db::ColumnTypeSpec;

namespace {

bool identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool is_integer(ColumnType t) {
  return t == ColumnType::kBigAutoId || t == ColumnType::kBigInt || t == ColumnType::kInteger ||
         t == ColumnType::kSmallInt;
}

std::string integer_range(ColumnType t) {
  switch (t) {
    case ColumnType::kSmallInt:
      return "-32768 AND 32767";
    case ColumnType::kInteger:
      return "-2147483648 AND 2147483647";
    default:
      return "";  // SQLite's integers are 64-bit: any integer fits bigint
  }
}

}  // namespace

std::string substitute_column(std::string_view expression, std::string_view from,
                              std::string_view to_sql) {
  std::string out;
  out.reserve(expression.size() + 16);
  std::size_t i = 0;
  while (i < expression.size()) {
    const char c = expression[i];
    if (c == '\'') {  // a string literal, '' inside it
      std::size_t end = i + 1;
      while (end < expression.size()) {
        if (expression[end] == '\'') {
          if (end + 1 < expression.size() && expression[end + 1] == '\'') {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      end = std::min(end + 1, expression.size());
      out.append(expression.substr(i, end - i));
      i = end;
    } else if (c == '"') {  // a quoted identifier
      std::size_t end = expression.find('"', i + 1);
      if (end == std::string_view::npos) end = expression.size() - 1;
      std::string_view name = expression.substr(i + 1, end - i - 1);
      if (name == from) {
        out.append(to_sql);
      } else {
        out.append(expression.substr(i, end + 1 - i));
      }
      i = end + 1;
    } else if (identifier_start(c) && (i == 0 || !identifier_char(expression[i - 1]))) {
      std::size_t end = i;
      while (end < expression.size() && identifier_char(expression[end])) ++end;
      std::string_view word = expression.substr(i, end - i);
      // `::uuid` names a type, never the column.
      const bool type_name = i >= 2 && expression.substr(i - 2, 2) == "::";
      if (!type_name && same_name(word, from)) {
        out.append(to_sql);
      } else {
        out.append(word);
      }
      i = end;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

std::string sqlite_conversion(const ColumnTypeSpec& from, const ColumnTypeSpec& to,
                              const std::string& c) {
  if (is_integer(to.type) &&
      (from.type == ColumnType::kDouble || from.type == ColumnType::kDecimal)) {
    // PostgreSQL rounds to the nearest integer; SQLite's affinity would keep
    // a real with a fraction as it is.
    return "CASE WHEN typeof(" + c + ") = 'real' THEN CAST(round(" + c + ") AS INTEGER) ELSE " + c +
           " END";
  }
  if (from.type == ColumnType::kBoolean &&
      (to.type == ColumnType::kText || to.type == ColumnType::kVarchar)) {
    return "CASE WHEN " + c + " IS NULL THEN NULL WHEN " + c + " THEN 'true' ELSE 'false' END";
  }
  return c;
}

std::optional<std::string> sqlite_unfit_predicate(const ColumnTypeSpec& to, const std::string& c) {
  std::string unfit;
  switch (to.type) {
    case ColumnType::kBigAutoId:
    case ColumnType::kBigInt:
    case ColumnType::kInteger:
    case ColumnType::kSmallInt: {
      unfit = "typeof(" + c + ") <> 'integer'";
      const std::string range = integer_range(to.type);
      if (!range.empty()) unfit += " OR " + c + " NOT BETWEEN " + range;
      break;
    }
    case ColumnType::kBoolean:
      unfit = "typeof(" + c + ") <> 'integer' OR " + c + " NOT IN (0, 1)";
      break;
    case ColumnType::kText:
      unfit = "typeof(" + c + ") <> 'text'";
      break;
    case ColumnType::kVarchar:
      unfit = "typeof(" + c + ") <> 'text' OR length(" + c + ") > " + std::to_string(to.max_length);
      break;
    case ColumnType::kDouble:
      unfit = "typeof(" + c + ") NOT IN ('integer', 'real')";
      break;
    case ColumnType::kDecimal:
      unfit = "typeof(" + c + ") NOT IN ('integer', 'real') OR abs(round(" + c + ", " +
              std::to_string(to.scale) + ")) >= 1" +
              std::string(std::size_t(std::max(0, to.precision - to.scale)), '0');
      break;
    case ColumnType::kUuid:
      // 8-4-4-4-12 hexadecimal digits, as PostgreSQL prints a uuid.
      unfit = "typeof(" + c + ") <> 'text' OR length(" + c + ") <> 36 OR lower(" + c +
              ") NOT GLOB "
              "'[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
              "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
              "[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
              "[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]"
              "[0-9a-f][0-9a-f]'";
      break;
    default:
      return std::nullopt;
  }
  return c + " IS NOT NULL AND (" + unfit + ")";
}

std::optional<std::string> sqlite_unfit_rows_guard(const db::Dialect& dialect,
                                                   const std::string& table_sql,
                                                   const std::string& column,
                                                   const std::string& label,
                                                   const ColumnTypeSpec& to) {
  auto predicate = sqlite_unfit_predicate(to, dialect.quote(column));
  if (!predicate) return std::nullopt;
  return std::string(kRefuseIfRowMarker) + "SELECT count(*) || " +
         dialect.quote_literal(" row(s) of " + label + " cannot hold " + postgres_type_name(to) +
                               " (PostgreSQL refuses such values, and so does SQLite)") +
         " FROM " + table_sql + " WHERE " + *predicate + " HAVING count(*) > 0";
}

std::string refusal_guard(const db::Dialect& dialect, std::string_view reason) {
  return std::string(kRefuseIfRowMarker) + "SELECT " + dialect.quote_literal(reason);
}

}  // namespace lectern::migrations
