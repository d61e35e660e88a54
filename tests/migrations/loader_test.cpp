// The loader: the <dir>/<app>/NNNN_name.lmig layout, what it ignores, its
// naming errors, the embedded copy of the repository's migrations/, and
// LoadedMigrations (key look-ups, plans, states).
#include "migrations/loader.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>

#include "core/sha256.hpp"
#include "migrations/file_format.hpp"

namespace lectern::migrations {
namespace {

namespace fs = std::filesystem;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "lectern-loader-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative, std::ios::binary) << text;
  }
  std::string error_of_load() {
    try {
      load_directory(dir_);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kValidation);
      return e.what();
    }
    return "no error";
  }

  fs::path dir_;
};

std::string header(std::string_view app, std::string_view name) {
  return "migration " + std::string(app) + " " + std::string(name) + "\n";
}

TEST_F(LoaderTest, LoadsEveryAppSortedAndIgnoresOtherFiles) {
  const std::string initial = header("courses", "0001_initial") + "delete_model A\n";
  write("courses/0001_initial.lmig", initial);
  write("courses/0002_b.lmig", header("courses", "0002_b") + "depends courses 0001_initial\n");
  write("accounts/0001_initial.lmig", header("accounts", "0001_initial"));
  // Not migrations: other extensions, hidden files and directories, files at the top.
  write("courses/README.md", "notes");
  write("courses/0003_c.lmig~", "backup");
  write("courses/.#0003_c.lmig", "editor lock");
  write(".cache/0001_x.lmig", "junk");
  write("0001_top.lmig", "junk");
  write("accounts/sub/0009_deeper.lmig", "junk");

  const auto loaded = load_directory(dir_);
  std::vector<std::string> keys;
  for (const auto& m : loaded) keys.push_back(m.key.str());
  EXPECT_EQ(keys, (std::vector<std::string>{"accounts.0001_initial", "courses.0001_initial",
                                            "courses.0002_b"}));
  EXPECT_EQ(loaded[1].source, (dir_ / "courses" / "0001_initial.lmig").string());
  EXPECT_EQ(loaded[1].checksum, sha256_hex(initial));
  EXPECT_EQ(loaded[2].dependencies, (std::vector<MigrationKey>{{"courses", "0001_initial"}}));
}

TEST_F(LoaderTest, EmptyDirectory) {
  EXPECT_TRUE(load_directory(dir_).empty());
}

TEST_F(LoaderTest, MissingDirectory) {
  EXPECT_THROW(load_directory(dir_ / "nope"), NotFoundError);
}

TEST(Loader, NamingErrors) {
  struct Case {
    std::string path;
    std::string text;
    std::string expected;  // after "<dir>/<path>"
  };
  const Case cases[] = {
      {"courses/1_initial.lmig", "",
       ": expected a file name NNNN_name.lmig (four digits, then a-z, 0-9, _), found "
       "'1_initial.lmig'"},
      {"courses/0001_Initial.lmig", "",
       ": expected a file name NNNN_name.lmig (four digits, then a-z, 0-9, _), found "
       "'0001_Initial.lmig'"},
      {"Courses/0001_initial.lmig", "",
       ": expected an app directory named like an app label (a-z, 0-9, _), found 'Courses'"},
      {"courses/0002_b.lmig", header("courses", "0002_c"),
       ":1: expected migration courses 0002_b (from the file path), found 'migration courses "
       "0002_c'"},
      {"courses/0002_b.lmig", header("accounts", "0002_b"),
       ":1: expected migration courses 0002_b (from the file path), found 'migration accounts "
       "0002_b'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    const EmbeddedFile files[] = {{c.path, c.text}};
    try {
      load_files(files);
      ADD_FAILURE() << "no error";
    } catch (const ValidationError& e) {
      EXPECT_EQ(std::string(e.what()), "embedded:" + c.path + c.expected);
    }
  }
}

TEST_F(LoaderTest, DirectoryNamingErrorsNameTheFile) {
  write("courses/1_initial.lmig", "");
  EXPECT_EQ(error_of_load(), (dir_ / "courses" / "1_initial.lmig").string() +
                                 ": expected a file name NNNN_name.lmig (four digits, then a-z, "
                                 "0-9, _), found '1_initial.lmig'");
}

TEST(Loader, LoadsFilesHeldInMemory) {
  const std::string text = header("courses", "0001_initial");
  const std::string accounts = header("accounts", "0001_initial");
  const EmbeddedFile files[] = {
      {"courses/0001_initial.lmig", text},      {"README.md", "not a migration"},
      {"courses/notes.txt", "not a migration"}, {"courses/sub/0002_x.lmig", "not a migration"},
      {"accounts/0001_initial.lmig", accounts},
  };
  const auto loaded = load_files(files);
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].key.str(), "accounts.0001_initial");
  EXPECT_EQ(loaded[1].source, "embedded:courses/0001_initial.lmig");
  EXPECT_EQ(loaded[1].checksum, sha256_hex(text));
}

