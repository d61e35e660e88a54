// How the real server reads a request off the wire (RFC 9112), over raw
// sockets: a body whose length is not known for sure (Transfer-Encoding
// other than chunked alone) is refused with 400 and the connection closed, so
// its bytes are never served as a request of their own (request smuggling);
// HTTP/1.1 needs exactly one Host; an absolute-form target is served like its
// path; an encoded "/" in a path is data, not a separator.
#include <gtest/gtest.h>

#include "support/api_server.hpp"

namespace lectern {
namespace {

using testing::api_path;
using testing::exchange_raw;
using testing::has_error;
using testing::is_routed;
using testing::RawExchange;

class ApiHttpFramingTest : public testing::ApiCourseTest {
 protected:
  RawExchange exchange(const std::string& bytes) {
    return exchange_raw("127.0.0.1", server().port(), bytes);
  }
};

// A request the server reads whole before the bytes after it.
const std::string kSmuggled = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";

std::string describe(const RawExchange& r) {
  std::string out = std::to_string(r.responses.size()) + " response(s)";
  for (const auto& response : r.responses) {
    out += ", " + std::to_string(response.status) + " " + response.body;
  }
  return out + (r.closed ? ", closed" : ", left open");
}

TEST_P(ApiHttpFramingTest, TransferEncodingOtherThanChunkedAloneIs400AndCloses) {
  struct Case {
    const char* name;
    std::string headers;  // after the request line and Host
    std::string body;     // what the server must not read as a request
  };
  const std::string length = "Content-Length: " + std::to_string(kSmuggled.size()) + "\r\n";
  const Case cases[] = {
      {"gzip", "Transfer-Encoding: gzip\r\n", kSmuggled},
      {"gzip with a length", "Transfer-Encoding: gzip\r\n" + length, kSmuggled},
      {"identity", "Transfer-Encoding: identity\r\n", kSmuggled},
      {"identity with a length", "Transfer-Encoding: identity\r\n" + length, kSmuggled},
      {"xchunked", "Transfer-Encoding: xchunked\r\n", kSmuggled},
      {"xchunked with a length", "Transfer-Encoding: xchunked\r\n" + length, kSmuggled},
      {"chunked then gzip", "Transfer-Encoding: chunked, gzip\r\n", kSmuggled},
      {"chunked then gzip with a length", "Transfer-Encoding: chunked, gzip\r\n" + length,
       kSmuggled},
      {"chunked, then gzip in a second field",
       "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n", "0\r\n\r\n" + kSmuggled},
      {"chunked twice", "Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n" + kSmuggled},
      {"gzip then chunked", "Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n" + kSmuggled},
      {"empty", "Transfer-Encoding: \r\n", kSmuggled},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = exchange("POST /api/auth/login HTTP/1.1\r\nHost: x\r\n" + c.headers + "\r\n" + c.body);
    ASSERT_EQ(r.responses.size(), 1u) << describe(r);
    EXPECT_EQ(r.responses[0].status, 400) << describe(r);
    EXPECT_NE(r.responses[0].body.find("malformed_request"), std::string::npos);
    EXPECT_EQ(r.responses[0].headers["connection"], "close");
    EXPECT_TRUE(r.closed) << describe(r);
  }
  // Chunked alone is read as the body, and the connection goes on.
  auto r = exchange(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "2\r\n{}\r\n0\r\n\r\n" +
      kSmuggled);
  ASSERT_EQ(r.responses.size(), 2u) << describe(r);
  EXPECT_EQ(r.responses[0].status, 422) << describe(r);  // {} lacks the credentials
  EXPECT_EQ(r.responses[1].status, 200) << describe(r);
  EXPECT_FALSE(r.closed);
}

TEST_P(ApiHttpFramingTest, Http11NeedsExactlyOneHost) {
  struct Case {
    const char* name;
    std::string request;
    int status;
  };
  const Case cases[] = {
      {"no Host", "GET /api/health HTTP/1.1\r\n\r\n", 400},
      {"two Hosts", "GET /api/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"two equal Hosts", "GET /api/health HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400},
      {"user info in Host", "GET /api/health HTTP/1.1\r\nHost: user@a\r\n\r\n", 400},
      {"a path in Host", "GET /api/health HTTP/1.1\r\nHost: a/b\r\n\r\n", 400},
      {"one Host", "GET /api/health HTTP/1.1\r\nHost: a\r\n\r\n", 200},
      {"Host with a port", "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n", 200},
      {"IPv6 Host", "GET /api/health HTTP/1.1\r\nHost: [::1]:8000\r\n\r\n", 200},
      {"HTTP/1.0 without Host", "GET /api/health HTTP/1.0\r\n\r\n", 200},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = exchange(c.request);
    ASSERT_FALSE(r.responses.empty()) << describe(r);
    EXPECT_EQ(r.responses[0].status, c.status) << describe(r);
    if (c.status == 400) {
      EXPECT_NE(r.responses[0].body.find("malformed_request"), std::string::npos);
      EXPECT_TRUE(r.closed) << describe(r);
    }
  }
}

TEST_P(ApiHttpFramingTest, AbsoluteFormTargetsAreServedLikeTheirPath) {
  auto r = exchange("GET http://127.0.0.1/api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  ASSERT_EQ(r.responses.size(), 1u) << describe(r);
  EXPECT_EQ(r.responses[0].status, 200);
  EXPECT_EQ(r.responses[0].body, R"({"status":"ok"})");
  // The query of an absolute-form target is read too.
  r = exchange("GET http://example.com:8000/api/courses?page_size=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(r.responses.size(), 1u) << describe(r);
  EXPECT_EQ(r.responses[0].status, 200);
  EXPECT_EQ(boost::json::parse(r.responses[0].body).at("page_size"), 1);
  // Not a target at all.
  r = exchange("GET mailto:a@b HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(r.responses.size(), 1u) << describe(r);
  EXPECT_EQ(r.responses[0].status, 400);
}

TEST_P(ApiHttpFramingTest, EncodedSlashesDoNotSplitPathSegments) {
  const std::string& token = cast_.instructor.token;
  ASSERT_EQ(get(api_path("/api/courses/", course_, "/stats"), token).status, 200);
  // "1%2Fstats" is one segment: the {id} of /api/courses/{id}, and not an id.
  for (const std::string& target : {api_path("/api/courses/", course_, "%2Fstats"),
                                    api_path("/api/courses/", course_, "%2fstats")}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(has_error(get(target, token), 404, "not_found"));
  }
  for (const std::string& target :
       {std::string("/api%2Fcourses"), std::string("/api/courses%2F") + std::to_string(course_)}) {
    SCOPED_TRACE(target);
    auto r = get(target, token);
    EXPECT_TRUE(has_error(r, 404, "not_found"));
    EXPECT_FALSE(is_routed(r)) << r.body;
  }
  // Other escapes are decoded, segment by segment.
  auto r = get(
      "/api/courses/%3" + std::to_string(course_).substr(0, 1) + std::to_string(course_).substr(1),
      token);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r["id"], course_);
  EXPECT_TRUE(has_error(get("/api/courses/%zz", token), 400, "malformed_request"));
  EXPECT_TRUE(has_error(get("/api/courses/1%", token), 400, "malformed_request"));
}

LECTERN_INSTANTIATE_BACKENDS(ApiHttpFramingTest);

}  // namespace
}  // namespace lectern
