#include "http/router.hpp"

#include "http/target.hpp"

namespace lectern::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool match(const Router::Route& route, const std::vector<std::string_view>& parts,
           PathParams& params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      params[seg.substr(1, seg.size() - 2)] = std::string(parts[i]);
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, bool runs_inline) {
  Route route{std::move(method), std::move(pattern), {}, std::move(handler), runs_inline};
  for (auto part : split_path(route.pattern)) route.segments.emplace_back(part);
  routes_.push_back(std::move(route));
}

const Router::Route* Router::find(const Request& request, PathParams& params, std::string* allowed,
                                  bool* malformed) const {
  auto parts = split_path(request.path);
  // Segments are decoded after the split, so "20%2Fstats" stays one segment.
  std::vector<std::string> decoded;
  for (auto& part : parts) {
    if (part.find('%') == std::string_view::npos) continue;
    if (decoded.empty()) decoded.reserve(parts.size());  // the views below must not move
    if (!decode_segment(part, decoded.emplace_back())) {
      if (malformed) *malformed = true;
      return nullptr;
    }
    part = decoded.back();
  }
  for (const auto& route : routes_) {
    params.clear();
    if (!match(route, parts, params)) continue;
    if (route.method == request.method || (request.method == "HEAD" && route.method == "GET")) {
      return &route;
    }
    if (allowed) {
      if (!allowed->empty()) *allowed += ", ";
      *allowed += route.method;
    }
  }
  return nullptr;
}

bool Router::runs_inline(const Request& request) const {
  PathParams params;
  const Route* route = find(request, params, nullptr);
  return route ? route->runs_inline : !not_found_;
}

Response Router::dispatch(const Request& request) const {
  PathParams params;
  std::string allowed;
  bool malformed = false;
  if (const Route* route = find(request, params, &allowed, &malformed)) {
    return route->handler(request, params);
  }
  if (malformed) return error_response(400, "malformed_request", "The request path is malformed.");
  if (!allowed.empty()) {
    Response r = error_response(405, "method_not_allowed",
                                "Method " + request.method + " is not allowed on this path.");
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  if (not_found_) return not_found_(request, params);
  return error_response(404, "not_found", "No such endpoint.");
}

}  // namespace lectern::http
