// `lectern graph` as a process: the declared models of a fixture binary,
// the models and the dependency graph the migration files build, SVG
// through Graphviz, and the one-line error when `dot` is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::fixture_binary;
using testing::lectern_binary;
using testing::run_process;

class GraphProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-graph-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_ / "shop");
    std::ofstream(dir_ / "shop" / "0001_initial.lmig") << R"(# Lectern migration
migration shop 0001_initial

create_model Item table=shop_item
  field id type=bigauto primary_key
  field name type=varchar(100)
end
)";
    std::ofstream(dir_ / "shop" / "0002_order.lmig") << R"(# Lectern migration
migration shop 0002_order
depends shop 0001_initial

create_model Order table=shop_order
  field id type=bigauto primary_key
  field item type=bigint null relation=foreign_key target=shop.Item on_delete=set_null
end
)";
  }
  void TearDown() override { fs::remove_all(dir_); }

  testing::ProcessResult graph(std::vector<std::string> args) {
    std::vector<std::string> argv = {lectern_binary(), "--migrations-dir", dir_.string(), "graph"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }
  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_F(GraphProcessTest, DeclaredModelsOfTheBinary) {
  auto r = run_process({fixture_binary("shop"), "graph"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "erDiagram\n"
            "    shop_item {\n"
            "        bigauto id PK\n"
            "        varchar(100) name\n"
            "    }\n"
            "    shop_order {\n"
            "        bigauto id PK\n"
            "        bigint item_id FK\n"
            "    }\n"
            "    shop_order }o--|| shop_item : \"item\"\n");
}

TEST_F(GraphProcessTest, ModelsFromTheMigrationFiles) {
  auto r = graph({"--from-migrations"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("    shop_order }o--o| shop_item : \"item\"\n"), std::string::npos) << r.out;
}

TEST_F(GraphProcessTest, MigrationDependenciesToAFile) {
  auto r =
      graph({"--what", "migrations", "--format", "dot", "--output", (dir_ / "m.dot").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(read(dir_ / "m.dot").find("  \"shop.0001_initial\" -> \"shop.0002_order\";\n"),
            std::string::npos);
}

// Graphviz is installed by scripts/install-deps.
TEST_F(GraphProcessTest, SvgThroughGraphviz) {
  auto to_file =
      graph({"--from-migrations", "--format", "svg", "--output", (dir_ / "models.svg").string()});
  EXPECT_EQ(to_file.exit_code, 0) << to_file.err;
  std::string svg = read(dir_ / "models.svg");
  EXPECT_NE(svg.find("<svg"), std::string::npos) << svg.substr(0, 200);
  EXPECT_NE(svg.find("shop_order"), std::string::npos);

  auto to_stdout = graph({"--what", "migrations", "--format", "svg"});
  EXPECT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  EXPECT_NE(to_stdout.out.find("<svg"), std::string::npos);
}

TEST_F(GraphProcessTest, MissingDotIsOneLine) {
  fs::create_directories(dir_ / "empty-path");
  auto r = run_process({"/usr/bin/env", "PATH=" + (dir_ / "empty-path").string(), lectern_binary(),
                        "--migrations-dir", dir_.string(), "graph", "--format", "svg"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "lectern: error: --format svg needs Graphviz's `dot`, which is not on PATH (install "
            "graphviz, or use --format dot)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(GraphProcessTest, UnknownFormatIsAUsageError) {
  auto r = graph({"--format", "png"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

}  // namespace
}  // namespace lectern
