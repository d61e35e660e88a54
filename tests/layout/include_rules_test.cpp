// The floor plan of src/ is a rule, not a hope: each folder's README says
// which folders it may include ("May depend on: `core`, `db`."), and
// src/README.md fences the third-party headers that only one folder may
// include. This test reads those lines and every #include under src/, and
// fails on the first include that breaks them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The names written between backquotes in `text`, in order.
std::vector<std::string> quoted_names(const std::string& text) {
  std::vector<std::string> names;
  static const std::regex name("`([^`]+)`");
  for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it)
    names.push_back((*it)[1].str());
  return names;
}

bool under(const std::string& path, const std::string& folder) {
  return folder.empty() || path == folder || path.starts_with(folder + "/");
}

// What one README allows: the folders its subtree may include.
struct FolderRule {
  std::string folder;  // relative to src/, e.g. "db" or "apps/courses"
  bool everything = false;
  std::vector<std::string> may_include;
};

struct Fence {
  std::string header_prefix;  // e.g. "sqlite3.h" or "boost/beast"
  std::vector<std::string> only_in;
};

struct Rules {
  std::vector<FolderRule> folders;  // deepest first
  std::vector<Fence> fences;
  std::vector<std::string> problems;  // READMEs without a rule line, and the like
};

Rules read_rules(const fs::path& src) {
  Rules rules;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file() || entry.path().filename() != "README.md") continue;
    const std::string folder = fs::relative(entry.path().parent_path(), src).generic_string();
    const std::string text = read_text(entry.path());
    if (folder == ".") {
      // src/README.md: the fence table, rows "| `<header` | `folder`, `folder` |".
      static const std::regex row(R"(\|\s*`<([^`>]+)>?`\s*\|([^|\n]*)\|)");
      for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it)
        rules.fences.push_back({(*it)[1].str(), quoted_names((*it)[2].str())});
      continue;
    }
    static const std::regex line("May depend on:([^\n]*)");
    std::smatch match;
    if (!std::regex_search(text, match, line)) {
      rules.problems.push_back("src/" + folder + "/README.md has no \"May depend on:\" line");
      continue;
    }
    FolderRule rule{folder, match[1].str().find("everything") != std::string::npos,
                    quoted_names(match[1].str())};
    rules.folders.push_back(rule);
  }
  std::sort(
      rules.folders.begin(), rules.folders.end(),
      [](const FolderRule& a, const FolderRule& b) { return a.folder.size() > b.folder.size(); });
  return rules;
}

// The rule that governs a path under src/: its deepest folder with a README.
const FolderRule* governing(const Rules& rules, const std::string& path) {
  for (const auto& rule : rules.folders)
    if (under(path, rule.folder)) return &rule;
  return nullptr;
}

