// Many connections reaching the read timeout at once, against the real
// server with a one-second timeout and several I/O threads: silent ones,
// and slow ones that trickle header bytes as the deadline passes. Each
// connection must be closed by the server, and the server must live through
// it round after round and go on answering. (A session and its stream's
// timer once closed one socket from two threads: SIGSEGV in
// epoll_reactor::deregister_descriptor.)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/api_server.hpp"

namespace lectern {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSilent = 1500;
constexpr int kSlow = 300;
constexpr int kRounds = 4;
// Often enough that reads complete on one thread while the timers fire on
// the others.
constexpr auto kTrickle = std::chrono::milliseconds(20);

class ApiReadTimeoutTest : public testing::ApiTest {
 protected:
  testing::ServeOptions serve_options() const override {
    return {.args = {"--read-timeout", "1", "--threads", "8", "--handler-threads", "4"}};
  }

  int connect_one() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server().port());
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
  }

  int health() {
    testing::HttpClient fresh("127.0.0.1", server().port());
    return fresh.request("GET", "/api/health").status;
  }
};

TEST_P(ApiReadTimeoutTest, ManyConnectionsTimingOutTogetherLeaveTheServerServing) {
  const std::string header = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::vector<int> fds;
    for (int i = 0; i < kSilent + kSlow; ++i) {
      const int fd = connect_one();
      ASSERT_GE(fd, 0) << "connection " << i << " refused\n" << server().output();
      fds.push_back(fd);
    }
    // Every connection open: wait for the server to close each, while the
    // slow ones trickle header bytes (never a whole request).
    std::vector<bool> open(fds.size(), true);
    std::size_t left = fds.size();
    std::size_t sent = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(20);
    auto next_byte = Clock::now();
    while (left > 0 && Clock::now() < deadline) {
      if (Clock::now() >= next_byte) {
        const char byte = header[sent++ % header.size()];
        for (std::size_t i = kSilent; i < fds.size(); ++i) {
          if (open[i]) ::send(fds[i], &byte, 1, MSG_NOSIGNAL);
        }
        next_byte = Clock::now() + kTrickle;
      }
      std::vector<pollfd> polls;
      std::vector<std::size_t> which;
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (!open[i]) continue;
        polls.push_back({fds[i], POLLIN, 0});
        which.push_back(i);
      }
      if (::poll(polls.data(), polls.size(), 5) < 0) break;
      for (std::size_t k = 0; k < polls.size(); ++k) {
        if (polls[k].revents == 0) continue;
        char buffer[4096];
        const ssize_t n = ::recv(fds[which[k]], buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0) {
          open[which[k]] = false;
          --left;
        }
      }
    }
    for (int fd : fds) ::close(fd);
    EXPECT_EQ(left, 0u) << "connections the server never closed";
    ASSERT_EQ(health(), 200) << server().output();
  }
}

LECTERN_INSTANTIATE_BACKENDS(ApiReadTimeoutTest);

}  // namespace
}  // namespace lectern
