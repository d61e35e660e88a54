#include "migrations/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "migrations/file_format.hpp"

namespace lectern::migrations {

namespace {

namespace fs = std::filesystem;

// Checks the names in the path, then parses with the key they give.
Migration load_one(std::string_view app, std::string_view file_name, std::string_view content,
                   const std::string& source) {
  auto fail = [&](std::string_view expected, std::string_view found) {
    throw ValidationError(source + ": expected " + std::string(expected) + ", found '" +
                          std::string(found) + "'");
  };
  if (!is_valid_app_label(app)) fail("an app directory named like an app label (a-z, 0-9, _)", app);
  std::string_view stem = file_name.substr(0, file_name.size() - kMigrationFileExtension.size());
  if (!is_valid_migration_name(stem)) {
    fail("a file name NNNN_name.lmig (four digits, then a-z, 0-9, _)", file_name);
  }
  return parse_migration(content, source, MigrationKey{std::string(app), std::string(stem)});
}

// Hidden files (editor locks and backups) are not migrations.
bool is_migration_file(std::string_view name) {
  return !name.starts_with('.') && name.size() > kMigrationFileExtension.size() &&
         name.ends_with(kMigrationFileExtension);
}

void sort_by_key(std::vector<Migration>& migrations) {
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.key < b.key; });
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInternal, "cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

std::vector<Migration> load_directory(const fs::path& dir) {
  if (!fs::is_directory(dir)) {
    throw NotFoundError("migrations directory " + dir.string() + " does not exist");
  }
  std::vector<Migration> out;
  for (const auto& app_dir : sorted_entries(dir)) {
    const std::string app = app_dir.filename().string();
    if (app.starts_with('.') || !fs::is_directory(app_dir)) continue;
    for (const auto& path : sorted_entries(app_dir)) {
      const std::string file_name = path.filename().string();
      if (!is_migration_file(file_name) || !fs::is_regular_file(path)) continue;
      out.push_back(load_one(app, file_name, read_file(path), path.string()));
    }
  }
  sort_by_key(out);
  return out;
}

std::vector<Migration> load_files(std::span<const EmbeddedFile> files) {
  std::vector<Migration> out;
  for (const auto& file : files) {
    auto slash = file.path.find('/');
    if (slash == std::string_view::npos || file.path.starts_with('.')) continue;
    std::string_view app = file.path.substr(0, slash);
    std::string_view file_name = file.path.substr(slash + 1);
    if (file_name.find('/') != std::string_view::npos || !is_migration_file(file_name)) continue;
    out.push_back(load_one(app, file_name, file.content, "embedded:" + std::string(file.path)));
  }
  sort_by_key(out);
  return out;
}

}  // namespace lectern::migrations
