// Described enums as text: names both ways, the list of names, and JSON
// (alone, optional, in a vector and as a struct member).
#include "core/described_enum.hpp"

#include <gtest/gtest.h>

#include "core/json_writer.hpp"

namespace lectern {
namespace {

enum class Phase { in_progress, submitted, graded };
BOOST_DESCRIBE_ENUM(Phase, in_progress, submitted, graded)

struct Step {
  Phase phase = Phase::in_progress;
  std::optional<Phase> next;
};
BOOST_DESCRIBE_STRUCT(Step, (), (phase, next))

enum class Plain { a, b };  // not described: no text of its own

static_assert(DescribedEnum<Phase>);
static_assert(!DescribedEnum<Plain>);
static_assert(!DescribedEnum<int>);

TEST(DescribedEnum, NamesAreTheEnumeratorsBothWays) {
  struct Case {
    Phase value;
    std::string_view name;
  };
  for (const Case& c : {Case{Phase::in_progress, "in_progress"},
                        Case{Phase::submitted, "submitted"}, Case{Phase::graded, "graded"}}) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(enum_name(c.value), c.name);
    EXPECT_EQ(enum_from_name<Phase>(c.name), c.value);
  }
}

TEST(DescribedEnum, UnknownTextAndUnknownValuesAreNoEnumerator) {
  for (std::string_view text : {"", "Graded", "graded ", "in-progress", "grade"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(enum_from_name<Phase>(text), std::nullopt);
  }
  EXPECT_EQ(enum_name(static_cast<Phase>(7)), "");
}

TEST(DescribedEnum, NamesInDeclarationOrder) {
  EXPECT_EQ(enum_names<Phase>(), (std::vector<std::string>{"in_progress", "submitted", "graded"}));
}

TEST(DescribedEnum, JsonIsTheNameAsAString) {
  EXPECT_EQ(to_json(Phase::graded), R"("graded")");
  EXPECT_EQ(to_json(std::optional<Phase>{}), "null");
  EXPECT_EQ(to_json(std::vector<Phase>{Phase::submitted, Phase::in_progress}),
            R"(["submitted","in_progress"])");
  EXPECT_EQ(to_json(Step{.phase = Phase::submitted, .next = Phase::graded}),
            R"({"phase":"submitted","next":"graded"})");
}

}  // namespace
}  // namespace lectern
