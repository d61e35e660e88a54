// The HTTP/1.1 server: Boost.Beast sessions as C++20 coroutines on a pool of
// worker threads. Keep-alive, header and body limits (413), read timeouts,
// one access-log line per request. run() blocks until SIGINT/SIGTERM or
// stop(); then it stops accepting, lets in-flight requests finish and
// returns. Beast and Asio stay inside this folder's .cpp files.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace lectern::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0 picks a free port (see Server::port)
  unsigned threads = 0;       // I/O threads; 0 = one per core
  // Threads that run the handlers, which block on the database: while one
  // waits for a round trip, the I/O threads keep reading and writing other
  // connections. 0 runs handlers on the I/O threads.
  unsigned handler_threads = 0;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  bool access_log = true;
};

// "127.0.0.1:8000" -> host and port; throws UsageError on a malformed value.
void parse_listen(std::string_view listen, ServerOptions& options);

using RequestHandler = std::function<Response(const Request&)>;
// Whether a request's handler never blocks, so that it runs on the I/O
// thread at once instead of waiting for a handler thread: a liveness probe
// must answer while every handler thread waits for a stalled database.
using InlinePredicate = std::function<bool(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, InlinePredicate runs_inline = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket (throws UsageError when the address is taken).
  void bind();
  // The bound port (after bind()).
  std::uint16_t port() const;
  // Serves until stop() or SIGINT/SIGTERM; binds first if needed.
  // `on_ready` runs once the socket is listening.
  void run(std::function<void()> on_ready = {});
  // Thread-safe; asks run() to shut down gracefully.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lectern::http
