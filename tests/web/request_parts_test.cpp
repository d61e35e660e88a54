// The small pieces of a page request: cookies, anti-CSRF tokens, form
// bodies and where a login may send its reader next.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "web/cookies.hpp"
#include "web/csrf.hpp"
#include "web/form.hpp"
#include "web/site.hpp"

namespace lectern::web {
namespace {

TEST(Cookies, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(cookie_value("a=1; lectern_session=abc; b=2", "lectern_session"), "abc");
  EXPECT_EQ(cookie_value("lectern_session=abc", "lectern_session"), "abc");
  EXPECT_EQ(cookie_value("x_lectern_session=abc", "lectern_session"), std::nullopt);
  EXPECT_EQ(cookie_value("a=1;b", "b"), std::nullopt);  // a pair without '=' is skipped
  EXPECT_EQ(cookie_value("  b = \"quoted\" ", "b"), "quoted");
  EXPECT_EQ(cookie_value("", "b"), std::nullopt);
  EXPECT_EQ(cookie_value("b=1; b=2", "b"), "1");
}

TEST(Cookies, SetCookieCarriesTheFlags) {
  EXPECT_EQ(set_cookie("s", "v", {}), "s=v; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(set_cookie("s", "v", {.secure = true, .max_age = std::chrono::seconds(60)}),
            "s=v; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=60");
  EXPECT_EQ(set_cookie("s", "", {.max_age = std::chrono::seconds(0)}),
            "s=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
}

TEST(Csrf, AFormCarriesTheCookiesTokenMaskedByAnyPad) {
  const std::string token = "Zq3-_a09ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi";  // 43 base64url
  const std::string pad_a(43, 'A');                                         // moves nothing
  const std::string pad_b = "_-9zZaA0123456789abcdefghijklmnopqrstuvwxyzQ";
  const std::string masked_a = mask_csrf(token, pad_a);
  const std::string masked_b = mask_csrf(token, pad_b);
  EXPECT_EQ(masked_a, pad_a + token);
  EXPECT_NE(masked_a, masked_b);
  EXPECT_EQ(masked_b.size(), 86u);
  EXPECT_EQ(masked_b.find(token), std::string::npos);
  EXPECT_TRUE(csrf_matches(token, masked_a));
  EXPECT_TRUE(csrf_matches(token, masked_b));
}

TEST(Csrf, AnythingElseIsRefused) {
  const std::string token(43, 'q');
  const std::string masked = mask_csrf(token, std::string(43, 'x'));
  std::string tampered = masked;
  tampered.back() = tampered.back() == 'a' ? 'b' : 'a';
  const struct {
    std::string cookie, field, why;
  } cases[] = {
      {token, token, "the bare token (what an old page carried)"},
      {token, tampered, "one character changed"},
      {std::string(43, 'r'), masked, "another cookie"},
      {token, masked + "A", "too long"},
      {token, masked.substr(1), "too short"},
      {token, "", "empty"},
      {"", "", "no cookie"},
      {std::string(31, 'q'), mask_csrf(std::string(31, 'q'), std::string(31, 'x')), "short cookie"},
      {std::string(42, 'q') + "=", mask_csrf(std::string(43, 'q'), std::string(43, 'x')),
       "cookie outside base64url"},
      {token, std::string(85, 'x') + "%", "field outside base64url"},
  };
  for (const auto& c : cases) EXPECT_FALSE(csrf_matches(c.cookie, c.field)) << c.why;
  EXPECT_TRUE(csrf_token_usable(token));
  EXPECT_FALSE(csrf_token_usable(std::string(31, 'q')));
  EXPECT_FALSE(csrf_token_usable(std::string(42, 'q') + "."));
}

TEST(Form, DecodesFieldsLikeAQuery) {
  const Form form = Form::parse("username=ada+l&next=%2Fcourses%3Fpage%3D2&empty=");
  EXPECT_EQ(form.get("username"), "ada l");
  EXPECT_EQ(form.get("next"), "/courses?page=2");
  EXPECT_EQ(form.get("empty"), "");
  EXPECT_EQ(form.get("missing"), std::nullopt);
  EXPECT_EQ(form.text("missing"), "");
  EXPECT_THROW(Form::parse("a=%FF"), UsageError);
  EXPECT_THROW(Form::parse("a=%zz"), UsageError);
}

TEST(Form, UrlEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode("/courses/x?page=2&a=b c"), "%2Fcourses%2Fx%3Fpage%3D2%26a%3Db%20c");
  EXPECT_EQ(url_encode("jazz-1_2.~"), "jazz-1_2.~");
  EXPECT_EQ(url_encode("é"), "%C3%A9");
}

TEST(Next, OnlyPathsOfThisSite) {
  EXPECT_TRUE(same_site_path("/dashboard"));
  EXPECT_TRUE(same_site_path("/courses/x?page=2#r"));
  EXPECT_FALSE(same_site_path(""));
  EXPECT_FALSE(same_site_path("//evil.example/x"));
  EXPECT_FALSE(same_site_path("/\\evil.example"));
  EXPECT_FALSE(same_site_path("https://evil.example/"));
  EXPECT_FALSE(same_site_path("javascript:alert(1)"));
  EXPECT_FALSE(same_site_path("dashboard"));
  EXPECT_FALSE(same_site_path("/a\r\nSet-Cookie: x=1"));
}

TEST(PageHeaders, EveryPageGetsThem) {
  http::Response signed_out;
  add_page_headers(signed_out, false);
  http::Response signed_in;
  add_page_headers(signed_in, true);
  auto header = [](const http::Response& r, std::string_view name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return std::string();
  };
  EXPECT_EQ(signed_out.content_type, "text/html; charset=utf-8");
  const std::string csp = header(signed_out, "Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(header(signed_out, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(signed_out, "Referrer-Policy"), "same-origin");
  EXPECT_EQ(header(signed_in, "Cache-Control"), "no-store");
  EXPECT_NE(header(signed_out, "Cache-Control"), "no-store");
}

}  // namespace
}  // namespace lectern::web
