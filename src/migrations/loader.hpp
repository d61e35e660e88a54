// Finds and parses the migration files: a directory laid out as
// <dir>/<app>/NNNN_name.lmig, or the same files embedded in the binary at
// build time (see docs/migrations.md). Plain functions; results are sorted by
// key. Errors are ValidationError (bad name, malformed file) or NotFoundError.
#pragma once

#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "migrations/migration.hpp"

namespace lectern::migrations {

// One embedded file: its path below migrations/ ("courses/0001_initial.lmig").
struct EmbeddedFile {
  std::string_view path;
  std::string_view content;
  // SHA-256 hex of `content` as computed when the binary was built, so that
  // loading does not hash every file again; empty: hashed when loaded.
  std::string_view checksum;
};

// Every <dir>/<app>/*.lmig; other files and hidden directories are ignored.
// Sources are the file paths.
std::vector<Migration> load_directory(const std::filesystem::path& dir);

// The same rules over files held in memory; sources are "embedded:<path>".
// Paths that are not <app>/<file>.lmig are ignored. A given checksum is
// taken as it is (see EmbeddedFile).
std::vector<Migration> load_files(std::span<const EmbeddedFile> files);

// The repository's migrations/ as built into the binary. Defined by the
// generated target lectern_embedded_migrations (src/migrations/CMakeLists.txt),
// so that lectern_migrations itself does not depend on the project's files.
std::span<const EmbeddedFile> embedded_files();
std::vector<Migration> load_embedded();  // load_files(embedded_files())

}  // namespace lectern::migrations
