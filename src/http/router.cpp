#include "http/router.hpp"

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

const Router::Route* Router::find(const Request& request, PathParams& params,
                                  std::string* allowed) const {
  auto parts = split_path(request.path);
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
  return !route || route->runs_inline;
}

Response Router::dispatch(const Request& request) const {
  PathParams params;
  std::string allowed;
  if (const Route* route = find(request, params, &allowed)) return route->handler(request, params);
  if (!allowed.empty()) {
    Response r = error_response(405, "method_not_allowed",
                                "Method " + request.method + " is not allowed on this path.");
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  return error_response(404, "not_found", "No such endpoint.");
}

}  // namespace lectern::http
