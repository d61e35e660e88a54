// The SQL each operation renders, per backend, compared exactly with
// tests/golden/<case>/expected.{postgres,sqlite}.sql: the migration's
// forwards script, then its backwards script. Regenerate after an intended
// change with LECTERN_UPDATE_GOLDEN=1 (see tests/golden/README.md) and review
// the diff. operations_apply_test runs the same kinds of SQL on real databases.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "golden_cases.hpp"
#include "migrations/operations.hpp"

#ifndef LECTERN_GOLDEN_DIR
#error "LECTERN_GOLDEN_DIR must name tests/golden (set in tests/CMakeLists.txt)"
#endif

namespace lectern::migrations::testing {
namespace {

// The golden text: the forwards script, then the backwards one.
std::string render(const GoldenCase& c, db::Backend backend) {
  ProjectState before = base_state();
  for (const auto& op : c.setup) state_forwards(op, "courses", before);
  Migration m;
  m.key = {"courses", "0002_" + c.name};
  for (const auto& op : c.migration) m.operations.push_back({op, 0, {}});
  const auto& dialect = db::dialect_for(backend);
  std::string out =
      "-- forwards\n" + migration_sql(m, before, dialect, Direction::kForwards).script();
  out += "\n-- backwards\n";
  try {
    out += migration_sql(m, before, dialect, Direction::kBackwards).script();
  } catch (const IrreversibleError& e) {
    out += std::string("-- ") + e.what() + "\n";
  }
  return out;
}

std::filesystem::path golden_path(const std::string& name, db::Backend backend) {
  return std::filesystem::path(LECTERN_GOLDEN_DIR) / name /
         ("expected." + std::string(db::to_string(backend)) + ".sql");
}

bool updating() {
  const char* flag = std::getenv("LECTERN_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

class SchemaEditorGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SchemaEditorGoldenTest, MatchesGoldenFiles) {
  for (auto backend : {db::Backend::kPostgres, db::Backend::kSqlite}) {
    SCOPED_TRACE(db::to_string(backend));
    const std::string actual = render(GetParam(), backend);
    const auto path = golden_path(GetParam().name, backend);
    if (updating()) {
      std::filesystem::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << actual;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " is missing; run with LECTERN_UPDATE_GOLDEN=1 to create it";
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(actual, expected.str())
        << "differs from " << path << " (LECTERN_UPDATE_GOLDEN=1 regenerates it)";
  }
}

INSTANTIATE_TEST_SUITE_P(golden, SchemaEditorGoldenTest, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lectern::migrations::testing
