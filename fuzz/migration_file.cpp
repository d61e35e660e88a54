// libFuzzer: the migration-file parser (migrations/file_format.hpp), used
// read-only. Properties: a malformed file is refused with a lectern::Error
// (a clean message, exit code 2), never another exception or a crash; a
// file that parses writes back to a text that parses to the same text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/error.hpp"
#include "migrations/file_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lectern;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string written;
  try {
    written = migrations::write_migration(migrations::parse_migration(text, "fuzz.lmig"));
  } catch (const Error&) {
    return 0;  // refused, as it should be
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_migration_file: not a lectern::Error: %s\n", e.what());
    std::abort();
  }
  try {
    const std::string again =
        migrations::write_migration(migrations::parse_migration(written, "fuzz.lmig"));
    if (again != written) {
      std::fprintf(stderr, "fuzz_migration_file: write(parse(write(m))) != write(m)\n");
      std::abort();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_migration_file: its own output does not parse: %s\n", e.what());
    std::abort();
  }
  return 0;
}
