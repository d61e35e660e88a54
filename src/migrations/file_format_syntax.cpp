#include "migrations/file_format_syntax.hpp"

#include <cstdio>

namespace lectern::migrations {

namespace syntax {

bool is_model_reference(std::string_view s) {
  auto dot = s.find('.');
  return dot != std::string_view::npos && is_valid_app_label(s.substr(0, dot)) &&
         is_identifier(s.substr(dot + 1));
}

bool is_check_code(std::string_view s) {
  auto dot = s.find('.');
  if (dot == std::string_view::npos || !is_valid_app_label(s.substr(0, dot))) return false;
  auto code = s.substr(dot + 1);
  if (code.size() < 2 || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code.substr(1)) {
    if (!is_digit(c)) return false;
  }
  return true;
}

std::string quoted_found(std::string_view token) {
  constexpr std::size_t kMax = 40;
  std::string out = "'";
  out += token.size() > kMax ? std::string(token.substr(0, kMax)) + "..." : std::string(token);
  out += "'";
  return out;
}

std::string default_column(const schema::FieldSpec& field) {
  return field.relation == schema::Relation::kNone ? field.name : field.name + "_id";
}

std::string quote(std::string_view text) {
  const char q =
      text.find('"') != std::string_view::npos && text.find('\'') == std::string_view::npos ? '\''
                                                                                            : '"';
  std::string out(1, q);
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == q) {
          out += '\\';
          out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[5];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += q;
  return out;
}

std::string value(std::string_view text) {
  bool bare = !text.empty();
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || std::string_view("\"',()\\").find(c) != std::string_view::npos) {
      bare = false;
    }
  }
  return bare ? std::string(text) : quote(text);
}

}  // namespace syntax

bool is_valid_app_label(std::string_view app) {
  return !app.empty() && app[0] >= 'a' && app[0] <= 'z' &&
         syntax::all_of_class(app, syntax::kLabelChar);
}

bool is_valid_migration_name(std::string_view name) {
  if (name.size() < 6 || name[4] != '_') return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!syntax::is_digit(name[i])) return false;
  }
  return syntax::all_of_class(name.substr(5), syntax::kLabelChar);
}

}  // namespace lectern::migrations
