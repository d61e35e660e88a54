// Reading a migration file's text: statements (a keyword and the rest of a
// line), their words (bare, key=value, quoted values with escapes) and typed
// values, each failure a MigrationFileError naming the line. The parser
// (file_format_parser.cpp) reads the grammar on top. Internal to
// src/migrations; one Reader per parse, one thread.
#pragma once

#include <cstdint>
#include <forward_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "migrations/file_format_syntax.hpp"

namespace lectern::migrations::syntax {

// A statement is a keyword followed by words; a word is a bare token
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
  friend class Reader;
  SmallVector<Word, 16> words_;
  SmallVector<Item, 16> items_;
  std::forward_list<std::string> decoded_;  // quoted values that held escapes
};

struct Statement {
  int line = 0;
  std::string_view keyword;
  std::string_view rest;  // after the keyword
};

class Reader {
 public:
  Reader(std::string_view text, std::string_view source) : text_(text), source_(source) {}

 protected:
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

  // Positional words, attributes and their values.
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

  schema::ColumnTypeSpec column_type(const Statement& st, const Word& w) const;
  schema::DefaultValue default_value(const Statement& st, const Word& w) const;

  std::string_view text_;
  std::string_view source_;
  std::size_t next_ = 0;  // offset in text_ of the next unread line
  int line_ = 0;          // the number of the last line read
};

template <typename Expected, typename Handle>
void Reader::attributes(const Statement& st, const Words& words, std::size_t first,
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

}  // namespace lectern::migrations::syntax
