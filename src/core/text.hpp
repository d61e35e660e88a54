// Text helpers shared by every layer.
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// `text` as one printable line, for echoing untrusted bytes (a token of a
// migration file, a path) in a message that reaches a terminal or a log:
// control bytes (NUL, ESC, DEL, newlines, ...) and bytes that are not valid
// UTF-8 become \xNN; C1 controls and the bidirectional overrides (which
// reorder what a reader sees) become \uNNNN. Valid UTF-8 text is kept.
std::string printable(std::string_view text);

}  // namespace lectern