// The copy built into the binary is byte for byte the repository's files.
// git keeps no empty directory, so a fresh clone may have no migrations/.
TEST(Loader, EmbeddedFilesMatchTheRepository) {
  const fs::path dir = LECTERN_MIGRATIONS_DIR;
  const auto on_disk = fs::exists(dir) ? load_directory(dir) : std::vector<Migration>{};
  const auto embedded = load_embedded();
  ASSERT_EQ(embedded.size(), on_disk.size());
  for (std::size_t i = 0; i < embedded.size(); ++i) {
    SCOPED_TRACE(on_disk[i].source);
    EXPECT_EQ(embedded[i].key, on_disk[i].key);
    EXPECT_EQ(embedded[i].checksum, on_disk[i].checksum);
    EXPECT_EQ(embedded[i].source, "embedded:" + embedded[i].key.app + "/" + embedded[i].key.name +
                                      std::string(kMigrationFileExtension));
  }
  EXPECT_EQ(embedded_files().size(), on_disk.size());
}

// The loader takes the checksums computed at build time as they are: each
// must be the SHA-256 of the embedded bytes.
TEST(Loader, EmbeddedChecksumsAreThoseOfTheBytes) {
  for (const auto& file : embedded_files()) {
    SCOPED_TRACE(file.path);
    EXPECT_EQ(file.checksum, sha256_hex(file.content));
  }
}

TEST(Loader, GivenChecksumsAreTakenAsTheyAre) {
  const std::string text = header("courses", "0001_initial");
  const std::string checksum(64, 'a');
  const EmbeddedFile files[] = {{"courses/0001_initial.lmig", text, checksum}};
  EXPECT_EQ(load_files(files).at(0).checksum, checksum);
}

// courses.0001 <- courses.0002, and accounts.0001; handed over out of order.
std::vector<Migration> three_files() {
  return {
      parse_migration(header("courses", "0002_price") + "depends courses 0001_initial\n" +
                          "add_field Course\n  field price type=integer default=0\nend\n",
                      "c2"),
      parse_migration(header("accounts", "0001_initial") +
                          "create_model User table=accounts_user\n"
                          "  field id type=bigauto primary_key\nend\n",
                      "a1"),
      parse_migration(header("courses", "0001_initial") +
                          "create_model Course table=courses_course\n"
                          "  field id type=bigauto primary_key\nend\n",
                      "c1"),
  };
}

TEST(LoadedMigrations, SortedByKeyWithTheirGraphAndLookUps) {
  const LoadedMigrations loaded(three_files());
  std::vector<std::string> keys;
  for (const auto& m : loaded) keys.push_back(m.key.str());
  EXPECT_EQ(keys, (std::vector<std::string>{"accounts.0001_initial", "courses.0001_initial",
                                            "courses.0002_price"}));
  EXPECT_EQ(loaded.graph().leaf_nodes("courses"),
            (std::vector<MigrationKey>{{"courses", "0002_price"}}));
  EXPECT_EQ(loaded.get({"courses", "0001_initial"}).source, "c1");
  EXPECT_EQ(&loaded.get({"courses", "0002_price"}), loaded.find({"courses", "0002_price"}));
  EXPECT_EQ(loaded.find({"courses", "0003_none"}), nullptr);
  EXPECT_THROW(loaded.get({"courses", "0003_none"}), NotFoundError);
  const auto order = loaded.in_order({{"courses", "0002_price"}, {"accounts", "0001_initial"}});
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0]->source, "c2");
  EXPECT_EQ(order[1]->source, "a1");
}

TEST(LoadedMigrations, StatesAfterAPlanAndOfTheWholeProject) {
  const LoadedMigrations loaded(three_files());
  const auto first = loaded.state_after({{"courses", "0001_initial"}});
  ASSERT_NE(first.find("courses", "Course"), nullptr);
  EXPECT_EQ(first.find("courses", "Course")->fields.size(), 1u);
  EXPECT_EQ(first.find("accounts", "User"), nullptr);
  const auto all = loaded.project_state();
  EXPECT_EQ(all.find("courses", "Course")->fields.size(), 2u);
  EXPECT_NE(all.find("accounts", "User"), nullptr);
}

TEST(LoadedMigrations, ProjectStateRefusesAnInvalidGraph) {
  auto files = three_files();
  files.erase(files.begin() + 2);  // courses.0002 depends on it
  const LoadedMigrations loaded(std::move(files));
  EXPECT_FALSE(loaded.graph().problems().empty());
  EXPECT_THROW(loaded.project_state(), GraphError);
}

}  // namespace
}  // namespace lectern::migrations
