#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/context.hpp"
#include "migrations/diagram.hpp"
#include "migrations/graph.hpp"
#include "migrations/operations.hpp"

extern char** environ;

namespace lectern::cli {

namespace {

namespace fs = std::filesystem;

struct Args {
  std::string what = "models";
  std::string format = "mermaid";
  std::string output;
  bool from_migrations = false;
};

// Graphviz's `dot` on PATH, found here so that its absence is one clear
// line instead of a failed spawn.
std::string find_dot() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / "dot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw Error(ErrorKind::kUnavailable,
              "--format svg needs Graphviz's `dot`, which is not on PATH "
              "(install graphviz, or use --format dot)");
}

// A temporary file, removed when this goes out of scope.
struct TemporaryFile {
  fs::path path;
  explicit TemporaryFile(const std::string& suffix) {
    std::string pattern = (fs::temp_directory_path() / ("lectern-graph-XXXXXX" + suffix)).string();
    int fd = ::mkstemps(pattern.data(), int(suffix.size()));
    if (fd < 0) throw Error(ErrorKind::kInternal, "cannot create a temporary file in " + pattern);
    ::close(fd);
    path = pattern;
  }
  ~TemporaryFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
};

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw UsageError("cannot write " + path.string());
}

// Runs `dot -Tsvg` over `dot_text` (argv, no shell); returns the SVG.
std::string render_svg(const std::string& dot_text) {
  std::string dot = find_dot();
  TemporaryFile input(".dot");
  TemporaryFile output(".svg");
  write_file(input.path, dot_text);
  std::vector<std::string> args = {dot, "-Tsvg", "-o", output.path.string(), input.path.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (int rc = ::posix_spawn(&pid, dot.c_str(), nullptr, nullptr, argv.data(), environ); rc != 0) {
    throw Error(ErrorKind::kUnavailable, "cannot run " + dot + ": " + std::strerror(rc));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Error(ErrorKind::kInternal, "dot -Tsvg failed (see its message above)");
  }
  std::ifstream in(output.path, std::ios::binary);
  std::stringstream svg;
  svg << in.rdbuf();
  return svg.str();
}

}  // namespace

void register_graph(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "graph", "Draw the models' entity-relationship diagram or the migration dependency graph");
  cmd->add_option("--what", args->what, "models (entity-relationship) or migrations (dependencies)")
      ->check(CLI::IsMember({"models", "migrations"}))
      ->capture_default_str();
  cmd->add_option("--format", args->format, "mermaid, dot, or svg (runs Graphviz's dot)")
      ->check(CLI::IsMember({"mermaid", "dot", "svg"}))
      ->capture_default_str();
  cmd->add_option("--output", args->output, "Write to FILE instead of standard output");
  cmd->add_flag("--from-migrations", args->from_migrations,
                "Draw the models as the migration files build them, not as declared");
  cmd->callback([&context, args] {
    auto format = args->format == "mermaid" ? migrations::DiagramFormat::kMermaid
                                            : migrations::DiagramFormat::kDot;
    std::string text;
    if (args->what == "migrations") {
      text = migrations::migration_diagram(context.load_migrations().migrations(), format);
    } else {
      schema::ProjectState state = args->from_migrations ? context.load_migrations().project_state()
                                                         : context.models().state();
      text = migrations::model_diagram(state, format);
    }
    if (args->format == "svg") text = render_svg(text);
    if (args->output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else {
      write_file(args->output, text);
    }
  });
}

}  // namespace lectern::cli
