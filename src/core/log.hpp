// Structured logging: one line per event, "key=value" pairs, to stderr.
// Thread-safe (each line is written with one call). No I/O beyond stderr.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace lectern::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void set_level(Level level);
bool enabled(Level level);

using Field = std::pair<std::string_view, std::string_view>;

// Writes "ts=... level=... msg=\"...\" k=v ..." (values quoted when needed).
void write(Level level, std::string_view message, std::initializer_list<Field> fields = {});

inline void info(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kInfo, m, f);
}
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kWarn, m, f);
}
inline void error(std::string_view m, std::initializer_list<Field> f = {}) {
  write(Level::kError, m, f);
}

}  // namespace lectern::log
