// libFuzzer: request-target splitting and decoding (http/target.hpp) and
// the router's segment-wise matching. Properties: nothing crashes; a query
// that valid_query accepts yields only UTF-8 values without NUL for every
// key it holds; a path segment decodes to at most its own length.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "http/router.hpp"
#include "http/target.hpp"

namespace {

using namespace lectern::http;

[[noreturn]] void fail(const char* what, std::string_view input) {
  std::fprintf(stderr, "fuzz_request_target: %s: %.*s\n", what, int(input.size()), input.data());
  std::abort();
}

void check_query(std::string_view query) {
  if (query.empty() || !valid_query(query)) return;
  std::string_view rest = query;
  std::string key;
  while (true) {
    const auto amp = rest.find('&');
    const std::string_view param = rest.substr(0, amp);
    const std::string_view raw_key = param.substr(0, param.find('='));
    if (param.empty()) {  // "a&&b", "a&": nothing between the separators
      if (amp == std::string_view::npos) break;
      rest = rest.substr(amp + 1);
      continue;
    }
    // The key as query_value compares it: decoded, '+' a space.
    key.clear();
    for (std::size_t i = 0; i < raw_key.size(); ++i) {
      if (raw_key[i] == '%') {
        key += char(std::stoi(std::string(raw_key.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        key += raw_key[i] == '+' ? ' ' : raw_key[i];
      }
    }
    auto value = query_value(query, key);
    if (!value) fail("a key of a valid query has no value", query);
    if (!valid_utf8(*value) || value->find('\0') != std::string::npos) {
      fail("a valid query gave a value that is not text", query);
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
}

const Router& router() {
  static const Router r = [] {
    Router out;
    auto ok = [](const Request&, const PathParams& p) {
      std::string body;
      for (const auto& [k, v] : p) body += k + "=" + v + ";";
      return json_response(200, body);
    };
    out.add("GET", "/api/courses", ok);
    out.add("GET", "/api/courses/{id}", ok);
    out.add("GET", "/api/courses/{id}/stats", ok);
    out.add("POST", "/api/instructor/courses/{id}/assessments/{aid}/results", ok);
    return out;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto target = split_target(input);
  if (!target) {
    check_query(input);  // the bytes as a query of their own
    return 0;
  }
  if (target->path.empty() || target->path.front() != '/') fail("a path without '/'", input);
  check_query(target->query);
  std::string segment;
  std::size_t start = 0;
  while (start < target->path.size()) {
    auto end = target->path.find('/', start);
    if (end == std::string_view::npos) end = target->path.size();
    const auto raw = target->path.substr(start, end - start);
    if (decode_segment(raw, segment) && segment.size() > raw.size()) {
      fail("a segment grew when decoded", input);
    }
    start = end + 1;
  }
  Request request;
  request.method = size % 2 ? "GET" : "POST";
  request.target = std::string(input);
  request.path = std::string(target->path);
  request.query = std::string(target->query);
  const Response response = router().dispatch(request);
  if (response.status != 200 && response.status != 400 && response.status != 404 &&
      response.status != 405) {
    fail("an unexpected status from the router", input);
  }
  return 0;
}
