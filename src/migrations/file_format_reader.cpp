#include "migrations/file_format_reader.hpp"

#include <charconv>
#include <cstring>
#include <limits>

#include "core/text.hpp"

namespace lectern::migrations {

MigrationFileError::MigrationFileError(const std::string& source, int line,
                                       std::string_view expected, std::string_view found)
    // Every part may echo the file's bytes (or a path's): one printable line.
    : ValidationError(printable(source) + ":" + std::to_string(line) + ": expected " +
                      printable(expected) + ", found " + printable(found)),
      source_(source),
      line_(line) {}

namespace syntax {

using schema::ColumnType;
using schema::ColumnTypeSpec;
using schema::DefaultValue;

bool Reader::next_line(std::string_view& line) {
  if (next_ >= text_.size()) return false;
  std::size_t nl = text_.find('\n', next_);
  if (nl == std::string_view::npos) nl = text_.size();
  line = text_.substr(next_, nl - next_);
  next_ = nl + 1;
  ++line_;
  return true;
}

bool Reader::next_statement(Statement& out) {
  // One pass over each line (lines are most of a file): trimmed of spaces,
  // skipped when empty or a comment, split after the keyword.
  const char* const text_end = text_.data() + text_.size();
  while (next_ < text_.size()) {
    const char* p = text_.data() + next_;
    const auto* nl = static_cast<const char*>(std::memchr(p, '\n', std::size_t(text_end - p)));
    const char* end = nl ? nl : text_end;
    next_ = std::size_t((nl ? nl + 1 : text_end) - text_.data());
    ++line_;
    while (p != end && is_space(*p)) ++p;
    if (p == end || *p == '#') continue;
    while (is_space(end[-1])) --end;  // stops at *p at the latest
    const char* keyword_end = p;
    while (keyword_end != end && !is_space(*keyword_end)) ++keyword_end;
    out.line = line_;
    out.keyword = std::string_view(p, std::size_t(keyword_end - p));
    out.rest = std::string_view(keyword_end, std::size_t(end - keyword_end));
    return true;
  }
  return false;
}

std::string_view Reader::read_quoted(const Statement& st, std::string_view& rest,
                                     Words& words) const {
  const char quote = rest.front();
  rest.remove_prefix(1);
  // Without escapes the value is the text between the quotes, as it is.
  std::size_t plain = 0;
  while (plain < rest.size() && rest[plain] != quote && rest[plain] != '\\') ++plain;
  if (plain < rest.size() && rest[plain] == quote) {
    std::string_view out = rest.substr(0, plain);
    rest.remove_prefix(plain + 1);
    return out;
  }
  std::string& out = words.decoded_.emplace_front(rest.substr(0, plain));
  rest.remove_prefix(plain);
  while (true) {
    if (rest.empty()) fail(st.line, std::string("a closing ") + quote, kEndOfLine);
    char c = rest.front();
    rest.remove_prefix(1);
    if (c == quote) return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    constexpr std::string_view kEscapes = "an escape (\\\\, \\\", \\', \\n, \\r, \\t, \\xNN)";
    if (rest.empty()) fail(st.line, kEscapes, kEndOfLine);
    char e = rest.front();
    rest.remove_prefix(1);
    switch (e) {
      case '\\':
      case '"':
      case '\'':
        out += e;
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'x': {
        unsigned value = 0;
        auto [ptr, ec] = std::from_chars(
            rest.data(), rest.data() + std::min<std::size_t>(2, rest.size()), value, 16);
        if (ec != std::errc() || ptr != rest.data() + 2) {
          fail(st.line, kEscapes, quoted_found("\\x" + std::string(rest.substr(0, 2))));
        }
        out += char(value);
        rest.remove_prefix(2);
        break;
      }
      default:
        fail(st.line, kEscapes, quoted_found(std::string("\\") + e));
    }
  }
}

// How lex's bare runs treat each character.
enum class BareClass : std::uint8_t { kOther, kStop, kEquals, kComma, kOpen, kClose };
constexpr std::array<BareClass, 256> kBareClass = [] {
  std::array<BareClass, 256> table{};
  for (char c : {' ', '\t', '\r', '"', '\''})
    table[static_cast<unsigned char>(c)] = BareClass::kStop;
  table['='] = BareClass::kEquals;
  table[','] = BareClass::kComma;
  table['('] = BareClass::kOpen;
  table[')'] = BareClass::kClose;
  return table;
}();

void Reader::lex(const Statement& st, Words& out) const {
  const char* p = st.rest.data();
  const char* const end = p + st.rest.size();
  // A bare run stops at whitespace, a quote, or (in values) a comma outside
  // parentheses, so that decimal(10,2) stays one item. Most characters are
  // none of these: one look-up in kBareClass tells.
  auto bare_end = [end](const char* from, bool in_value) {
    int depth = 0;
    for (; from != end; ++from) {
      const BareClass c = kBareClass[static_cast<unsigned char>(*from)];
      if (c == BareClass::kOther) continue;
      if (c == BareClass::kStop) break;
      if (c == BareClass::kEquals) {
        if (!in_value) break;
      } else if (c == BareClass::kComma) {
        if (in_value && depth == 0) break;
      } else {
        depth += c == BareClass::kOpen ? 1 : -1;
      }
    }
    return from;
  };
  auto view = [](const char* from, const char* to) {
    return std::string_view(from, std::size_t(to - from));
  };
  while (true) {
    while (p != end && is_space(*p)) ++p;
    if (p == end) break;
    const char* start = p;
    Word w;
    p = bare_end(start, false);
    w.key = view(start, p);
    w.first_item = std::uint32_t(out.items_.size());
    if (p != end && *p == '=') {
      ++p;
      w.has_value = true;
      while (true) {
        Item item;
        const char* item_end = bare_end(p, true);
        item.text = view(p, item_end);
        p = item_end;
        if (p != end && (*p == '"' || *p == '\'')) {
          item.tag = item.text;
          std::string_view rest = view(p, end);
          item.text = read_quoted(st, rest, out);
          p = rest.data();
          item.quoted = true;
        }
        out.items_.push_back(item);
        if (p == end || *p != ',') break;
        ++p;
      }
    }
    if (p != end && !is_space(*p)) {
      fail(st.line, "a space between words", quoted_found(view(start, p + 1)));
    }
    w.raw = view(start, p);
    out.words_.push_back(w);
  }
  // The items are all in place now: point each word at its own.
  const Item* items = out.items_.data();
  Word* words = out.words_.data();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t end = i + 1 < out.size() ? words[i + 1].first_item : out.items_.size();
    words[i].items = {items + words[i].first_item, items + end};
  }
}

std::string_view Reader::positional(const Statement& st, const Words& words, std::size_t index,
                                    std::string_view what, bool (*valid)(std::string_view)) const {
  if (index >= words.size()) fail(st.line, what, kEndOfLine);
  const Word& w = words[index];
  if (w.has_value || !valid(w.key)) fail(st.line, what, quoted_found(w.raw));
  return w.key;
}

void Reader::no_more_words(const Statement& st, const Words& words, std::size_t count,
                           std::string_view after) const {
  if (words.size() > count) {
    fail(st.line, "end of line after " + std::string(after), quoted_found(words[count].raw));
  }
}

void Reader::flag(const Statement& st, const Word& w) const {
  if (w.has_value) fail(st.line, std::string(w.key) + " without a value", quoted_found(w.raw));
}

const Item& Reader::single(const Statement& st, const Word& w) const {
  if (!w.has_value) fail(st.line, std::string(w.key) + "=<value>", quoted_found(w.raw));
  if (w.items.size() != 1)
    fail(st.line, "one value for " + std::string(w.key), quoted_found(w.raw));
  const Item& item = w.items.front();
  if (!item.quoted && item.text.empty()) {
    fail(st.line, "a value after " + std::string(w.key) + "=", kEndOfLine);
  }
  return item;
}

std::string Reader::text_value(const Statement& st, const Word& w) const {
  const Item& item = single(st, w);
  if (!item.tag.empty()) {
    fail(st.line, "a plain or quoted value for " + std::string(w.key), quoted_found(w.raw));
  }
  return std::string(item.text);
}

std::int64_t Reader::integer_value(const Statement& st, const Word& w) const {
  const Item& item = single(st, w);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(item.text.data(), item.text.data() + item.text.size(), value);
  if (item.quoted || ec != std::errc() || ptr != item.text.data() + item.text.size()) {
    fail(st.line, "an integer for " + std::string(w.key), quoted_found(w.raw));
  }
  return value;
}

std::vector<std::string> Reader::name_list(const Statement& st, const Word& w) const {
  if (!w.has_value) fail(st.line, std::string(w.key) + "=<name>,...", quoted_found(w.raw));
  std::vector<std::string> names;
  for (const Item& item : w.items) {
    if (item.quoted || !is_identifier(item.text)) {
      fail(st.line, "a field name in " + std::string(w.key) + "=", quoted_found(w.raw));
    }
    names.emplace_back(item.text);
  }
  return names;
}

ColumnTypeSpec Reader::column_type(const Statement& st, const Word& w) const {
  const std::string text = text_value(st, w);
  std::string_view base = text;
  std::array<int, 2> params{};  // the first two; more is no type
  std::size_t param_count = 0;
  if (auto open = base.find('('); open != std::string_view::npos && base.back() == ')') {
    std::string_view inside = base.substr(open + 1, base.size() - open - 2);
    base = base.substr(0, open);
    while (true) {
      auto comma = inside.find(',');
      std::string_view part = inside.substr(0, comma);
      int value = 0;
      auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
      if (ec != std::errc() || ptr != part.data() + part.size() || value < 0) {
        fail(st.line, std::string("a column type (") + std::string(kTypes) + ")",
             quoted_found(text));
      }
      if (param_count < params.size()) params[param_count] = value;
      ++param_count;
      if (comma == std::string_view::npos) break;
      inside.remove_prefix(comma + 1);
    }
  }
  for (const auto& [type, name] : kTypeNames) {
    if (name != base) continue;
    const std::size_t wanted = type == ColumnType::kVarchar   ? 1
                               : type == ColumnType::kDecimal ? 2
                                                              : 0;
    if (param_count != wanted) break;
    ColumnTypeSpec spec;
    spec.type = type;
    if (type == ColumnType::kVarchar) spec.max_length = params[0];
    if (type == ColumnType::kDecimal) {
      spec.precision = params[0];
      spec.scale = params[1];
    }
    return spec;
  }
  fail(st.line, std::string("a column type (") + std::string(kTypes) + ")", quoted_found(text));
}

DefaultValue Reader::default_value(const Statement& st, const Word& w) const {
  constexpr std::string_view kWhat =
      "a default (integer, number, true, false, now, \"text\" or json'...')";
  const Item& item = single(st, w);
  DefaultValue d;
  if (item.quoted) {
    if (item.tag.empty()) {
      d.kind = DefaultValue::Kind::kText;
    } else if (item.tag == "json") {
      d.kind = DefaultValue::Kind::kJson;
    } else {
      fail(st.line, kWhat, quoted_found(w.raw));
    }
    d.text = item.text;
    return d;
  }
  const std::string_view t = item.text;
  const char* end = t.data() + t.size();
  if (t == "true" || t == "false") {
    d.kind = DefaultValue::Kind::kBool;
    d.boolean = t == "true";
  } else if (t == "now") {
    d.kind = DefaultValue::Kind::kNow;
  } else if (t.find_first_of(".eEin") == std::string_view::npos) {
    auto [ptr, ec] = std::from_chars(t.data(), end, d.integer);
    if (ec != std::errc() || ptr != end) fail(st.line, kWhat, quoted_found(w.raw));
    d.kind = DefaultValue::Kind::kInteger;
  } else {
    auto [ptr, ec] = std::from_chars(t.data(), end, d.number);
    if (ec != std::errc() || ptr != end) fail(st.line, kWhat, quoted_found(w.raw));
    d.kind = DefaultValue::Kind::kDouble;
  }
  return d;
}

}  // namespace syntax

}  // namespace lectern::migrations
