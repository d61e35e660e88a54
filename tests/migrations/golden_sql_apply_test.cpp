// Every golden case's SQL (golden_cases.hpp) run on a real database of each
// backend, with rows in the tables: the migration is applied, then
// unapplied, and the schema read back from the catalogue must be exactly as
// before. So the reviewed golden files are also known to run.
#include <gtest/gtest.h>

#include "apply_fixture.hpp"
#include "golden_cases.hpp"

namespace lectern::migrations::testing {
namespace {

class GoldenSqlApplyTest : public ApplyTest {};

TEST_P(GoldenSqlApplyTest, EveryCaseRunsAndRoundTrips) {
  for (const auto& c : golden_cases()) {
    SCOPED_TRACE(c.name);
    course(c.name, user("user_" + c.name));
    for (const auto& op : c.setup) apply(op);
    const auto before = schema();
    bool reversible_here = true;
    for (const auto& op : c.migration) {
      apply(op);
      reversible_here = reversible_here && reversible(op, GetParam());
    }
    if (!reversible_here) {
      // RunSQL leaves the state as it was: only the database changed.
      EXPECT_THROW(unapply(), IrreversibleError);
    } else {
      for (std::size_t i = 0; i < c.migration.size(); ++i) unapply();
      EXPECT_EQ(schema(), before);
    }
    for (std::size_t i = 0; i < c.setup.size(); ++i) unapply();
  }
}

LECTERN_INSTANTIATE_BACKENDS(GoldenSqlApplyTest);

}  // namespace
}  // namespace lectern::migrations::testing