// Every include under `src` that breaks a rule, as "file:line: why".
std::vector<std::string> violations(const fs::path& src) {
  const Rules rules = read_rules(src);
  std::vector<std::string> found = rules.problems;
  static const std::regex include_line(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string path = fs::relative(file, src).generic_string();
    const FolderRule* own = governing(rules, path);
    if (own == nullptr) {
      found.push_back("src/" + path + ": no README above it says what it may include");
      continue;
    }
    std::istringstream lines(read_text(file));
    std::string text;
    for (int number = 1; std::getline(lines, text); ++number) {
      std::smatch match;
      if (!std::regex_search(text, match, include_line)) continue;
      const std::string where = "src/" + path + ":" + std::to_string(number) + ": ";
      const std::string target = match[2].str();
      if (match[1].str() == "<") {
        for (const auto& fence : rules.fences) {
          if (!target.starts_with(fence.header_prefix)) continue;
          const bool inside =
              std::any_of(fence.only_in.begin(), fence.only_in.end(),
                          [&](const std::string& folder) { return under(path, folder); });
          if (!inside)
            found.push_back(where + "<" + target + "> is fenced to other folders (src/README.md)");
        }
        continue;
      }
      // A generated header stands in src/ as its template (version.hpp.in).
      if (!fs::exists(src / target) && !fs::exists(src / (target + ".in"))) {
        found.push_back(where + "\"" + target + "\" is not a path under src/");
        continue;
      }
      const FolderRule* theirs = governing(rules, target);
      if (own->everything || theirs == own || under(own->folder, theirs->folder) ||
          under(theirs->folder, own->folder))
        continue;
      const bool allowed =
          std::any_of(own->may_include.begin(), own->may_include.end(),
                      [&](const std::string& folder) { return under(theirs->folder, folder); });
      if (!allowed)
        found.push_back(where + "\"" + target + "\" is in `" + theirs->folder + "`, which src/" +
                        own->folder + "/README.md does not list");
    }
  }
  return found;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

TEST(IncludeRules, EveryIncludeUnderSrcKeepsItsFoldersRule) {
  const auto found = violations(fs::path(LECTERN_SOURCE_DIR) / "src");
  EXPECT_TRUE(found.empty()) << joined(found);
}

TEST(IncludeRules, TheFencesAndFoldersAreRead) {
  const Rules rules = read_rules(fs::path(LECTERN_SOURCE_DIR) / "src");
  EXPECT_GE(rules.fences.size(), 4u);
  EXPECT_GE(rules.folders.size(), 7u);
}

// A scratch tree with one breach of each kind: the checker must name each.
class ScratchTree : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("lectern-include-rules-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    write("README.md", "| header | only in |\n|---|---|\n| `<sqlite3.h>` | `db/sqlite` |\n");
    write("core/README.md", "May depend on: the standard library only.\n");
    write("db/README.md", "May depend on: `core`.\n");
    write("apps/README.md", "May depend on: `core`, `db`.\n");
    write("cli/README.md", "May depend on: everything under src/.\n");
    write("core/text.hpp", "#include <string>\n");
    write("db/sqlite/conn.cpp",
          "#include <sqlite3.h>\n#include \"core/text.hpp\"\n#include \"db/x.hpp\"\n");
    write("db/x.hpp", "#include \"core/text.hpp\"\n");
    write("cli/main.cpp", "#include \"apps/app.hpp\"\n#include \"db/x.hpp\"\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& path, const std::string& text) {
    fs::create_directories((root_ / path).parent_path());
    std::ofstream(root_ / path) << text;
  }
  fs::path root_;
};

TEST_F(ScratchTree, AllowedIncludesPass) {
  write("apps/app.hpp", "#include \"db/x.hpp\"\n");
  EXPECT_EQ(joined(violations(root_)), "");
}

TEST_F(ScratchTree, EachBreachIsNamedWithFileAndLine) {
  struct Case {
    std::string file;
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"core/bad.cpp", "#include <string>\n#include \"db/x.hpp\"\n",
       "src/core/bad.cpp:2: \"db/x.hpp\" is in `db`, which src/core/README.md does not list\n"},
      {"db/bad.cpp", "#include \"apps/app.hpp\"\n",
       "src/db/bad.cpp:1: \"apps/app.hpp\" is in `apps`, which src/db/README.md does not list\n"},
      {"apps/bad.cpp", "#include <sqlite3.h>\n",
       "src/apps/bad.cpp:1: <sqlite3.h> is fenced to other folders (src/README.md)\n"},
      {"apps/bad.cpp", "  #  include \"nowhere/x.hpp\"\n",
       "src/apps/bad.cpp:1: \"nowhere/x.hpp\" is not a path under src/\n"},
      {"schema/bad.cpp", "#include \"core/text.hpp\"\n",
       "src/schema/bad.cpp: no README above it says what it may include\n"},
  };
  write("apps/app.hpp", "");
  for (const auto& c : cases) {
    write(c.file, c.text);
    EXPECT_EQ(joined(violations(root_)), c.expected) << c.file;
    fs::remove(root_ / c.file);
  }
}

TEST_F(ScratchTree, AReadmeWithoutARuleIsItselfABreach) {
  write("apps/app.hpp", "");
  write("apps/README.md", "The apps.\n");
  EXPECT_NE(joined(violations(root_)).find("src/apps/README.md has no \"May depend on:\" line"),
            std::string::npos);
}

}  // namespace
