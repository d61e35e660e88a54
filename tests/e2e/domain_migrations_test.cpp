// The shipped migration history of the domain (migrations/accounts, courses,
// instructor_portal) through the real binary: it is exactly what
// makemigrations writes from the staged declarations, the schema tools are
// clean on it, and a migrated PostgreSQL has bigint keys everywhere.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::lectern_binary;
using testing::run_process;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(DomainMigrationsTest, ShippedFilesAreWhatMakemigrationsWritesStageByStage) {
  const fs::path scratch =
      fs::temp_directory_path() / ("lectern-domain-stages-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  const std::string build_dir =
      fs::path(testing::fixture_binary("domain_stages")).parent_path().parent_path();
  auto r = run_process({std::string(LECTERN_SOURCE_DIR) + "/scripts/regenerate-domain-migrations",
                        build_dir, scratch.string()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const fs::path shipped = fs::path(LECTERN_SOURCE_DIR) / "migrations";
  const std::vector<std::string> expected = {
      "accounts/0001_initial.lmig",
      "courses/0001_initial.lmig",
      "courses/0002_courseprogress_and_more.lmig",
      "courses/0003_add_analytics_models.lmig",
      "courses/0004_add_misc_models.lmig",
      "courses/0005_useractivity_user_no_index.lmig",
      "instructor_portal/0001_initial.lmig",
  };
  std::vector<std::string> written;
  for (const auto& entry : fs::recursive_directory_iterator(scratch)) {
    if (entry.is_regular_file()) written.push_back(fs::relative(entry.path(), scratch).string());
  }
  std::sort(written.begin(), written.end());
  EXPECT_EQ(written, expected);
  for (const auto& file : expected) {
    SCOPED_TRACE(file);
    EXPECT_EQ(read_file(scratch / file), read_file(shipped / file));
  }
  fs::remove_all(scratch);
}

TEST(DomainMigrationsTest, InstructorPortalDependsOnTheLastCoursesMigration) {
  const std::string text =
      read_file(fs::path(LECTERN_SOURCE_DIR) / "migrations/instructor_portal/0001_initial.lmig");
  EXPECT_NE(text.find("depends courses 0004_add_misc_models\n"), std::string::npos) << text;
}

TEST(DomainMigrationsTest, CheckAndMakemigrationsAreCleanOnTheShippedModels) {
  auto check = run_process({lectern_binary(), "--database", "sqlite::memory:", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out.rfind("System check identified no issues.\n", 0), 0u) << check.out;
  auto pending =
      run_process({lectern_binary(), "--migrations-dir",
                   std::string(LECTERN_SOURCE_DIR) + "/migrations", "makemigrations", "--check"});
  EXPECT_EQ(pending.exit_code, 0) << pending.out << pending.err;
  EXPECT_EQ(pending.out, "No changes detected\n");
}

class DomainSchemaTest : public testing::BackendTest {
 protected:
  testing::ProcessResult lectern(std::vector<std::string> args) {
    args.insert(args.begin(), {lectern_binary(), "--database", scratch().url()});
    return run_process(args);
  }
};

TEST_P(DomainSchemaTest, MigrateThenVerifyAndCheckAreClean) {
  auto migrate = lectern({"migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate.out << migrate.err;
  auto verify = lectern({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.out, "No differences: the live schema matches the 7 applied migrations.\n");
  auto check = lectern({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_P(DomainSchemaTest, EveryMigrationRoundTrips) {
  auto r = lectern({"testmigrations"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(
      r.out.find("All 7 migrations round-trip on " + std::string(db::to_string(GetParam())) + "."),
      std::string::npos)
      << r.out;
}

// Every key and foreign key is 64-bit: bigint on PostgreSQL; on SQLite the
// key is the rowid ("integer ... AUTOINCREMENT", 64-bit) and references bigint.
TEST_P(DomainSchemaTest, KeysAndForeignKeysAre64Bit) {
  ASSERT_EQ(lectern({"migrate"}).exit_code, 0);
  const bool postgres = GetParam() == db::Backend::kPostgres;
  auto rows = conn().query(
      postgres ? "SELECT table_name, column_name, data_type FROM information_schema.columns "
                 "WHERE table_schema = current_schema() AND table_name <> 'lectern_migrations' "
                 "AND (column_name = 'id' OR column_name LIKE '%\\_id' ESCAPE '\\') ORDER BY 1, 2"
               : "SELECT m.name, p.name, lower(p.type) FROM sqlite_master m "
                 "JOIN pragma_table_info(m.name) p WHERE m.type = 'table' "
                 "AND m.name NOT IN ('lectern_migrations', 'sqlite_sequence') "
                 "AND (p.name = 'id' OR p.name LIKE '%\\_id' ESCAPE '\\') ORDER BY 1, 2");
  ASSERT_GT(rows.size(), 60u);  // every table's id and every foreign key
  for (const auto& row : rows) {
    const auto column = row.get<std::string>(1);
    const std::string expected = postgres || column != "id" ? "bigint" : "integer";
    EXPECT_EQ(row.get<std::string>(2), expected) << row.get<std::string>(0) << "." << column;
  }
}

LECTERN_INSTANTIATE_BACKENDS(DomainSchemaTest);

}  // namespace
}  // namespace lectern
