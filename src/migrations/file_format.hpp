// The text format of one migration file, migrations/<app>/NNNN_name.lmig:
// parse it and write it. Line-oriented so that a review diff shows one changed
// attribute per line; docs/migrations.md is the reference. Pure functions,
// safe to call from any thread. Written in file_format_syntax (names, tables,
// quoting), file_format_reader (statements, words), file_format_parser and
// file_format_writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "migrations/migration.hpp"

namespace lectern::migrations {

inline constexpr std::string_view kMigrationFileExtension = ".lmig";

// A malformed file: "<source>:<line>: expected <what>, found <what>".
class MigrationFileError : public ValidationError {
 public:
  MigrationFileError(const std::string& source, int line, std::string_view expected,
                     std::string_view found);
  const std::string& source() const { return source_; }
  int line() const { return line_; }

 private:
  std::string source_;
  int line_;
};

// Parses one file. `source` names the file in errors and becomes
// Migration::source; the checksum is sha256_hex(text) (core/sha256.hpp), unless the caller
// already has it (`checksum`: files embedded at build time are hashed then).
// When `expected` is given (the loader derives it from the file's path) the
// header must name it.
Migration parse_migration(std::string_view text, std::string_view source,
                          std::optional<MigrationKey> expected = std::nullopt,
                          std::string_view checksum = {});

// The canonical text of a migration. parse_migration(write_migration(m)) gives
// back m, except that line numbers, source and checksum are those of the text.
std::string write_migration(const Migration& migration);

// "courses": a lower-case letter, then lower-case letters, digits and '_'.
bool is_valid_app_label(std::string_view app);
// "0002_add_price": four digits, '_', then lower-case letters, digits and '_'.
bool is_valid_migration_name(std::string_view name);

}  // namespace lectern::migrations
