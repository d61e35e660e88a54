#include "migrations/loader.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/text.hpp"
#include "migrations/file_format.hpp"
#include "migrations/operations.hpp"

namespace lectern::migrations {

namespace {

namespace fs = std::filesystem;

// Checks the names in the path, then parses with the key they give.
Migration load_one(std::string_view app, std::string_view file_name, std::string_view content,
                   const std::string& source, std::string_view checksum = {}) {
  auto fail = [&](std::string_view expected, std::string_view found) {
    // Directory and file names are anyone's bytes: one printable line.
    throw ValidationError(printable(source) + ": expected " + std::string(expected) + ", found '" +
                          printable(found) + "'");
  };
  if (!is_valid_app_label(app)) fail("an app directory named like an app label (a-z, 0-9, _)", app);
  std::string_view stem = file_name.substr(0, file_name.size() - kMigrationFileExtension.size());
  if (!is_valid_migration_name(stem)) {
    fail("a file name NNNN_name.lmig (four digits, then a-z, 0-9, _)", file_name);
  }
  return parse_migration(content, source, MigrationKey{std::string(app), std::string(stem)},
                         checksum);
}

// Hidden files (editor locks and backups) are not migrations.
bool is_migration_file(std::string_view name) {
  return !name.starts_with('.') && name.size() > kMigrationFileExtension.size() &&
         name.ends_with(kMigrationFileExtension);
}

void sort_by_key(std::vector<Migration>& migrations) {
  auto by_key = [](const Migration& a, const Migration& b) { return a.key < b.key; };
  // Files come in path order, which is usually key order already.
  if (std::is_sorted(migrations.begin(), migrations.end(), by_key)) return;
  std::sort(migrations.begin(), migrations.end(), by_key);
}

// POSIX rather than std::filesystem and streams: a project has thousands of
// small files, and each costs only openat, read, read (end of file), close.
// Paths are opened relative to their directory's descriptor.
class Directory {
 public:
  struct Entry {
    std::string name;
    unsigned char type;  // d_type: DT_DIR, DT_REG, DT_LNK, DT_UNKNOWN...
  };

  Directory(int parent, const char* name, const std::string& path) : path_(path) {
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) dir_ = fdopendir(fd);
    if (!dir_) {
      int error = errno;
      if (fd >= 0) close(fd);
      throw Error(ErrorKind::kInternal, "cannot read " + path_ + ": " + std::strerror(error));
    }
  }
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  ~Directory() { closedir(dir_); }

  int fd() const { return dirfd(dir_); }

  // Every entry but . and .., sorted by name.
  std::vector<Entry> entries() {
    std::vector<Entry> out;
    errno = 0;
    while (const dirent* entry = readdir(dir_)) {
      std::string_view name = entry->d_name;
      if (name != "." && name != "..") out.push_back({std::string(name), entry->d_type});
    }
    if (errno != 0) {
      throw Error(ErrorKind::kInternal, "cannot read " + path_ + ": " + std::strerror(errno));
    }
    std::sort(out.begin(), out.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return out;
  }

  // Whether the entry is (or links to) a directory / a regular file.
  bool is(const Entry& entry, unsigned char type, mode_t mode) const {
    if (entry.type == type) return true;
    if (entry.type != DT_LNK && entry.type != DT_UNKNOWN) return false;
    struct stat st;
    return fstatat(fd(), entry.name.c_str(), &st, 0) == 0 && (st.st_mode & S_IFMT) == mode;
  }

  // The whole file in `buffer` (reused from file to file, so most files cost
  // no allocation); `path` names it in errors.
  std::string_view read(const std::string& name, const std::string& path,
                        std::string& buffer) const {
    int fd = openat(this->fd(), name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorKind::kInternal, "cannot read " + path);
    constexpr std::size_t kChunk = 16384;
    std::size_t size = 0;
    while (true) {
      if (buffer.size() < size + kChunk) buffer.resize(size + kChunk);
      ssize_t n = ::read(fd, buffer.data() + size, buffer.size() - size);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        close(fd);
        throw Error(ErrorKind::kInternal, "cannot read " + path);
      }
      size += std::size_t(n);
    }
    close(fd);
    return std::string_view(buffer.data(), size);
  }

 private:
  std::string path_;
  DIR* dir_ = nullptr;
};

}  // namespace

std::vector<Migration> load_directory(const fs::path& dir) {
  if (!fs::is_directory(dir)) {
    throw NotFoundError("migrations directory " + dir.string() + " does not exist");
  }
  std::vector<Migration> out;
  std::string buffer;
  Directory root(AT_FDCWD, dir.c_str(), dir.string());
  for (const auto& app : root.entries()) {
    if (app.name.starts_with('.') || !root.is(app, DT_DIR, S_IFDIR)) continue;
    // As (dir / app / file).string().
    const std::string app_path = (dir / app.name).string();
    Directory app_dir(root.fd(), app.name.c_str(), app_path);
    for (const auto& file : app_dir.entries()) {
      if (!is_migration_file(file.name) || !app_dir.is(file, DT_REG, S_IFREG)) continue;
      const std::string path = app_path + "/" + file.name;
      out.push_back(load_one(app.name, file.name, app_dir.read(file.name, path, buffer), path));
    }
  }
  sort_by_key(out);
  return out;
}

std::vector<Migration> load_files(std::span<const EmbeddedFile> files) {
  std::vector<Migration> out;
  out.reserve(files.size());
  std::string source = "embedded:";  // reused: the parser copies it
  const std::size_t prefix = source.size();
  for (const auto& file : files) {
    auto slash = file.path.find('/');
    if (slash == std::string_view::npos || file.path.starts_with('.')) continue;
    std::string_view app = file.path.substr(0, slash);
    std::string_view file_name = file.path.substr(slash + 1);
    if (file_name.find('/') != std::string_view::npos || !is_migration_file(file_name)) continue;
    source.resize(prefix);
    source += file.path;
    out.push_back(load_one(app, file_name, file.content, source, file.checksum));
  }
  sort_by_key(out);
  return out;
}

LoadedMigrations::LoadedMigrations(std::vector<Migration> migrations)
    : migrations_(std::move(migrations)) {
  sort_by_key(migrations_);
  graph_ = MigrationGraph(migrations_);
}

const Migration* LoadedMigrations::find(const MigrationKey& key) const {
  // The graph numbers its nodes in key order, as migrations_ holds them: a
  // hash look-up, where comparing keys in a binary search showed in long
  // plans. (Duplicate keys shift the numbering: then the search.)
  if (auto i = graph_.position(key); i && *i < migrations_.size() && migrations_[*i].key == key) {
    return &migrations_[*i];
  }
  auto it = std::lower_bound(migrations_.begin(), migrations_.end(), key,
                             [](const Migration& m, const MigrationKey& k) { return m.key < k; });
  return it != migrations_.end() && it->key == key ? &*it : nullptr;
}

const Migration& LoadedMigrations::get(const MigrationKey& key) const {
  const Migration* m = find(key);
  if (!m) throw NotFoundError("no migration " + key.str());
  return *m;
}

std::vector<const Migration*> LoadedMigrations::in_order(
    const std::vector<MigrationKey>& plan) const {
  std::vector<const Migration*> out;
  out.reserve(plan.size());
  for (const auto& key : plan) out.push_back(&get(key));
  return out;
}

schema::ProjectState LoadedMigrations::state_after(const std::vector<MigrationKey>& plan) const {
  return migrations::state_after(in_order(plan));
}

schema::ProjectState LoadedMigrations::project_state() const {
  graph_.validate();
  return state_after(graph_.full_plan());
}

}  // namespace lectern::migrations
