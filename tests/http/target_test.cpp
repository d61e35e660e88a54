// The request-target as the router and handlers read it: splitting of
// origin- and absolute-form, segment decoding, and the rule that a query is
// UTF-8 text with well-formed escapes and no NUL.
#include "http/target.hpp"

#include <gtest/gtest.h>

namespace lectern::http {
namespace {

TEST(TargetTest, SplitsOriginAndAbsoluteForms) {
  struct Case {
    const char* target;
    const char* path;
    const char* query;
  };
  const Case cases[] = {
      {"/api/courses", "/api/courses", ""},
      {"/api/courses?page=2&x", "/api/courses", "page=2&x"},
      {"/api/courses?", "/api/courses", ""},
      {"/a%2Fb?c=%2F", "/a%2Fb", "c=%2F"},
      {"http://host/api/health", "/api/health", ""},
      {"HTTP://host:8000/api/courses?page=1", "/api/courses", "page=1"},
      {"https://[::1]/x?y", "/x", "y"},
      {"http://host", "/", ""},
      {"http://host?q=1", "/", "q=1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    auto t = split_target(c.target);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, c.path);
    EXPECT_EQ(t->query, c.query);
  }
  for (const char* refused :
       {"", "*", "api/courses", "host:80", "mailto:a@b", "ftp://host/x", "http:/x", "http://",
        // Found by fuzz_request_target: Boost.URL takes the port's digits
        // and leaves the rest as a path without its '/'.
        "http://h!st:82ph/0eia/alth?x=%C3%A8", "http://host:80abc/api/health", "http://host:8x"}) {
    SCOPED_TRACE(refused);
    EXPECT_FALSE(split_target(refused));
  }
}

TEST(TargetTest, DecodesSegmentsAndRefusesMalformedEscapes) {
  std::string out;
  ASSERT_TRUE(decode_segment("20%2Fstats", out));
  EXPECT_EQ(out, "20/stats");
  ASSERT_TRUE(decode_segment("%31%32", out));
  EXPECT_EQ(out, "12");
  ASSERT_TRUE(decode_segment("a+b", out));
  EXPECT_EQ(out, "a+b");  // '+' is a space in queries only
  for (const char* bad : {"%", "%4", "%zz", "a%g0", "1%"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(decode_segment(bad, out));
  }
}

TEST(TargetTest, QueriesAreUtf8TextWithWellFormedEscapes) {
  for (const char* good : {"", "page=1", "search=caf%C3%A9+au+lait", "a&&b=", "x=%E2%82%AC",
                           "emoji=%F0%9F%98%80", "raw=\xC3\xA9", "k=v=w"}) {
    SCOPED_TRACE(good);
    EXPECT_TRUE(valid_query(good));
  }
  for (const char* bad : {"page=%zz", "%zz=1", "search=abc%", "search=%4", "search=%FF%FE", "a=%00",
                          "a%00=1", "a=%C0%AF", "a=%ED%A0%80", "a=%F4%90%80%80", "a=%E2%82",
                          "a=%E2%82&b=%AC", "a=%E2=%82%AC", "raw=\xFF"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(valid_query(bad));
  }
}

TEST(TargetTest, QueryValuesAreDecoded) {
  const std::string q = "page=2&search=caf%C3%A9+au+lait&flag&p%61ge_size=5&page=3";
  EXPECT_EQ(query_value(q, "page"), "2");  // the first one
  EXPECT_EQ(query_value(q, "search"), "café au lait");
  EXPECT_EQ(query_value(q, "flag"), "");
  EXPECT_EQ(query_value(q, "page_size"), "5");
  EXPECT_EQ(query_value(q, "missing"), std::nullopt);
  EXPECT_EQ(query_value("", "page"), std::nullopt);
}

TEST(TargetTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain"));
  EXPECT_TRUE(valid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));
  for (const char* bad : {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE2\x82", "\xC3"}) {
    EXPECT_FALSE(valid_utf8(bad)) << ::testing::PrintToString(std::string(bad));
  }
}

}  // namespace
}  // namespace lectern::http
