// SHA-256 digests as hex: migration file checksums and stored API tokens.
// Pure function, safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace lectern
