// Embedded assets: hashed names, immutable caching, gzip when accepted
// (web/assets.hpp), and the templates' escaping (web/templates.hpp).
#include "web/assets.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "web/templates.hpp"

namespace lectern::web {
namespace {

std::string gunzip(const std::string& bytes) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(bytes.size() * 20 + 1024, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string header(const http::Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

const EmbeddedFile kFiles[] = {
    {"assets/app.css", "body { color: red; }", "0123456789abcdef0123456789abcdef"},
    {"assets/icon.svg", "<svg/>", "fedcba9876543210fedcba9876543210"},
    {"templates/page.mustache", "<h1>{{title}}</h1>{{{html}}}", "00"},
};

TEST(Assets, UrlsCarryTheContentHash) {
  const Assets assets(kFiles);
  EXPECT_EQ(assets.url("app.css"), "/static/app.0123456789ab.css");
  EXPECT_EQ(assets.url("icon.svg"), "/static/icon.fedcba987654.svg");
  EXPECT_EQ(assets.url("page.mustache"), "");  // templates are not assets
  EXPECT_EQ(assets.url("nope.css"), "");
}

TEST(Assets, ServedImmutableAndGzippedWhenAccepted) {
  const Assets assets(kFiles);
  http::Request request;
  request.headers = {{"accept-encoding", "br, gzip;q=0.8"}};
  auto r = assets.serve(request, "app.0123456789ab.css");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(header(r, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(r.body), "body { color: red; }");

  request.headers = {{"accept-encoding", "gzip;q=0"}};
  r = assets.serve(request, "app.0123456789ab.css");
  EXPECT_EQ(header(r, "Content-Encoding"), "");
  EXPECT_EQ(r.body, "body { color: red; }");

  EXPECT_EQ(assets.serve(request, "app.000000000000.css").status, 404);  // a stale hash
  EXPECT_EQ(assets.serve(request, "app.css").status, 404);
}

TEST(Assets, AcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, GZIP"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=zz"));
}

TEST(Templates, EscapeByDefault) {
  const Templates templates(kFiles);
  View view{View::type::object};
  view.set("title", "<script>alert('x') & \"y\"</script>");
  view.set("html", "<em>built here</em>");
  EXPECT_EQ(templates.render("page", view),
            "<h1>&lt;script&gt;alert(&apos;x&apos;) &amp; &quot;y&quot;&lt;/script&gt;</h1>"
            "<em>built here</em>");
  EXPECT_THROW(templates.render("missing", view), std::logic_error);
}

TEST(Templates, TheShippedOnesParse) {
  const Templates templates(embedded_files());
  EXPECT_NO_THROW(templates.render("layout", View{View::type::object}));
  EXPECT_NO_THROW(templates.render("error", View{View::type::object}));
}

}  // namespace
}  // namespace lectern::web
