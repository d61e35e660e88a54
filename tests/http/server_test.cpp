// The HTTP server over real sockets: keep-alive, limits, errors as JSON,
// graceful stop.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/router.hpp"
#include "support/http_client.hpp"

namespace lectern::http {
namespace {

using lectern::testing::HttpClient;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add("GET", "/api/health", [](const Request&, const PathParams&) {
      return json_response(200, R"({"status":"ok"})");
    });
    router_.add("POST", "/api/echo",
                [](const Request& r, const PathParams&) { return json_response(200, r.body); });
    router_.add("GET", "/api/boom", [](const Request&, const PathParams&) -> Response {
      throw std::runtime_error("handler bug");
    });
    router_.add("GET", "/api/query", [](const Request& r, const PathParams&) {
      return json_response(200, r.path + "?" + r.query);
    });
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 1024;
    options.access_log = false;
    server_ =
        std::make_unique<Server>(options, [this](const Request& r) { return router_.dispatch(r); });
    server_->bind();
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }
  HttpClient client() { return HttpClient("127.0.0.1", server_->port()); }

  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

std::string error_code(const std::string& body) {
  return std::string(boost::json::parse(body).at("error").at("code").as_string());
}

TEST_F(ServerTest, HealthAnswersJsonWithCharset) {
  HttpClient c = client();
  auto r = c.request("GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpClient c = client();
  for (int i = 0; i < 5; ++i) {
    auto r = c.request("POST", "/api/echo", "n" + std::to_string(i));
    EXPECT_EQ(r.body, "n" + std::to_string(i));
    EXPECT_TRUE(c.connected());
  }
}

TEST_F(ServerTest, PathAndQueryAreSplit) {
  HttpClient c = client();
  auto r = c.request("GET", "/api/query?page=2&page_size=20");
  EXPECT_EQ(r.body, "/api/query?page=2&page_size=20");
}

TEST_F(ServerTest, OversizedBodyIs413Json) {
  HttpClient c = client();
  auto r = c.request("POST", "/api/echo", std::string(4096, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(error_code(r.body), "payload_too_large");
}

TEST_F(ServerTest, MalformedRequestIs400Json) {
  HttpClient c = client();
  auto r = c.raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_code(r.body), "malformed_request");
}

TEST_F(ServerTest, HandlerExceptionIs500JsonAndServerKeepsServing) {
  HttpClient c = client();
  auto r = c.request("GET", "/api/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(error_code(r.body), "internal_error");
  EXPECT_EQ(c.request("GET", "/api/health").status, 200);
}

TEST_F(ServerTest, UnknownRouteAndMethodAreJsonErrors) {
  HttpClient c = client();
  EXPECT_EQ(c.request("GET", "/api/nope").status, 404);
  auto r = c.request("DELETE", "/api/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["allow"], "GET");
}

// Many connections reach the read timeout at once, silent ones and ones
// that trickle header bytes, on several I/O threads: the server closes each
// and goes on serving. Under ThreadSanitizer (build-tsan) this is the case
// that shows whether a connection's timer and its session share one strand.
TEST(ServerTimeoutTest, ManyConnectionsTimingOutAtOnce) {
  Router router;
  router.add("GET", "/api/health", [](const Request&, const PathParams&) {
    return json_response(200, R"({"status":"ok"})");
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 4;
  options.handler_threads = 2;
  options.read_timeout = std::chrono::seconds(1);
  options.access_log = false;
  Server server(options, [&router](const Request& r) { return router.dispatch(r); });
  server.bind();
  std::thread thread([&] { server.run(); });

  constexpr int kConnections = 400;
  const std::string header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::vector<int> fds;
    for (int i = 0; i < kConnections; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(server.port());
      ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
      ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
      fds.push_back(fd);
    }
    std::vector<bool> open(fds.size(), true);
    std::size_t left = fds.size();
    std::size_t sent = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    auto next_byte = std::chrono::steady_clock::now();
    while (left > 0 && std::chrono::steady_clock::now() < deadline) {
      if (std::chrono::steady_clock::now() >= next_byte) {
        const char byte = header[sent++ % header.size()];
        for (std::size_t i = 0; i < fds.size(); i += 2) {  // every other one is slow
          if (open[i]) ::send(fds[i], &byte, 1, MSG_NOSIGNAL);
        }
        next_byte += std::chrono::milliseconds(200);
      }
      std::vector<pollfd> polls;
      std::vector<std::size_t> which;
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (open[i]) {
          polls.push_back({fds[i], POLLIN, 0});
          which.push_back(i);
        }
      }
      ASSERT_GE(::poll(polls.data(), polls.size(), 50), 0);
      for (std::size_t k = 0; k < polls.size(); ++k) {
        char buffer[1024];
        if (polls[k].revents != 0 &&
            ::recv(fds[which[k]], buffer, sizeof buffer, MSG_DONTWAIT) <= 0) {
          open[which[k]] = false;
          --left;
        }
      }
    }
    for (int fd : fds) ::close(fd);
    EXPECT_EQ(left, 0u) << "connections the server never closed";
    HttpClient c("127.0.0.1", server.port());
    EXPECT_EQ(c.request("GET", "/api/health").status, 200);
  }
  server.stop();
  thread.join();
}

TEST(ServerOptionsTest, ParseListenAcceptsHostPortAndRejectsJunk) {
  ServerOptions o;
  parse_listen("127.0.0.1:8000", o);
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_EQ(o.port, 8000);
  parse_listen("[::1]:9", o);
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 9);
  EXPECT_THROW(parse_listen("8000", o), UsageError);
  EXPECT_THROW(parse_listen("host:99999", o), UsageError);
  EXPECT_THROW(parse_listen("host:abc", o), UsageError);
}

}  // namespace
}  // namespace lectern::http

namespace lectern::http {
namespace {

// A route added kRunsInline answers on the I/O thread while every handler
// thread is stuck (as they are when the database stalls), and the router
// says which requests those are.
TEST(ServerInlineTest, InlineRouteAnswersWhileEveryHandlerThreadIsStuck) {
  Router router;
  std::mutex mutex;
  std::condition_variable released;
  bool release = false;
  router.add("GET", "/api/stuck", [&](const Request&, const PathParams&) {
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return release; });
    return json_response(200, "{}");
  });
  router.add(
      "GET", "/api/health",
      [](const Request&, const PathParams&) { return json_response(200, R"({"status":"ok"})"); },
      Router::kRunsInline);
  Request health, stuck, unknown;
  health.method = stuck.method = unknown.method = "GET";
  health.path = "/api/health";
  stuck.path = "/api/stuck";
  unknown.path = "/api/nowhere";
  EXPECT_TRUE(router.runs_inline(health));
  EXPECT_FALSE(router.runs_inline(stuck));
  EXPECT_TRUE(router.runs_inline(unknown));  // the router's own 404

  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.handler_threads = 2;
  options.access_log = false;
  Server server(
      options, [&](const Request& r) { return router.dispatch(r); },
      [&](const Request& r) { return router.runs_inline(r); });
  server.bind();
  std::thread serving([&] { server.run(); });
  // Three stuck requests: both handler threads busy, one more queued.
  std::vector<std::thread> callers;
  for (int i = 0; i < 3; ++i) {
    callers.emplace_back([&] {
      HttpClient c("127.0.0.1", server.port());
      EXPECT_EQ(c.request("GET", "/api/stuck").status, 200);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  HttpClient c("127.0.0.1", server.port());
  const auto start = std::chrono::steady_clock::now();
  try {
    EXPECT_EQ(c.request("GET", "/api/health").status, 200);
    EXPECT_EQ(c.request("GET", "/api/nowhere").status, 404);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "no answer while the handler threads are stuck: " << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  released.notify_all();
  for (auto& t : callers) t.join();
  server.stop();
  serving.join();
}

}  // namespace
}  // namespace lectern::http
