// verify.hpp's normalize::: the one place where the catalogue's spellings
// and the schema editor's meet. Scanners here step over '...' literals.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "migrations/verify.hpp"

namespace lectern::migrations::normalize {

namespace {

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Lower case outside string literals; identifiers quoted with "..." lose
// their quotes when `drop_identifier_quotes`.
std::string fold(std::string_view s, bool drop_identifier_quotes) {
  std::string out;
  bool in_literal = false;
  for (char c : s) {
    if (c == '\'') in_literal = !in_literal;  // '' inside a literal toggles twice
    if (in_literal || c == '\'') {
      out += c;
      continue;
    }
    if (c == '"' && drop_identifier_quotes) continue;
    out += char(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Type names that PostgreSQL writes in casts with a space in them.
constexpr std::array<std::string_view, 6> kMultiWordTypes = {
    "character varying",           "double precision",    "timestamp with time zone",
    "timestamp without time zone", "time with time zone", "time without time zone"};

// Removes every `::type` cast outside literals (after fold()); the names of
// the removed types go to `removed`.
std::string strip_casts(std::string_view s, std::vector<std::string>* removed = nullptr) {
  std::string out;
  bool in_literal = false;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\'') in_literal = !in_literal;
    if (in_literal || c != ':' || i + 1 >= s.size() || s[i + 1] != ':') {
      out += c;
      ++i;
      continue;
    }
    std::size_t j = i + 2;
    while (j < s.size() && is_space(s[j])) ++j;
    std::size_t name_begin = j;
    bool matched = false;
    for (auto name : kMultiWordTypes) {
      if (s.substr(j, name.size()) == name &&
          (j + name.size() == s.size() || !is_word(s[j + name.size()]))) {
        j += name.size();
        matched = true;
        break;
      }
    }
    if (!matched) {
      while (j < s.size() && is_word(s[j])) ++j;
    }
    if (removed) removed->emplace_back(s.substr(name_begin, j - name_begin));
    if (j < s.size() && s[j] == '(') {
      std::size_t close = s.find(')', j);
      j = close == std::string_view::npos ? s.size() : close + 1;
    }
    while (j + 1 < s.size() && s[j] == '[' && s[j + 1] == ']') j += 2;
    i = j;
  }
  return out;
}

// The number `text` spells, in one canonical spelling; nullopt when it is no
// number. Integers stay exact; other numbers take their shortest form.
std::optional<std::string> canonical_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  const char* end = text.data() + text.size();
  std::int64_t integer = 0;
  if (auto [at, ec] = std::from_chars(text.data(), end, integer); ec == std::errc() && at == end) {
    return std::to_string(integer);
  }
  double number = 0;
  auto [at, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc() || at != end || !std::isfinite(number)) return std::nullopt;
  char buf[64];
  auto [out_end, out_ec] = std::to_chars(buf, buf + sizeof buf, number);
  return std::string(buf, out_end);
}

// The end of the literal that opens at s[open] (one past its closing quote;
// '' is a quote inside it).
std::size_t literal_end(std::string_view s, std::size_t open) {
  std::size_t i = open + 1;
  while (i < s.size()) {
    if (s[i] != '\'') {
      ++i;
    } else if (i + 1 < s.size() && s[i + 1] == '\'') {
      i += 2;
    } else {
      return i + 1;
    }
  }
  return s.size();
}

// '-1' -> -1: PostgreSQL quotes negative and large constants ('-1'::integer).
std::string unquote_numbers(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '\'') {
      out += s[i++];
      continue;
    }
    std::size_t end = literal_end(s, i);
    std::string_view literal = s.substr(i, end - i);
    auto number = literal.size() >= 2 && literal.back() == '\''
                      ? canonical_number(literal.substr(1, literal.size() - 2))
                      : std::nullopt;
    out += number ? *number : std::string(literal);
    i = end;
  }
  return out;
}

bool encloses_all(std::string_view s) {
  if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
  int depth = 0;
  bool in_literal = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'') in_literal = !in_literal;
    if (in_literal) continue;
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0 && i + 1 < s.size()) return false;
  }
  return true;
}

// JSON text in one spelling, as jsonb stores a document: no whitespace
// between tokens, object keys sorted and unique (the last one wins),
// numbers canonical. nullopt when `text` is not JSON.
class CanonicalJson {
 public:
  static std::optional<std::string> of(std::string_view text) {
    CanonicalJson parser(text);
    auto value = parser.value();
    parser.skip_space();
    if (!value || parser.at_ != text.size()) return std::nullopt;
    return value;
  }

 private:
  explicit CanonicalJson(std::string_view text) : text_(text) {}

