#include "http/wire.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

#include "core/text.hpp"
#include "http/target.hpp"

namespace lectern::http::wire {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {

Response bad_request(std::string_view message) {
  return error_response(400, "malformed_request", message);
}

// RFC 9112 §6.1 and §6.3: chunked is the one transfer coding read here, and
// it must be the last and only one. With any other list the body's length is
// unknown; Beast would then take Content-Length, or no body, and the rest
// would be read as the next request (request smuggling).
bool framing_is_sound(const BeastRequest& in) {
  bool present = false;
  int chunked = 0;
  bool other = false;
  auto [first, last] = in.equal_range(bhttp::field::transfer_encoding);
  for (auto field = first; field != last; ++field) {
    present = true;
    const bhttp::opt_token_list codings(field->value());
    if (!bhttp::validate_list(codings)) return false;
    for (auto coding : codings) {
      if (beast::iequals(coding, "chunked")) {
        ++chunked;
      } else {
        other = true;
      }
    }
  }
  if (!present) return true;
  // HTTP/1.0 has no transfer codings (§6.1: the framing is faulty).
  return in.version() >= 11 && chunked == 1 && !other && in.chunked();
}

// RFC 9112 §3.2: exactly one Host in HTTP/1.1, and one that is a host[:port].
bool host_is_sound(const BeastRequest& in) {
  auto hosts = in.equal_range(bhttp::field::host);
  if (hosts.first == hosts.second) return in.version() < 11;
  if (std::next(hosts.first) != hosts.second) return false;
  std::string_view value = hosts.first->value();
  if (value.empty()) return true;  // allowed when the target has no authority
  auto authority = boost::urls::parse_authority(value);
  return authority && !authority->has_userinfo();
}

}  // namespace

void set_limits(Parser& parser, const ServerOptions& options) {
  parser.header_limit(std::uint32_t(options.max_header_bytes));
  parser.body_limit(options.max_body_bytes);
}

bool client_gone(const beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted;
}

Response read_error(const beast::error_code& ec, const ServerOptions& options) {
  if (ec == bhttp::error::body_limit) {
    return error_response(
        413, "payload_too_large",
        "The request body is larger than " + std::to_string(options.max_body_bytes) + " bytes.");
  }
  if (ec == bhttp::error::header_limit) {
    return error_response(431, "headers_too_large", "The request headers are too large.");
  }
  return bad_request("The HTTP request is malformed.");
}

std::optional<Response> to_request(BeastRequest& in, std::string_view remote, Request& out) {
  if (!framing_is_sound(in)) {
    return bad_request("Transfer-Encoding must be chunked alone; the body's length is unknown.");
  }
  if (!host_is_sound(in)) {
    return bad_request("An HTTP/1.1 request needs exactly one Host header with a host name.");
  }
  const std::string_view raw_target = in.target();
  auto target = split_target(raw_target);
  if (!target) return bad_request("The request target is malformed.");
  if (!valid_query(target->query)) {
    return bad_request("The query string is not well-formed UTF-8 text.");
  }
  out.method = std::string(in.method_string());
  out.target = std::string(raw_target);
  out.path = std::string(target->path);
  out.query = std::string(target->query);
  out.headers.reserve(std::size_t(std::distance(in.begin(), in.end())));
  for (const auto& field : in) {
    std::string name = lower(field.name_string());
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(in.body());
  out.remote_address = std::string(remote);
  return std::nullopt;
}

BeastResponse to_beast(Response r, unsigned version, bool keep_alive, bool head) {
  BeastResponse out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "lectern");
  out.set(bhttp::field::content_type, r.content_type);
  // insert, not set: a response may carry a header twice (Set-Cookie).
  for (auto& [k, v] : r.headers) out.insert(k, v);
  out.body() = std::move(r.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (head) out.body().clear();
  return out;
}

}  // namespace lectern::http::wire
