// A minimal blocking HTTP/1.1 client over a POSIX socket, for tests that talk
// to a real `lectern serve` or http::Server (no Beast in tests).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lectern::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (reconnects if closed).
  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  // Sends raw bytes and reads one response (for malformed requests).
  HttpResult raw(const std::string& bytes);
  bool connected() const { return fd_ >= 0; }

 private:
  void connect();
  HttpResult read_response();
  std::string host_;
  std::uint16_t port_;
  int fd_ = -1;
  std::string buffer_;
};

// What one connection received for some bytes sent, read until the server
// closed it or it stayed quiet for a while.
struct RawExchange {
  std::vector<HttpResult> responses;  // every response, in order
  bool closed = false;                // the server closed the connection
};

// Sends `bytes` on a new connection, then reads until the server closes it
// or `quiet_ms` pass without a byte; for framing tests (request smuggling).
RawExchange exchange_raw(const std::string& host, std::uint16_t port, const std::string& bytes,
                         int quiet_ms = 1500);

}  // namespace lectern::testing
