#include "http/in_process.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include "http/wire.hpp"

namespace lectern::http {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

// A SyncReadStream over bytes in memory, so that Beast's own read loop (the
// one async_read runs) parses them; end of the bytes is the client's EOF.
class BytesStream {
 public:
  explicit BytesStream(std::string_view bytes) : rest_(bytes) {}

  template <typename MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers, beast::error_code& ec) {
    if (rest_.empty()) {
      ec = asio::error::eof;
      return 0;
    }
    ec = {};
    const std::size_t n = asio::buffer_copy(buffers, asio::buffer(rest_.data(), rest_.size()));
    rest_.remove_prefix(n);
    return n;
  }

  template <typename MutableBuffers>
  std::size_t read_some(const MutableBuffers& buffers) {
    beast::error_code ec;
    const std::size_t n = read_some(buffers, ec);
    if (ec) throw beast::system_error(ec);
    return n;
  }

 private:
  std::string_view rest_;
};

}  // namespace

Exchange serve_bytes(std::string_view bytes, const ServerOptions& options,
                     const RequestHandler& handler) {
  Exchange out;
  BytesStream stream(bytes);
  beast::flat_buffer buffer;
  for (;;) {
    wire::Parser parser;
    wire::set_limits(parser, options);
    beast::error_code ec;
    wire::bhttp::read(stream, buffer, parser, ec);
    if (wire::client_gone(ec)) return out;
    if (ec) {
      out.responses.push_back(wire::read_error(ec, options));
      out.closed = true;
      return out;
    }
    auto& message = parser.get();
    Request request;
    if (auto refusal = wire::to_request(message, "127.0.0.1", request)) {
      out.responses.push_back(std::move(*refusal));
      out.closed = true;
      return out;
    }
    try {
      out.responses.push_back(handler(request));
    } catch (const std::exception&) {
      out.responses.push_back(
          error_response(500, "internal_error", "The server failed to handle the request."));
    }
    if (!message.keep_alive()) {
      out.closed = true;
      return out;
    }
  }
}

}  // namespace lectern::http
