#include "migrations/file_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <forward_list>
#include <limits>
#include <memory>
#include <set>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace lectern::migrations {

using schema::CheckTerm;
using schema::ColumnType;
using schema::ColumnTypeSpec;
using schema::ConstraintSpec;
using schema::DefaultValue;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ManyToManySpec;
using schema::ModelState;
using schema::Relation;

MigrationFileError::MigrationFileError(const std::string& source, int line,
                                       std::string_view expected, std::string_view found)
    // Every part may echo the file's bytes (or a path's): one printable line.
    : ValidationError(printable(source) + ":" + std::to_string(line) + ": expected " +
                      printable(expected) + ", found " + printable(found)),
      source_(source),
      line_(line) {}

namespace {

// The characters of names, for one look-up per character: every file's
// names are checked several times (path, header, dependencies, fields).
enum NameChar : std::uint8_t {
  kLabelChar = 1,       // a-z, 0-9, _: app labels and migration names
  kIdentifierChar = 2,  // A-Z, a-z, 0-9, _
};
constexpr std::array<std::uint8_t, 256> kNameChars = [] {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const bool lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    const bool upper = c >= 'A' && c <= 'Z', underscore = c == '_';
    if (lower || digit || underscore) table[c] |= kLabelChar;
    if (lower || digit || upper || underscore) table[c] |= kIdentifierChar;
  }
  return table;
}();

