// Text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lectern {

// `text` as one printable line, for echoing untrusted bytes (a token of a
// migration file, a path) in a message that reaches a terminal or a log:
// control bytes (NUL, ESC, DEL, newlines, ...) and bytes that are not valid
// UTF-8 become \xNN; C1 controls and the bidirectional overrides (which
// reorder what a reader sees) become \uNNNN. Valid UTF-8 text is kept.
std::string printable(std::string_view text);

// ASCII lower case; other bytes (UTF-8 included) are kept.
std::string lower(std::string_view text);

// `text` inside a LIKE pattern (ESCAPE '\\'): its wildcards match themselves.
std::string escape_like(std::string_view text);
// The LIKE pattern (ESCAPE '\\') for "contains `text`", compared with a
// column in lower case (lower(column) LIKE pattern).
std::string contains_pattern(std::string_view text);

// A number with at most two decimals, rounded, without trailing zeros:
// 75 -> "75", 75.5 -> "75.5", 66.666 -> "66.67" (scores and averages).
std::string two_decimals(double value);

// `parts` with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// `text` without the `blanks` at either end (by default ASCII white space).
std::string_view trim(std::string_view text, std::string_view blanks = " \t\n\r\f\v");

// The pieces of `text` between `separator`s, empty ones included: "a,,b" is
// {"a", "", "b"} and "" is {""}.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace lectern
