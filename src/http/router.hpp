// Maps (method, path pattern) to a handler. Patterns are literal segments and
// {name} captures ("/api/courses/{id}"). The request's path is split as sent
// and each segment percent-decoded afterwards (an escaped "/" is data, not a
// separator; a malformed escape is a 400). Unknown path -> 404, known path
// with another method -> 405 with Allow, all as JSON errors. Immutable after
// setup, so concurrent dispatch needs no lock.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace lectern::http {

using PathParams = std::unordered_map<std::string, std::string>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  Response dispatch(const Request& request) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace lectern::http
