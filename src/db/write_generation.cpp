#include "db/write_generation.hpp"

#include <atomic>
#include <cctype>

#include "core/text.hpp"

namespace lectern::db {

namespace {

std::atomic<std::uint64_t> generation{0};

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return text.size() == word.size() || !std::isalnum(static_cast<unsigned char>(text[word.size()]));
}

}  // namespace

std::uint64_t write_generation() {
  return generation.load(std::memory_order_acquire);
}

bool may_write(std::string_view sql) {
  sql = trim(sql);
  return !(starts_with_word(sql, "SELECT") || starts_with_word(sql, "BEGIN") ||
           starts_with_word(sql, "SAVEPOINT"));
}

void note_statement(std::string_view sql) {
  if (may_write(sql)) generation.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace lectern::db
