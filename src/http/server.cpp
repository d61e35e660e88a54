#include "http/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"
#include "http/wire.hpp"

namespace lectern::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

void parse_listen(std::string_view listen, ServerOptions& options) {
  auto colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw UsageError("--listen expects HOST:PORT, got \"" + std::string(listen) + "\"");
  }
  std::string_view port_text = listen.substr(colon + 1);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535) {
    throw UsageError("--listen port must be 0-65535, got \"" + std::string(port_text) + "\"");
  }
  std::string host(listen.substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  options.host = host;
  options.port = static_cast<std::uint16_t>(port);
}

struct Server::Impl {
  ServerOptions options;
  RequestHandler handler;
  InlinePredicate runs_inline;
  asio::io_context ioc;
  std::unique_ptr<asio::thread_pool> handler_pool;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  // The accept loop and the shutdown that closes the acceptor run on this
  // strand: the io_context has several threads, and an acceptor closed on
  // one while the loop starts an accept on another is a data race.
  asio::strand<asio::io_context::executor_type> listening = asio::make_strand(ioc);
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};  // requests read and not yet answered
  std::uint16_t bound_port = 0;

  Impl(ServerOptions o, RequestHandler h, InlinePredicate i)
      : options(std::move(o)),
        handler(std::move(h)),
        runs_inline(std::move(i)),
        ioc(int(thread_count())) {
    if (options.handler_threads > 0) {
      handler_pool = std::make_unique<asio::thread_pool>(options.handler_threads);
    }
  }

  unsigned thread_count() const {
    unsigned n = options.threads ? options.threads : std::thread::hardware_concurrency();
    return n ? n : 1;
  }

  Response handle(const Request& request) {
    try {
      return handler(request);
    } catch (const std::exception& e) {
      log::error("unhandled error in handler", {{"path", request.path}, {"error", e.what()}});
      return error_response(500, "internal_error", "The server failed to handle the request.");
    }
  }

  void access_log(const Request& req, int status, std::chrono::steady_clock::duration d) {
    if (!options.access_log) return;
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    std::string ms = std::to_string(micros / 1000) + "." + std::to_string((micros % 1000) / 100);
    std::string code = std::to_string(status);
    log::info("request", {{"method", req.method},
                          {"path", req.path},
                          {"status", code},
                          {"duration_ms", ms},
                          {"remote", req.remote_address}});
  }

  // Runs on the connection's own strand (see listen()): the stream's timer
  // handler, which closes the socket on a timeout, and this coroutine, which
  // closes it when it ends, never run at once.
  asio::awaitable<void> session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    std::string remote;
    {
      beast::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    for (;;) {
      wire::Parser parser;
      wire::set_limits(parser, options);
      stream.expires_after(options.read_timeout);
      auto [ec, n] =
          co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      (void)n;
      if (wire::client_gone(ec)) break;
      if (ec) {
        // Malformed or oversized requests get a JSON error, then the connection closes.
        auto out = wire::to_beast(wire::read_error(ec, options), 11, false);
        stream.expires_after(options.read_timeout);
        co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
        break;
      }
      ++in_flight;
      struct InFlight {
        std::atomic<int>& n;
        ~InFlight() { --n; }
      } in_flight_guard{in_flight};
      auto start = std::chrono::steady_clock::now();
      auto& message = parser.get();
      Request request;
      Response response;
      auto refusal = wire::to_request(message, remote, request);
      if (refusal) {
        response = std::move(*refusal);
        request.method = std::string(message.method_string());
        request.path = std::string(message.target());  // for the access log
        request.remote_address = remote;
      } else if (handler_pool && !(runs_inline && runs_inline(request))) {
        // Run the handler on the pool; the session resumes on its own
        // executor once the response is ready.
        response = co_await asio::co_spawn(
            handler_pool->get_executor(),
            [this, &request]() -> asio::awaitable<Response> { co_return handle(request); },
            asio::use_awaitable);
      } else {
        response = handle(request);
      }
      int status = response.status;
      // After a refusal, what follows cannot be told apart from its body.
      const bool keep_alive = !refusal && message.keep_alive() && !stopping.load();
      auto out = wire::to_beast(std::move(response), message.version(), keep_alive,
                                message.method() == bhttp::verb::head);
      stream.expires_after(options.read_timeout);
      auto [wec, wn] =
          co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      (void)wn;
      access_log(request, status, std::chrono::steady_clock::now() - start);
      if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> listen() {
    for (;;) {
      // Each connection gets a strand of its own: its socket, its stream's
      // timer and its session coroutine all run on it, however many threads
      // run the io_context (see README.md).
      auto strand = asio::make_strand(ioc);
      auto [ec, socket] =
          co_await acceptor.async_accept(strand, asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (stopping.load() || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. too many open files: keep serving the others
      }
      socket.set_option(tcp::no_delay(true));
      asio::co_spawn(strand, session(tcp::socket(std::move(socket))), asio::detached);
    }
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    asio::post(listening, [this] {
      beast::error_code ignored;
      acceptor.close(ignored);
      signals.cancel(ignored);
      // In-flight requests get up to the grace period to finish; sessions
      // idle in a keep-alive read are simply dropped when the loop stops.
      auto timer = std::make_shared<asio::steady_timer>(ioc);
      auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
      auto tick = std::make_shared<std::function<void()>>();
      *tick = [this, timer, deadline, tick] {
        if (in_flight.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
          ioc.stop();
          *tick = nullptr;  // break the self-reference
          return;
        }
        timer->expires_after(std::chrono::milliseconds(50));
        timer->async_wait([tick](beast::error_code) {
          if (*tick) (*tick)();
        });
      };
      (*tick)();
    });
  }
};

Server::Server(ServerOptions options, RequestHandler handler, InlinePredicate runs_inline)
    : impl_(
          std::make_unique<Impl>(std::move(options), std::move(handler), std::move(runs_inline))) {}

Server::~Server() = default;

void Server::bind() {
  if (impl_->acceptor.is_open()) return;
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) throw UsageError("--listen host \"" + impl_->options.host + "\" is not an IP address");
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint, ec);
  if (ec) {
    throw UsageError("cannot listen on " + impl_->options.host + ":" +
                     std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->bound_port = impl_->acceptor.local_endpoint().port();
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::run(std::function<void()> on_ready) {
  bind();
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->begin_shutdown();
  });
  asio::co_spawn(impl_->listening, impl_->listen(), asio::detached);
  if (on_ready) on_ready();
  std::vector<std::thread> workers;
  unsigned n = impl_->thread_count();
  for (unsigned i = 1; i < n; ++i) workers.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : workers) t.join();
  if (impl_->handler_pool) impl_->handler_pool->join();
}

void Server::stop() {
  impl_->begin_shutdown();
}

}  // namespace lectern::http
