// Between Beast's messages and ours: what every request goes through on its
// way from the bytes to a handler and back (limits, refusals, conversion),
// shared by Server's sessions and by serve_bytes (in_process.hpp), so both
// read a request alike. It includes Beast: only this folder's .cpp files
// include it.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string_view>

#include "http/message.hpp"
#include "http/server.hpp"

namespace lectern::http::wire {

namespace bhttp = boost::beast::http;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;
using Parser = bhttp::request_parser<bhttp::string_body>;

// The header and body limits of `options` on a fresh parser.
void set_limits(Parser& parser, const ServerOptions& options);

// The client left (closed, reset, timed out) between or during requests:
// nothing to answer.
bool client_gone(const boost::beast::error_code& ec);

// The answer to a request that could not be read whole (413, 431, 400);
// the connection closes after it.
Response read_error(const boost::beast::error_code& ec, const ServerOptions& options);

// A request read whole, as a handler takes it (its body moved out of `in`);
// or the 400 that refuses it when its framing, Host or target is not sound
// (a server and a proxy before it could disagree about what was asked),
// after which the connection closes.
std::optional<Response> to_request(BeastRequest& in, std::string_view remote, Request& out);

// `r` on the wire; an answer to HEAD keeps its headers and drops its body.
BeastResponse to_beast(Response r, unsigned version, bool keep_alive, bool head = false);

}  // namespace lectern::http::wire
