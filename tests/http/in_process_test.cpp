// serve_bytes reads a connection's bytes as a Server session does: the
// framing rules (RFC 9112 §6.3 and §3.2) without sockets, and what the
// fuzzer of the whole request path relies on.
#include "http/in_process.hpp"

#include <gtest/gtest.h>

#include "http/router.hpp"

namespace lectern::http {
namespace {

class InProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add("GET", "/api/health", [](const Request&, const PathParams&) {
      return json_response(200, R"({"status":"ok"})");
    });
    router_.add("POST", "/api/echo",
                [](const Request& r, const PathParams&) { return json_response(200, r.body); });
    router_.add("GET", "/api/items/{id}", [](const Request&, const PathParams& p) {
      return json_response(200, "\"" + p.at("id") + "\"");
    });
    options_.max_body_bytes = 1024;
  }
  Exchange serve(std::string_view bytes) {
    return serve_bytes(bytes, options_, [this](const Request& r) { return router_.dispatch(r); });
  }
  static std::vector<int> statuses(const Exchange& e) {
    std::vector<int> out;
    for (const auto& r : e.responses) out.push_back(r.status);
    return out;
  }

  Router router_;
  ServerOptions options_;
};

const std::string kHealth = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";

TEST_F(InProcessTest, PipelinedRequestsAreServedInOrder) {
  auto e = serve(kHealth + "POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi" +
                 kHealth);
  EXPECT_EQ(statuses(e), (std::vector<int>{200, 200, 200}));
  EXPECT_EQ(e.responses[1].body, "hi");
  EXPECT_FALSE(e.closed);
}

TEST_F(InProcessTest, UnsoundTransferEncodingIsRefusedAndClosesTheConnection) {
  for (const char* coding : {"gzip", "identity", "xchunked", "chunked, gzip", "gzip, chunked",
                             "chunked, chunked", "", "chunked;ext=1"}) {
    SCOPED_TRACE(coding);
    auto e =
        serve("POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + std::string(coding) +
              "\r\nContent-Length: " + std::to_string(kHealth.size()) + "\r\n\r\n" + kHealth);
    EXPECT_EQ(statuses(e), std::vector<int>{400});
    EXPECT_TRUE(e.closed);
    e = serve("POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + std::string(coding) +
              "\r\n\r\n" + kHealth);
    EXPECT_EQ(statuses(e), std::vector<int>{400});
    EXPECT_TRUE(e.closed);
  }
  auto e = serve(
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
      "chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n" +
      kHealth);
  EXPECT_EQ(statuses(e), (std::vector<int>{200, 200}));
  EXPECT_EQ(e.responses[0].body, "ok");
  // HTTP/1.0 has no transfer codings.
  e = serve("POST /api/echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  EXPECT_EQ(statuses(e), std::vector<int>{400});
}

TEST_F(InProcessTest, HostIsRequiredOnceInHttp11) {
  EXPECT_EQ(statuses(serve("GET /api/health HTTP/1.1\r\n\r\n" + kHealth)), std::vector<int>{400});
  EXPECT_EQ(statuses(serve("GET /api/health HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")),
            std::vector<int>{400});
  EXPECT_EQ(statuses(serve("GET /api/health HTTP/1.1\r\nHost: u@a\r\n\r\n")),
            std::vector<int>{400});
  EXPECT_EQ(statuses(serve("GET /api/health HTTP/1.0\r\n\r\n")), std::vector<int>{200});
  EXPECT_EQ(statuses(serve("GET /api/health HTTP/1.1\r\nHost: \r\n\r\n")), std::vector<int>{200});
}

TEST_F(InProcessTest, TargetsAreRoutedSegmentBySegment) {
  auto e = serve("GET http://h/api/items/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(statuses(e), std::vector<int>{200});
  EXPECT_EQ(e.responses[0].body, "\"a/b\"");
  EXPECT_EQ(statuses(serve("GET /api/items%2F7 HTTP/1.1\r\nHost: x\r\n\r\n")),
            std::vector<int>{404});
  EXPECT_EQ(statuses(serve("GET /api/items/%zz HTTP/1.1\r\nHost: x\r\n\r\n")),
            std::vector<int>{400});
  EXPECT_EQ(statuses(serve("GET /api/health?q=%FF HTTP/1.1\r\nHost: x\r\n\r\n")),
            std::vector<int>{400});
  EXPECT_EQ(statuses(serve("GET * HTTP/1.1\r\nHost: x\r\n\r\n")), std::vector<int>{400});
}

TEST_F(InProcessTest, LimitsAndMalformedInputCloseTheConnection) {
  auto e = serve("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + kHealth);
  EXPECT_EQ(statuses(e), std::vector<int>{413});
  EXPECT_TRUE(e.closed);
  e = serve("NONSENSE\r\n\r\n" + kHealth);
  EXPECT_EQ(statuses(e), std::vector<int>{400});
  EXPECT_TRUE(e.closed);
  // A request cut short by the client's close is answered as malformed.
  e = serve("GET /api/health HTTP/1.1\r\nHo");
  EXPECT_EQ(statuses(e), std::vector<int>{400});
  e = serve(kHealth.substr(0, kHealth.size() - 2) + "Connection: close\r\n\r\n" + kHealth);
  EXPECT_EQ(statuses(e), std::vector<int>{200});
  EXPECT_TRUE(e.closed);
}

}  // namespace
}  // namespace lectern::http
