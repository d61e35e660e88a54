// The request-target as the router and the handlers read it (RFC 9112 §3.2,
// RFC 3986 §2.1): the path stays as sent until the router has split it, so
// an encoded "/" (%2F) never makes a segment of its own; a query is text
// (well-formed escapes, UTF-8, no NUL) or the request is refused before any
// handler or database sees it. Pure functions; they allocate only to decode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lectern::http {

struct Target {
  std::string_view path;   // percent-encoded, as sent; never empty ("/" at least)
  std::string_view query;  // raw, without the '?'
};

// Origin-form ("/a/b?q") and absolute-form ("http://host/a/b?q", which a
// server must accept, §3.2.2) into path and query (views into `target`);
// nullopt for anything else (authority-form, asterisk-form, garbage).
std::optional<Target> split_target(std::string_view target);

// Percent-decodes one path segment into `out`; false on a malformed escape.
bool decode_segment(std::string_view segment, std::string& out);

// Whether every key and value of a query decodes ('+' is a space) to UTF-8
// without NUL, each escape being '%' and two hex digits.
bool valid_query(std::string_view query);

// The decoded value of the first parameter named `name` ("?a" is ""), or
// nullopt when absent. `query` must have passed valid_query.
std::optional<std::string> query_value(std::string_view query, std::string_view name);

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text);

}  // namespace lectern::http
