// printable(): untrusted bytes echoed in a message stay one printable line;
// lower, join, trim and split, the string helpers every layer shares.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace lectern {
namespace {

TEST(Printable, EscapesWhatATerminalWouldActOnAndKeepsText) {
  struct Case {
    std::string in;
    std::string out;
  };
  const std::vector<Case> cases = {
      {"create_model", "create_model"},
      {std::string("a\0b", 3), "a\\x00b"},
      {"\x1b[31mred", "\\x1b[31mred"},
      {"a\x1d"
       "b\x7f",
       "a\\x1db\\x7f"},
      {"line\nnext\r", "line\\x0anext\\x0d"},
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"},
      {"\xff\xfe", "\\xff\\xfe"},
      {"\xc3", "\\xc3"},                    // cut sequence
      {"\xc0\xaf", "\\xc0\\xaf"},           // overlong '/'
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},  // surrogate
      {"\xc2\x9b"
       "2J",
       "\\u009b2J"},  // C1 CSI
      {"abc\xe2\x80\xae"
       "cba",
       "abc\\u202ecba"},  // right-to-left override
  };
  for (const auto& c : cases) {
    EXPECT_EQ(printable(c.in), c.out);
    for (char ch : printable(c.in)) {
      EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f);
    }
  }
}

TEST(Lower, AsciiOnly) {
  EXPECT_EQ(lower("Course_ID"), "course_id");
  EXPECT_EQ(lower("CAF\xc3\x89"), "caf\xc3\x89");  // UTF-8 bytes are kept
  EXPECT_EQ(lower(""), "");
}

TEST(TwoDecimals, RoundsAndDropsTrailingZeros) {
  EXPECT_EQ(two_decimals(75), "75");
  EXPECT_EQ(two_decimals(75.5), "75.5");
  EXPECT_EQ(two_decimals(200.0 / 3), "66.67");
  EXPECT_EQ(two_decimals(100.0 / 3), "33.33");
  EXPECT_EQ(two_decimals(0), "0");
  EXPECT_EQ(two_decimals(99.999), "100");
  EXPECT_EQ(two_decimals(-0.001), "0");
}

TEST(Join, SeparatorBetweenParts) {
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({"a", "", "b"}, ","), "a,,b");
}

TEST(Trim, BlanksAtBothEnds) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\va\v", " \t\r"), "\va\v");  // only the blanks asked for
}

TEST(Split, KeepsEmptyPieces) {
  using Parts = std::vector<std::string_view>;
  EXPECT_EQ(split("a,,b", ','), (Parts{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (Parts{""}));
  EXPECT_EQ(split("a,", ','), (Parts{"a", ""}));
}

}  // namespace
}  // namespace lectern