  void skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }
  bool take(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  std::optional<std::string> value() {
    skip_space();
    if (at_ >= text_.size()) return std::nullopt;
    if (take('{')) return object();
    if (take('[')) return array();
    if (text_[at_] == '"') return string();
    std::size_t begin = at_;
    while (at_ < text_.size() &&
           std::string_view(",]}").find(text_[at_]) == std::string_view::npos &&
           !is_space(text_[at_])) {
      ++at_;
    }
    std::string_view word = text_.substr(begin, at_ - begin);
    if (word == "true" || word == "false" || word == "null") return std::string(word);
    return canonical_number(word);
  }

  std::optional<std::string> object() {
    std::map<std::string, std::string> members;
    if (!take('}')) {
      do {
        skip_space();
        auto key = string();
        if (!key || !take(':')) return std::nullopt;
        auto member = value();
        if (!member) return std::nullopt;
        members[*key] = *member;
      } while (take(','));
      if (!take('}')) return std::nullopt;
    }
    std::string out = "{";
    for (const auto& [key, member] : members)
      out += (out.size() > 1 ? "," : "") + key + ":" + member;
    return out + "}";
  }

  std::optional<std::string> array() {
    std::string out = "[";
    if (!take(']')) {
      do {
        auto item = value();
        if (!item) return std::nullopt;
        out += (out.size() > 1 ? "," : "") + *item;
      } while (take(','));
      if (!take(']')) return std::nullopt;
    }
    return out + "]";
  }

  std::optional<std::string> string() {
    if (at_ >= text_.size() || text_[at_] != '"') return std::nullopt;
    std::size_t begin = at_++;
    while (at_ < text_.size() && text_[at_] != '"') at_ += text_[at_] == '\\' ? 2 : 1;
    if (at_ >= text_.size()) return std::nullopt;
    ++at_;
    return std::string(text_.substr(begin, at_ - begin));
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

// A JSON document in a SQL literal ('{"a": 1}'), canonical; other text as is.
std::string canonical_json_literal(const std::string& literal) {
  if (literal.size() < 2 || literal.front() != '\'' || literal.back() != '\'') return literal;
  std::string text;
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    text += literal[i];
    if (literal[i] == '\'') ++i;  // '' -> '
  }
  auto canonical = CanonicalJson::of(text);
  if (!canonical) return literal;
  std::string out = "'";
  for (char c : *canonical) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string type(std::string_view text) {
  // One space between words, none around ( , ): "numeric(10, 2)" ->
  // "numeric(10,2)", as PostgreSQL's format_type writes it.
  std::string folded = fold(trim(text), false);
  std::string out;
  for (char c : folded) {
    if (is_space(c)) {
      if (out.empty() || out.back() == '(' || out.back() == ',' || out.back() == ' ') continue;
      out += ' ';
      continue;
    }
    if ((c == '(' || c == ',' || c == ')') && !out.empty() && out.back() == ' ') out.pop_back();
    out += c;
  }
  // PostgreSQL's long names and aliases, as the schema editor writes them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kAliases = {{
      {"character varying", "varchar"},
      {"character", "char"},
      {"int8", "bigint"},
      {"int4", "integer"},
      {"int2", "smallint"},
      {"float8", "double precision"},
      {"timestamptz", "timestamp with time zone"},
  }};
  for (auto [alias, name] : kAliases) {
    if (out.compare(0, alias.size(), alias) == 0 &&
        (out.size() == alias.size() || out[alias.size()] == '(')) {
      return std::string(name) + out.substr(alias.size());
    }
  }
  return out;
}

std::string default_sql(std::string_view sql) {
  std::string s = fold(trim(sql), false);
  while (encloses_all(s)) s = std::string(trim(std::string_view(s).substr(1, s.size() - 2)));
  std::vector<std::string> casts;
  s = std::string(trim(strip_casts(s, &casts)));
  while (encloses_all(s)) s = std::string(trim(std::string_view(s).substr(1, s.size() - 2)));
  // jsonb keeps a document, not its text: `{"b":1,"a":2}` comes back as
  // `{"a": 2, "b": 1}`.
  if (std::find(casts.begin(), casts.end(), "jsonb") != casts.end() ||
      std::find(casts.begin(), casts.end(), "json") != casts.end()) {
    s = canonical_json_literal(s);
  }
  s = unquote_numbers(s);
  if (auto number = canonical_number(s)) return *number;
  return s;
}

std::string expression(std::string_view sql) {
  std::string s(trim(fold(sql, true)));
  // PostgreSQL's pg_get_constraintdef starts with the keyword.
  if (s.rfind("check", 0) == 0 && s.size() > 5 && !is_word(s[5])) s.erase(0, 5);
  s = unquote_numbers(strip_casts(s));
  std::string out;
  bool in_literal = false;
  for (char c : s) {
    if (c == '\'') in_literal = !in_literal;
    if (!in_literal && c != '\'' && (c == '(' || c == ')' || is_space(c))) continue;
    out += c;
  }
  return out;
}

}  // namespace lectern::migrations::normalize
