// Lesson Markdown: GitHub's extensions on, raw HTML off, link schemes
// filtered (web/markdown.hpp).
#include "web/markdown.hpp"

#include <gtest/gtest.h>

namespace lectern::web {
namespace {

TEST(Markdown, RendersCommonMarkAndGithubExtensions) {
  EXPECT_EQ(markdown_to_html("Hello **there**"), "<p>Hello <strong>there</strong></p>\n");
  EXPECT_NE(markdown_to_html("~~gone~~").find("<del>gone</del>"), std::string::npos);
  EXPECT_NE(markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"),
            std::string::npos);
  EXPECT_NE(
      markdown_to_html("see https://example.com now").find(R"(<a href="https://example.com">)"),
      std::string::npos);
}

TEST(Markdown, RawHtmlIsLeftOut) {
  const std::string html = markdown_to_html("<script>alert(1)</script>\n\nText <b onclick=x>b</b>");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b "), std::string::npos) << html;
  EXPECT_NE(html.find("raw HTML omitted"), std::string::npos) << html;
}

TEST(Markdown, LinksKeepOnlyHttpHttpsMailtoAndRelativeTargets) {
  struct Case {
    std::string markdown;
    bool kept;
  };
  const Case cases[] = {
      {"[a](https://example.com/x)", true},
      {"[a](http://example.com)", true},
      {"[a](mailto:someone@example.com)", true},
      {"[a](/lessons/3)", true},
      {"[a](../notes?x=1#y)", true},
      {"[a](javascript:alert(1))", false},
      {"[a](JavaScript:alert(1))", false},
      {"[a](data:text/html,hi)", false},
      {"[a](vbscript:x)", false},
      {"[a](ftp://example.com)", false},
      {"![pic](javascript:alert(1))", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.markdown);
    const std::string html = markdown_to_html(c.markdown);
    const bool has_link =
        html.find("href=") != std::string::npos || html.find("src=") != std::string::npos;
    EXPECT_EQ(has_link, c.kept) << html;
    if (!c.kept) {
      // The refused link's text stays.
      EXPECT_NE(html.find(c.markdown.front() == '!' ? "pic" : ">a<"), std::string::npos);
    }
  }
}

TEST(Markdown, AllowedLinkRefusesBlanksAndControlsInsideTheTarget) {
  EXPECT_TRUE(allowed_link("https://example.com"));
  EXPECT_TRUE(allowed_link("page#part"));
  EXPECT_TRUE(allowed_link("/a:b"));  // a colon after the first slash is no scheme
  EXPECT_FALSE(allowed_link("java\tscript:alert(1)"));
  EXPECT_FALSE(allowed_link(" javascript:alert(1)"));
  EXPECT_FALSE(allowed_link("javascript:alert(1)"));
}

}  // namespace
}  // namespace lectern::web
