// Serves request bytes without a socket: the parser, limits, refusals and
// conversions of a Server connection (http/wire.hpp) and then the handler,
// request after request, until the bytes run out or the server would close
// the connection. For fuzzing the whole request path and for tests of
// framing; single-threaded, no timeouts.
#pragma once

#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "http/server.hpp"

namespace lectern::http {

struct Exchange {
  std::vector<Response> responses;  // in the order they would be written
  bool closed = false;              // the server would close the connection here
};

// `bytes` as one connection's input, the client closing after the last byte.
Exchange serve_bytes(std::string_view bytes, const ServerOptions& options,
                     const RequestHandler& handler);

}  // namespace lectern::http