bool all_of_class(std::string_view s, NameChar cls) {
  for (char c : s) {
    if (!(kNameChars[static_cast<unsigned char>(c)] & cls)) return false;
  }
  return true;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_identifier_char(char c) {
  return kNameChars[static_cast<unsigned char>(c)] & kIdentifierChar;
}
// '\r' too, so that a file checked out with CRLF line ends still reads.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Model, field, index and constraint names: [A-Za-z_][A-Za-z0-9_]*.
bool is_identifier(std::string_view s) {
  return !s.empty() && !is_digit(s[0]) && all_of_class(s, kIdentifierChar);
}

// "app.Model".
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// How an offending token appears after "found": quoted, and cut short so the
// message stays on one readable line.
std::string quoted_found(std::string_view token) {
  constexpr std::size_t kMax = 40;
  std::string out = "'";
  out += token.size() > kMax ? std::string(token.substr(0, kMax)) + "..." : std::string(token);
  out += "'";
  return out;
}

constexpr std::string_view kEndOfLine = "end of line";
constexpr std::string_view kEndOfFile = "end of file";

constexpr std::string_view kOperations =
    "create_model, delete_model, rename_model, add_field, remove_field, alter_field, "
    "rename_field, add_index, remove_index, add_constraint, remove_constraint, run_sql";
constexpr std::string_view kTypes =
    "bigauto, bigint, integer, smallint, boolean, text, varchar(N), double, decimal(P,S), "
    "timestamp, date, uuid, json, bytes";

constexpr std::array<std::pair<ColumnType, std::string_view>, 14> kTypeNames{{
    {ColumnType::kBigAutoId, "bigauto"},
    {ColumnType::kBigInt, "bigint"},
    {ColumnType::kInteger, "integer"},
    {ColumnType::kSmallInt, "smallint"},
    {ColumnType::kBoolean, "boolean"},
    {ColumnType::kText, "text"},
    {ColumnType::kVarchar, "varchar"},
    {ColumnType::kDouble, "double"},
    {ColumnType::kDecimal, "decimal"},
    {ColumnType::kTimestamp, "timestamp"},
    {ColumnType::kDate, "date"},
    {ColumnType::kUuid, "uuid"},
    {ColumnType::kJson, "json"},
    {ColumnType::kBytes, "bytes"},
}};

constexpr std::array<std::pair<Relation, std::string_view>, 2> kRelationNames{{
    {Relation::kForeignKey, "foreign_key"},
    {Relation::kOneToOne, "one_to_one"},
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

bool is_operation_keyword(std::string_view word) {
  if (!could_be_operation(word)) return false;
  return std::find(kOperationKeywords.begin(), kOperationKeywords.end(), word) !=
         kOperationKeywords.end();
}

// The column a field gets when the file does not say: Django's convention.
std::string default_column(const FieldSpec& field) {
  return field.relation == Relation::kNone ? field.name : field.name + "_id";
}

// ---------------------------------------------------------------------------
// Lexing. A statement is a keyword followed by words; a word is a bare token
// (a name or a flag) or key=value, where a value is a comma-separated list of
// items, each bare or quoted ("..." or '...', C escapes), a quoted item
// optionally tagged (json'...').

// Views into the file's text, which outlives the parse, except for quoted
// values holding escapes: those views are into their Words' decoded text.
struct Item {
  std::string_view text;
  std::string_view tag;
  bool quoted = false;
};

struct Word {
  std::string_view raw;
  std::string_view key;  // the whole word when it has no value
  bool has_value = false;
  std::span<const Item> items;
  std::uint32_t first_item = 0;  // where `items` start in their Words while lexing
};

// The first N elements in place, the rest (rarely any) on the heap. For
// trivial types only: the place is left uninitialized until used, since
// filling it took longer than lexing most statements.
template <typename T, std::size_t N>
class SmallVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  SmallVector() {}
  SmallVector(const SmallVector&) = delete;
  SmallVector& operator=(const SmallVector&) = delete;

  std::size_t size() const { return size_; }
  const T* data() const { return heap_.empty() ? fixed_ : heap_.data(); }
  T* data() { return heap_.empty() ? fixed_ : heap_.data(); }
  void push_back(const T& value) {
    if (heap_.empty() && size_ < N) {
      std::construct_at(fixed_ + size_++, value);
      return;
    }
    if (heap_.empty()) heap_.assign(fixed_, fixed_ + size_);
    heap_.push_back(value);
    ++size_;
  }

 private:
  union {
    T fixed_[N];
  };
  std::size_t size_ = 0;
  std::vector<T> heap_;
};

// The words of one statement. A project's files hold thousands of
// statements, and allocating a vector for each statement and each value took
// a large share of loading them: statements of ordinary length are lexed
// into this object on the stack instead. Words point into it, so it neither
// copies nor moves.
class Words {
 public:
  Words() = default;
  Words(const Words&) = delete;
  Words& operator=(const Words&) = delete;

  std::size_t size() const { return words_.size(); }
  bool empty() const { return size() == 0; }
  const Word& operator[](std::size_t i) const { return words_.data()[i]; }
  const Word* begin() const { return words_.data(); }
  const Word* end() const { return words_.data() + size(); }

 private:
  friend class Parser;
  SmallVector<Word, 16> words_;
  SmallVector<Item, 16> items_;
  std::forward_list<std::string> decoded_;  // quoted values that held escapes
};

struct Statement {
  int line = 0;
  std::string_view keyword;
  std::string_view rest;  // after the keyword
};

class Parser {
 public:
  Parser(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  Migration parse(std::optional<MigrationKey> expected, std::string_view checksum);

 private:
  [[noreturn]] void fail(int line, std::string_view expected, std::string_view found) const {
    throw MigrationFileError(std::string(source_), line, expected, found);
  }
  // The number of the line after the last (lines end at '\n' or at the end).
  int end_of_file_line() const {
    const auto newlines = std::count(text_.begin(), text_.end(), '\n');
    return int(newlines) + (text_.empty() || text_.back() == '\n' ? 0 : 1) + 1;
  }

  // The next line (without its '\n'), read in place: no index of lines is built.
  bool next_line(std::string_view& line);
  bool next_statement(Statement& out);
  void lex(const Statement& st, Words& out) const;
  std::string_view read_quoted(const Statement& st, std::string_view& rest, Words& out) const;

  // Positional words and attributes.
  std::string_view positional(const Statement& st, const Words& words, std::size_t index,
                              std::string_view what, bool (*valid)(std::string_view)) const;
  // `expected` is the message text, or a function that makes it (only on error).
  template <typename Expected, typename Handle>
  void attributes(const Statement& st, const Words& words, std::size_t first,
                  const Expected& expected, Handle&& handle) const;
  void no_more_words(const Statement& st, const Words& words, std::size_t count,
                     std::string_view after) const;
  void flag(const Statement& st, const Word& w) const;
  const Item& single(const Statement& st, const Word& w) const;
  std::string text_value(const Statement& st, const Word& w) const;
  std::int64_t integer_value(const Statement& st, const Word& w) const;
  std::vector<std::string> name_list(const Statement& st, const Word& w) const;

  // Blocks: lines up to `end`. `handle` returns false for an unknown keyword.
  template <typename Handle>
  void block(const Statement& opener, std::string_view expected, Handle&& handle);
  // A block of exactly one item: `parse_item(statement, out)` reads it into
  // `out`, or returns false for another keyword.
  template <typename T, typename ParseItem>
  void single_item_block(const Statement& opener, std::string_view what, T& out,
                         ParseItem&& parse_item);

  // The app and name of a `migration` or `depends` line (views into the file).
  std::pair<std::string_view, std::string_view> key_line(const Statement& st) const;
  void operation(const Statement& st, Operation& out);  // into a default Operation
  ModelState create_model_block(const Statement& st, const Words& words);
  void field(const Statement& st, FieldSpec& f) const;  // into a default FieldSpec
  ManyToManySpec many_to_many(const Statement& st) const;
  IndexSpec index(const Statement& st) const;
  ConstraintSpec unique(const Statement& st) const;
  ConstraintSpec check(const Statement& st) const;
  RunSQL run_sql(const Statement& st);
  std::string heredoc(const Statement& st);
  ColumnTypeSpec column_type(const Statement& st, const Word& w) const;
  DefaultValue default_value(const Statement& st, const Word& w) const;

  std::string_view text_;
  std::string_view source_;
  std::size_t next_ = 0;  // offset in text_ of the next unread line
  int line_ = 0;          // the number of the last line read
  std::string_view app_;  // the header's, for create_model
};

bool Parser::next_line(std::string_view& line) {
  if (next_ >= text_.size()) return false;
  std::size_t nl = text_.find('\n', next_);
  if (nl == std::string_view::npos) nl = text_.size();
  line = text_.substr(next_, nl - next_);
  next_ = nl + 1;
  ++line_;
  return true;
}

bool Parser::next_statement(Statement& out) {
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

std::string_view Parser::read_quoted(const Statement& st, std::string_view& rest,
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

void Parser::lex(const Statement& st, Words& out) const {
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

std::string_view Parser::positional(const Statement& st, const Words& words, std::size_t index,
                                    std::string_view what, bool (*valid)(std::string_view)) const {
  if (index >= words.size()) fail(st.line, what, kEndOfLine);
  const Word& w = words[index];
  if (w.has_value || !valid(w.key)) fail(st.line, what, quoted_found(w.raw));
  return w.key;
}

template <typename Expected, typename Handle>
void Parser::attributes(const Statement& st, const Words& words, std::size_t first,
                        const Expected& expected, Handle&& handle) const {
  for (std::size_t i = first; i < words.size(); ++i) {
    const Word& w = words[i];
    for (std::size_t j = first; j < i; ++j) {
      if (words[j].key == w.key)
        fail(st.line, "each attribute once", quoted_found(w.key) + " again");
    }
    if (!handle(w)) {
      if constexpr (std::is_invocable_v<const Expected&>) {
        fail(st.line, expected(), quoted_found(w.raw));
      } else {
        fail(st.line, expected, quoted_found(w.raw));
      }
    }
  }
}

void Parser::no_more_words(const Statement& st, const Words& words, std::size_t count,
                           std::string_view after) const {
  if (words.size() > count) {
    fail(st.line, "end of line after " + std::string(after), quoted_found(words[count].raw));
  }
}

void Parser::flag(const Statement& st, const Word& w) const {
  if (w.has_value) fail(st.line, std::string(w.key) + " without a value", quoted_found(w.raw));
}

const Item& Parser::single(const Statement& st, const Word& w) const {
  if (!w.has_value) fail(st.line, std::string(w.key) + "=<value>", quoted_found(w.raw));
  if (w.items.size() != 1)
    fail(st.line, "one value for " + std::string(w.key), quoted_found(w.raw));
  const Item& item = w.items.front();
  if (!item.quoted && item.text.empty()) {
    fail(st.line, "a value after " + std::string(w.key) + "=", kEndOfLine);
  }
  return item;
}

std::string Parser::text_value(const Statement& st, const Word& w) const {
  const Item& item = single(st, w);
  if (!item.tag.empty()) {
    fail(st.line, "a plain or quoted value for " + std::string(w.key), quoted_found(w.raw));
  }
  return std::string(item.text);
}

std::int64_t Parser::integer_value(const Statement& st, const Word& w) const {
  const Item& item = single(st, w);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(item.text.data(), item.text.data() + item.text.size(), value);
  if (item.quoted || ec != std::errc() || ptr != item.text.data() + item.text.size()) {
    fail(st.line, "an integer for " + std::string(w.key), quoted_found(w.raw));
  }
  return value;
}

std::vector<std::string> Parser::name_list(const Statement& st, const Word& w) const {
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

template <typename Handle>
void Parser::block(const Statement& opener, std::string_view expected, Handle&& handle) {
  auto closing = [&] {
    return "end (closing " + std::string(opener.keyword) + " from line " +
           std::to_string(opener.line) + ")";
  };
  Statement st;
  while (true) {
    if (!next_statement(st)) fail(end_of_file_line(), closing(), kEndOfFile);
    if (st.keyword == "end") {
      if (!trim(st.rest).empty()) {
        Words words;
        lex(st, words);
        no_more_words(st, words, 0, "end");
      }
      return;
    }
    if (is_operation_keyword(st.keyword) || st.keyword == "acknowledge" ||
        st.keyword == "state_only") {
      fail(st.line, closing(), quoted_found(st.keyword));
    }
    if (!handle(st)) fail(st.line, expected, quoted_found(st.keyword));
  }
}

template <typename T, typename ParseItem>
void Parser::single_item_block(const Statement& opener, std::string_view what, T& out,
                               ParseItem&& parse_item) {
  bool found = false;
  block(opener, what, [&](const Statement& st) {
    if (!found) return found = parse_item(st, out);
    // A second item is read before it is refused, so its own errors come first.
    T second;
    if (!parse_item(st, second)) return false;
    fail(st.line, "end (" + std::string(opener.keyword) + " takes one item)",
         quoted_found(st.keyword));
  });
  // The last line read is the `end` line.
  if (!found) fail(line_, what, "'end'");
}

// `app name` and nothing else, each a run of a-z, 0-9 and _ (the usual
// `migration` and `depends` line), or nothing.
std::optional<std::pair<std::string_view, std::string_view>> plain_key_line(std::string_view rest) {
  const char* p = rest.data();
  const char* const end = p + rest.size();
  auto skip_spaces = [&] {
    while (p != end && is_space(*p)) ++p;
  };
  // A run of a-z, 0-9 and _ ending where lex would end the word (at a space
  // or the end), or nothing.
  auto take_name = [&]() -> std::optional<std::string_view> {
    const char* start = p;
    while (p != end && (kNameChars[static_cast<unsigned char>(*p)] & kLabelChar)) ++p;
    if (p != end && !is_space(*p)) return std::nullopt;
    return std::string_view(start, std::size_t(p - start));
  };
  skip_spaces();
  const auto app = take_name();
  if (!app) return std::nullopt;
  skip_spaces();
  const auto name = take_name();
  if (!name) return std::nullopt;
  skip_spaces();
  if (p != end) return std::nullopt;
  // The characters are right already: is_valid_app_label and
  // is_valid_migration_name less the scans.
  const bool app_ok = !app->empty() && (*app)[0] >= 'a' && (*app)[0] <= 'z';
  const bool name_ok = name->size() >= 6 && (*name)[4] == '_' && is_digit((*name)[0]) &&
                       is_digit((*name)[1]) && is_digit((*name)[2]) && is_digit((*name)[3]);
  if (!app_ok || !name_ok) return std::nullopt;
  return std::pair{*app, *name};
}

std::pair<std::string_view, std::string_view> Parser::key_line(const Statement& st) const {
  // Read directly when plain: lexing these lines took a tenth of loading a
  // project. Anything else goes through lex, which says what is wrong.
  if (auto plain = plain_key_line(st.rest)) return *plain;
  Words words;
  lex(st, words);
  std::string_view app = positional(st, words, 0, "an app label (a-z, 0-9, _)", is_valid_app_label);
  std::string_view name =
      positional(st, words, 1, "a migration name NNNN_name (four digits, then a-z, 0-9, _)",
                 is_valid_migration_name);
  no_more_words(st, words, 2, "the migration name");
  return {app, name};
}

Migration Parser::parse(std::optional<MigrationKey> expected, std::string_view checksum) {
  Migration m;
  m.source = std::string(source_);
  m.checksum = checksum.empty() ? sha256_hex(text_) : std::string(checksum);
  constexpr std::string_view kHeader = "migration <app> <name>";
  Statement st;
  if (!next_statement(st)) fail(end_of_file_line(), kHeader, kEndOfFile);
  if (st.keyword != "migration") fail(st.line, kHeader, quoted_found(st.keyword));
  const auto [app, name] = key_line(st);
  if (expected && (app != expected->app || name != expected->name)) {
    fail(st.line, "migration " + expected->app + " " + expected->name + " (from the file path)",
         quoted_found("migration " + std::string(app) + " " + std::string(name)));
  }
  // The loader's key is the same: take it rather than allocate another.
  m.key = expected ? std::move(*expected) : MigrationKey{std::string(app), std::string(name)};
  app_ = app;

  std::vector<std::string> acknowledged;
  int acknowledge_line = 0;  // the first line of what the next operation takes
  bool state_only = false;
  while (next_statement(st)) {
    if (st.keyword == "depends") {
      if (!m.operations.empty() || acknowledge_line != 0) {
        fail(st.line, "an operation (depends lines go before the first operation)", "'depends'");
      }
      const auto [dep_app, dep_name] = key_line(st);
      m.dependencies.push_back({std::string(dep_app), std::string(dep_name)});
    } else if (st.keyword == "acknowledge") {
      Words words;
      lex(st, words);
      if (words.empty()) fail(st.line, "a check code (app.W001)", kEndOfLine);
      for (const Word& w : words) {
        if (w.has_value || !is_check_code(w.key)) {
          fail(st.line, "a check code (app.W001)", quoted_found(w.raw));
        }
        acknowledged.emplace_back(w.key);
      }
      if (acknowledge_line == 0) acknowledge_line = st.line;
    } else if (st.keyword == "state_only") {
      Words words;
      lex(st, words);
      no_more_words(st, words, 0, "state_only");
      if (state_only) fail(st.line, "an operation after state_only", "'state_only' again");
      state_only = true;
      if (acknowledge_line == 0) acknowledge_line = st.line;
    } else if (is_operation_keyword(st.keyword)) {
      OperationEntry& entry = m.operations.emplace_back();
      entry.line = st.line;
      entry.acknowledged = std::move(acknowledged);
      entry.state_only = state_only;
      acknowledged.clear();
      state_only = false;
      operation(st, entry.operation);
      acknowledge_line = 0;
    } else {
      fail(st.line, "an operation (" + std::string(kOperations) + "), acknowledge or state_only",
           quoted_found(st.keyword));
    }
  }
  if (acknowledge_line != 0) {
    fail(end_of_file_line(),
         "an operation after " + std::string(state_only ? "state_only" : "acknowledge") +
             " on line " + std::to_string(acknowledge_line),
         kEndOfFile);
  }
  return m;
}

void Parser::operation(const Statement& st, Operation& out) {
  Words words;
  lex(st, words);
  auto model_name = [&] {
    return std::string(positional(st, words, 0, "a model name", is_identifier));
  };
  // Operations of the form `<op> <Model> key=<name> ...` (one or two keys):
  // the values in the order of `keys`.
  auto named = [&](std::initializer_list<std::string_view> keys) {
    std::array<std::string, 2> values;
    std::array<bool, 2> given{};
    auto expected = [&] {
      std::string list;
      for (auto k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
      return "an attribute of " + std::string(st.keyword) + " (" + list + ")";
    };
    attributes(st, words, 1, expected, [&](const Word& w) {
      std::size_t i = 0;
      for (auto k : keys) {
        if (w.key != k) {
          ++i;
          continue;
        }
        std::string value = text_value(st, w);
        if (!is_identifier(value)) {
          fail(st.line, "a name for " + std::string(w.key), quoted_found(w.raw));
        }
        values[i] = std::move(value);
        given[i] = true;
        return true;
      }
      return false;
    });
    std::size_t i = 0;
    for (auto k : keys) {
      if (!given[i++]) fail(st.line, std::string(k) + "=<name>", kEndOfLine);
    }
    return values;
  };

  const std::string_view kw = st.keyword;
  if (kw == "create_model") {
    out = CreateModel{create_model_block(st, words)};
    return;
  }
  if (kw == "delete_model") {
    DeleteModel op{model_name()};
    no_more_words(st, words, 1, "the model name");
    out = std::move(op);
    return;
  }
  if (kw == "rename_model") {
    RenameModel op{model_name(), {}};
    op.new_name = std::move(named({"new"})[0]);
    out = std::move(op);
    return;
  }
  if (kw == "add_field" || kw == "alter_field") {
    std::string model = model_name();
    std::string using_expression;
    std::string sqlite_using_expression;
    bool is_alter = kw == "alter_field";
    attributes(st, words, 1,
               is_alter ? "an attribute of alter_field (using, sqlite_using)" : "end of line",
               [&](const Word& w) {
                 if (!is_alter) return false;
                 if (w.key == "using") {
                   using_expression = text_value(st, w);
                 } else if (w.key == "sqlite_using") {
                   sqlite_using_expression = text_value(st, w);
                 } else {
                   return false;
                 }
                 return true;
               });
    // The field is read in place, in the operation in place: it is the
    // largest part of the operation, and moving it took a visible share of
    // loading a project.
    auto read_field = [&](FieldSpec& f) {
      single_item_block(st, "field", f, [&](const Statement& inner, FieldSpec& item) {
        if (inner.keyword != "field") return false;
        field(inner, item);
        return true;
      });
    };
    if (is_alter) {
      AlterField& op = out.emplace<AlterField>();
      op.model = std::move(model);
      op.using_expression = std::move(using_expression);
      op.sqlite_using_expression = std::move(sqlite_using_expression);
      read_field(op.field);
      return;
    }
    AddField& op = out.emplace<AddField>();
    op.model = std::move(model);
    read_field(op.field);
    return;
  }
  if (kw == "remove_field") {
    RemoveField op{model_name(), {}};
    op.name = std::move(named({"name"})[0]);
    out = std::move(op);
    return;
  }
  if (kw == "rename_field") {
    std::string model = model_name();
    auto values = named({"old", "new"});
    out = RenameField{std::move(model), std::move(values[0]), std::move(values[1])};
    return;
  }
  if (kw == "add_index") {
    AddIndex op{model_name(), {}, false};
    attributes(st, words, 1, "an attribute of add_index (concurrently)", [&](const Word& w) {
      if (w.key != "concurrently") return false;
      flag(st, w);
      op.concurrently = true;
      return true;
    });
    single_item_block(st, "index", op.index, [&](const Statement& inner, IndexSpec& item) {
      if (inner.keyword != "index") return false;
      item = index(inner);
      return true;
    });
    out = std::move(op);
    return;
  }
  if (kw == "add_constraint") {
    AddConstraint op{model_name(), {}};
    no_more_words(st, words, 1, "the model name");
    single_item_block(st, "unique or check", op.constraint,
                      [&](const Statement& inner, ConstraintSpec& item) {
                        if (inner.keyword == "unique") {
                          item = unique(inner);
                        } else if (inner.keyword == "check") {
                          item = check(inner);
                        } else {
                          return false;
                        }
                        return true;
                      });
    out = std::move(op);
    return;
  }
  if (kw == "remove_index" || kw == "remove_constraint") {
    std::string model = model_name();
    std::string name = std::move(named({"name"})[0]);
    if (kw == "remove_index") {
      out = RemoveIndex{std::move(model), std::move(name)};
    } else {
      out = RemoveConstraint{std::move(model), std::move(name)};
    }
    return;
  }
  // The only keyword left (is_operation_keyword was checked).
  no_more_words(st, words, 0, "run_sql");
  out = run_sql(st);
}

ModelState Parser::create_model_block(const Statement& st, const Words& words) {
  ModelState model;
  model.app = std::string(app_);
  model.name = std::string(positional(st, words, 0, "a model name", is_identifier));
  model.table = schema::default_table_name(model.app, model.name);
  attributes(st, words, 1, "an attribute of create_model (table)", [&](const Word& w) {
    if (w.key != "table") return false;
    model.table = text_value(st, w);
    return true;
  });
  // Fields and many-to-many fields share the attribute namespace; indexes and
  // constraints share the database's.
  // (name, line) pairs: a model has few enough for a linear search.
  using Names = std::vector<std::pair<std::string, int>>;
  Names attribute_lines;
  Names database_names;
  auto claim = [&](Names& names, const std::string& name, int line, std::string_view what) {
    for (const auto& [seen, first_line] : names) {
      if (seen != name) continue;
      fail(line, std::string(what) + " not already used in " + model.name,
           quoted_found(name) + " (first on line " + std::to_string(first_line) + ")");
    }
    names.emplace_back(name, line);
  };
  block(st, "field, many_to_many, index, unique, check or end", [&](const Statement& inner) {
    if (inner.keyword == "field") {
      field(inner, model.fields.emplace_back());
      claim(attribute_lines, model.fields.back().name, inner.line, "a field name");
    } else if (inner.keyword == "many_to_many") {
      model.many_to_many.push_back(many_to_many(inner));
      claim(attribute_lines, model.many_to_many.back().name, inner.line, "a field name");
    } else if (inner.keyword == "index") {
      model.indexes.push_back(index(inner));
      claim(database_names, model.indexes.back().name, inner.line, "an index or constraint name");
    } else if (inner.keyword == "unique" || inner.keyword == "check") {
      model.constraints.push_back(inner.keyword == "unique" ? unique(inner) : check(inner));
      claim(database_names, model.constraints.back().name, inner.line,
            "an index or constraint name");
    } else {
      return false;
    }
    return true;
  });
  return model;
}

ColumnTypeSpec Parser::column_type(const Statement& st, const Word& w) const {
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

DefaultValue Parser::default_value(const Statement& st, const Word& w) const {
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

void Parser::field(const Statement& st, FieldSpec& f) const {
  Words words;
  lex(st, words);
  f.name = std::string(positional(st, words, 0, "a field name", is_identifier));
  bool has_type = false;
  std::optional<std::string> column;
  attributes(
      st, words, 1,
      "a field attribute (type, column, primary_key, null, unique, default, choices, min, max, "
      "min_length, auto_now_add, auto_now, relation, target, on_delete)",
      [&](const Word& w) {
        const std::string_view k = w.key;
        if (k == "type") {
          f.type = column_type(st, w);
          has_type = true;
        } else if (k == "column") {
          column = text_value(st, w);
        } else if (k == "primary_key" || k == "null" || k == "unique" || k == "auto_now_add" ||
                   k == "auto_now") {
          flag(st, w);
          bool& target = k == "primary_key" ? f.primary_key
                         : k == "null"      ? f.null
                         : k == "unique"    ? f.unique
                         : k == "auto_now"  ? f.auto_now
                                            : f.auto_now_add;
          target = true;
        } else if (k == "default") {
          f.default_value = default_value(st, w);
        } else if (k == "choices") {
          if (!w.has_value) fail(st.line, "choices=<value>,...", quoted_found(w.raw));
          for (const Item& item : w.items) {
            if (!item.tag.empty() || (!item.quoted && item.text.empty())) {
              fail(st.line, "a choice (plain or quoted)", quoted_found(w.raw));
            }
            f.choices.emplace_back(item.text);
          }
        } else if (k == "min") {
          f.min_value = integer_value(st, w);
        } else if (k == "max") {
          f.max_value = integer_value(st, w);
        } else if (k == "min_length") {
          std::int64_t v = integer_value(st, w);
          if (v < 0 || v > std::numeric_limits<int>::max()) {
            fail(st.line, "a length for min_length", quoted_found(w.raw));
          }
          f.min_length = int(v);
        } else if (k == "relation") {
          std::string value = text_value(st, w);
          bool known = false;
          for (const auto& [relation, name] : kRelationNames) {
            if (name == value) {
              f.relation = relation;
              known = true;
            }
          }
          if (!known) fail(st.line, "a relation (foreign_key, one_to_one)", quoted_found(value));
        } else if (k == "target") {
          f.target = text_value(st, w);
          if (!is_model_reference(f.target)) {
            fail(st.line, "a target app.Model", quoted_found(f.target));
          }
        } else if (k == "on_delete") {
          std::string value = text_value(st, w);
          auto on_delete = schema::parse_on_delete(value);
          if (!on_delete) {
            fail(st.line, "an on_delete (cascade, protect, set_null, restrict, none)",
                 quoted_found(value));
          }
          f.on_delete = *on_delete;
        } else {
          return false;
        }
        return true;
      });
  if (!has_type) fail(st.line, "type= for field " + f.name, kEndOfLine);
  f.column = column ? std::move(*column) : default_column(f);
}

ManyToManySpec Parser::many_to_many(const Statement& st) const {
  Words words;
  lex(st, words);
  ManyToManySpec m;
  m.name = std::string(positional(st, words, 0, "a field name", is_identifier));
  attributes(st, words, 1, "an attribute of many_to_many (target)", [&](const Word& w) {
    if (w.key != "target") return false;
    m.target = text_value(st, w);
    if (!is_model_reference(m.target)) fail(st.line, "a target app.Model", quoted_found(m.target));
    return true;
  });
  if (m.target.empty()) fail(st.line, "target= for many_to_many " + m.name, kEndOfLine);
  return m;
}

IndexSpec Parser::index(const Statement& st) const {
  Words words;
  lex(st, words);
  IndexSpec index;
  index.name = std::string(positional(st, words, 0, "an index name", is_identifier));
  attributes(st, words, 1, "an attribute of index (fields, unique)", [&](const Word& w) {
    if (w.key == "fields") {
      index.fields = name_list(st, w);
    } else if (w.key == "unique") {
      flag(st, w);
      index.unique = true;
    } else {
      return false;
    }
    return true;
  });
  if (index.fields.empty()) fail(st.line, "fields= for index " + index.name, kEndOfLine);
  return index;
}

ConstraintSpec Parser::unique(const Statement& st) const {
  Words words;
  lex(st, words);
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kUnique;
  c.name = std::string(positional(st, words, 0, "a constraint name", is_identifier));
  attributes(st, words, 1, "an attribute of unique (fields)", [&](const Word& w) {
    if (w.key != "fields") return false;
    c.fields = name_list(st, w);
    return true;
  });
  if (c.fields.empty()) fail(st.line, "fields= for unique " + c.name, kEndOfLine);
  return c;
}

// `check <name> <field><op><integer> [and ...]`, spaces around the operator optional.
ConstraintSpec Parser::check(const Statement& st) const {
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kCheck;
  std::string_view rest = trim(st.rest);
  auto take = [&](auto pred) {
    std::size_t n = 0;
    while (n < rest.size() && pred(rest[n])) ++n;
    std::string_view out = rest.substr(0, n);
    rest.remove_prefix(n);
    return out;
  };
  auto skip_spaces = [&] { take(is_space); };
  auto found = [&]() -> std::string {
    if (rest.empty()) return std::string(kEndOfLine);
    return quoted_found(rest.substr(0, std::min(rest.find_first_of(" \t"), rest.size())));
  };
  c.name = std::string(take([](char ch) { return !is_space(ch); }));
  if (!is_identifier(c.name)) {
    fail(st.line, "a constraint name",
         c.name.empty() ? std::string(kEndOfLine) : quoted_found(c.name));
  }
  while (true) {
    skip_spaces();
    if (rest.empty() && !c.check.empty()) return c;
    if (!c.check.empty()) {
      if (rest.substr(0, 3) != "and" || (rest.size() > 3 && !is_space(rest[3]))) {
        fail(st.line, "and or end of line", found());
      }
      rest.remove_prefix(3);
      skip_spaces();
    }
    CheckTerm term;
    std::string_view field_name = take(is_identifier_char);
    if (!is_identifier(field_name)) {
      rest = std::string_view(field_name.data(), rest.data() + rest.size() - field_name.data());
      fail(st.line, "a check term (field>=N)", found());
    }
    term.field = std::string(field_name);
    skip_spaces();
    for (std::string_view op : {">=", "<=", "<>", ">", "<", "="}) {
      if (rest.substr(0, op.size()) == op) {
        term.op = std::string(op);
        rest.remove_prefix(op.size());
        break;
      }
    }
    if (term.op.empty()) fail(st.line, "a comparison (>=, <=, >, <, =, <>)", found());
    skip_spaces();
    std::string_view number = take([](char ch) { return is_digit(ch) || ch == '-'; });
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), term.value);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() ||
        (!rest.empty() && !is_space(rest.front()))) {
      rest = std::string_view(number.data(), rest.data() + rest.size() - number.data());
      fail(st.line, "an integer after " + term.field + term.op, found());
    }
    c.check.push_back(std::move(term));
  }
}

RunSQL Parser::run_sql(const Statement& st) {
  RunSQL op;
  std::set<std::string> seen;
  block(st, "sqlite_forward, sqlite_backward, postgres_forward, postgres_backward or end",
        [&](const Statement& inner) {
          std::string* target = inner.keyword == "sqlite_forward"      ? &op.sqlite_forward
                                : inner.keyword == "sqlite_backward"   ? &op.sqlite_backward
                                : inner.keyword == "postgres_forward"  ? &op.postgres_forward
                                : inner.keyword == "postgres_backward" ? &op.postgres_backward
                                                                       : nullptr;
          if (!target) return false;
          if (!seen.emplace(inner.keyword).second) {
            fail(inner.line, "each SQL section once", quoted_found(inner.keyword) + " again");
          }
          *target = heredoc(inner);
          return true;
        });
  return op;
}

// `<<DELIM`, then raw lines up to a line holding DELIM alone. The closing
// line's indentation is taken off every line (as PHP's flexible heredoc), so
// SQL keeps its own indentation exactly; lines joined by '\n'.
std::string Parser::heredoc(const Statement& st) {
  Words words;
  lex(st, words);
  constexpr std::string_view kWhat = "<<DELIMITER (such as <<SQL)";
  if (words.empty()) fail(st.line, kWhat, kEndOfLine);
  const Word& w = words[0];
  std::string_view delimiter = w.key;
  bool valid = !w.has_value && delimiter.substr(0, 2) == "<<" && delimiter.size() > 2;
  for (std::size_t i = 2; valid && i < delimiter.size(); ++i) {
    char c = delimiter[i];
    valid = (c >= 'A' && c <= 'Z') || c == '_' || (i > 2 && is_digit(c));
  }
  if (!valid) fail(st.line, kWhat, quoted_found(w.raw));
  delimiter.remove_prefix(2);
  no_more_words(st, words, 1, w.raw);

  // Find the closing line first (its indentation applies to every line),
  // then read the lines before it again.
  const std::size_t first = next_;
  const int first_line = line_;
  std::string_view line;
  bool closed = false;
  while (!closed && next_line(line)) closed = trim(line) == delimiter;
  if (!closed) {
    fail(
        end_of_file_line(),
        std::string(delimiter) + " (closing the heredoc from line " + std::to_string(st.line) + ")",
        kEndOfFile);
  }
  const std::string_view closing = line;
  const std::size_t after = next_;
  const int closing_line = line_;
  std::string_view indent = closing.substr(0, closing.find_first_not_of(" \t"));
  std::string out;
  next_ = first;
  line_ = first_line;
  while (line_ + 1 < closing_line) {
    next_line(line);
    if (line_ > first_line + 1) out += '\n';
    if (line.empty() || line == "\r") {  // an empty line, LF or CRLF
      out += line;
      continue;
    }
    if (line.substr(0, indent.size()) != indent) {
      fail(line_, "a line indented like its closing " + std::string(delimiter),
           quoted_found(trim(line)));
    }
    out += line.substr(indent.size());
  }
  next_ = after;
  line_ = closing_line;
  return out;
}

// ---------------------------------------------------------------------------
// Writing.

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

// Bare when the parser would read it back unchanged, else quoted.
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

std::string join(const std::vector<std::string>& items, std::string_view sep,
                 std::string (*each)(std::string_view) = nullptr) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += each ? each(item) : item;
  }
  return out;
}

std::string type_text(const ColumnTypeSpec& spec) {
  for (const auto& [type, name] : kTypeNames) {
    if (type != spec.type) continue;
    if (type == ColumnType::kVarchar) return "varchar(" + std::to_string(spec.max_length) + ")";
    if (type == ColumnType::kDecimal) {
      return "decimal(" + std::to_string(spec.precision) + "," + std::to_string(spec.scale) + ")";
    }
    return std::string(name);
  }
  return "text";
}

std::string double_text(double d) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string out(buf, ptr);
  // Keep it a number the parser reads as double, not integer.
  if (out.find_first_not_of("-0123456789") == std::string::npos) out += ".0";
  return out;
}

std::string default_text(const DefaultValue& d) {
  using Kind = DefaultValue::Kind;
  switch (d.kind) {
    case Kind::kNone:
      return "";
    case Kind::kInteger:
      return std::to_string(d.integer);
    case Kind::kDouble:
      return double_text(d.number);
    case Kind::kBool:
      return d.boolean ? "true" : "false";
    case Kind::kText:
      return quote(d.text);
    case Kind::kJson:
      return "json" + quote(d.text);
    case Kind::kNow:
      return "now";
  }
  return "";
}

std::string field_line(const FieldSpec& f) {
  std::string out = "field " + f.name + " type=" + type_text(f.type);
  if (f.column != default_column(f)) out += " column=" + value(f.column);
  if (f.primary_key) out += " primary_key";
  if (f.null) out += " null";
  if (f.unique) out += " unique";
  if (f.default_value.has_value()) out += " default=" + default_text(f.default_value);
  if (!f.choices.empty()) out += " choices=" + join(f.choices, ",", value);
  if (f.min_value) out += " min=" + std::to_string(*f.min_value);
  if (f.max_value) out += " max=" + std::to_string(*f.max_value);
  if (f.min_length) out += " min_length=" + std::to_string(*f.min_length);
  if (f.auto_now_add) out += " auto_now_add";
  if (f.auto_now) out += " auto_now";
  for (const auto& [relation, name] : kRelationNames) {
    if (relation == f.relation) out += " relation=" + std::string(name);
  }
  if (!f.target.empty()) out += " target=" + f.target;
  if (f.on_delete != schema::OnDelete::kNone) {
    out += " on_delete=" + std::string(schema::to_string(f.on_delete));
  }
  return out;
}

std::string index_line(const IndexSpec& index) {
  return "index " + index.name + " fields=" + join(index.fields, ",") +
         (index.unique ? " unique" : "");
}

std::string constraint_line(const ConstraintSpec& c) {
  if (c.kind == ConstraintSpec::Kind::kUnique) {
    return "unique " + c.name + " fields=" + join(c.fields, ",");
  }
  std::string out = "check " + c.name;
  for (std::size_t i = 0; i < c.check.size(); ++i) {
    out += i == 0 ? " " : " and ";
    out += c.check[i].field + c.check[i].op + std::to_string(c.check[i].value);
  }
  return out;
}

std::vector<std::string_view> sql_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (true) {
    auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) return lines;
    text.remove_prefix(nl + 1);
  }
}

void write_heredoc(std::string& out, std::string_view key, std::string_view sql) {
  if (sql.empty()) return;
  const auto lines = sql_lines(sql);
  std::string delimiter = "SQL";
  for (int n = 2;; ++n) {
    bool clash = false;
    for (auto line : lines) clash = clash || trim(line) == delimiter;
    if (!clash) break;
    delimiter = "SQL" + std::to_string(n);
  }
  out += "  " + std::string(key) + " <<" + delimiter + "\n";
  for (auto line : lines) {
    if (!line.empty()) out += "    " + std::string(line);
    out += '\n';
  }
  out += "    " + delimiter + "\n";
}

// Operations that are one block: `<header>`, then indented lines, then `end`.
std::string block_text(const std::string& header, const std::vector<std::string>& lines) {
  std::string out = header + "\n";
  for (const auto& line : lines) out += "  " + line + "\n";
  return out + "end\n";
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string operation_text(const Operation& operation) {
  return std::visit(
      Overloaded{
          [](const CreateModel& op) {
            const ModelState& m = op.model;
            std::vector<std::string> lines;
            for (const auto& f : m.fields) lines.push_back(field_line(f));
            for (const auto& mm : m.many_to_many) {
              lines.push_back("many_to_many " + mm.name + " target=" + mm.target);
            }
            for (const auto& index : m.indexes) lines.push_back(index_line(index));
            for (const auto& c : m.constraints) lines.push_back(constraint_line(c));
            return block_text("create_model " + m.name + " table=" + value(m.table), lines);
          },
          [](const DeleteModel& op) { return "delete_model " + op.name + "\n"; },
          [](const RenameModel& op) {
            return "rename_model " + op.old_name + " new=" + op.new_name + "\n";
          },
          [](const AddField& op) {
            return block_text("add_field " + op.model, {field_line(op.field)});
          },
          [](const RemoveField& op) {
            return "remove_field " + op.model + " name=" + op.name + "\n";
          },
          [](const AlterField& op) {
            std::string header = "alter_field " + op.model;
            if (!op.using_expression.empty()) header += " using=" + quote(op.using_expression);
            if (!op.sqlite_using_expression.empty()) {
              header += " sqlite_using=" + quote(op.sqlite_using_expression);
            }
            return block_text(header, {field_line(op.field)});
          },
          [](const RenameField& op) {
            return "rename_field " + op.model + " old=" + op.old_name + " new=" + op.new_name +
                   "\n";
          },
          [](const AddIndex& op) {
            return block_text("add_index " + op.model + (op.concurrently ? " concurrently" : ""),
                              {index_line(op.index)});
          },
          [](const RemoveIndex& op) {
            return "remove_index " + op.model + " name=" + op.name + "\n";
          },
          [](const AddConstraint& op) {
            return block_text("add_constraint " + op.model, {constraint_line(op.constraint)});
          },
          [](const RemoveConstraint& op) {
            return "remove_constraint " + op.model + " name=" + op.name + "\n";
          },
          [](const RunSQL& op) {
            std::string out = "run_sql\n";
            write_heredoc(out, "sqlite_forward", op.sqlite_forward);
            write_heredoc(out, "sqlite_backward", op.sqlite_backward);
            write_heredoc(out, "postgres_forward", op.postgres_forward);
            write_heredoc(out, "postgres_backward", op.postgres_backward);
            return out + "end\n";
          },
      },
      operation);
}

}  // namespace

bool is_valid_app_label(std::string_view app) {
  return !app.empty() && app[0] >= 'a' && app[0] <= 'z' && all_of_class(app, kLabelChar);
}

bool is_valid_migration_name(std::string_view name) {
  if (name.size() < 6 || name[4] != '_') return false;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!is_digit(name[i])) return false;
  }
  return all_of_class(name.substr(5), kLabelChar);
}

Migration parse_migration(std::string_view text, std::string_view source,
                          std::optional<MigrationKey> expected, std::string_view checksum) {
  return Parser(text, source).parse(std::move(expected), checksum);
}

std::string write_migration(const Migration& m) {
  std::string out = "# Lectern migration\n";
  out += "migration " + m.key.app + " " + m.key.name + "\n";
  for (const auto& dep : m.dependencies) out += "depends " + dep.app + " " + dep.name + "\n";
  for (const auto& entry : m.operations) {
    out += '\n';
    if (!entry.acknowledged.empty()) out += "acknowledge " + join(entry.acknowledged, " ") + "\n";
    if (entry.state_only) out += "state_only\n";
    out += operation_text(entry.operation);
  }
  return out;
}

}  // namespace lectern::migrations
