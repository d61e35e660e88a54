// Maps (method, path pattern) to a handler. Patterns are literal segments and
// {name} captures ("/api/courses/{id}"). The request's path is split as sent
// and each segment percent-decoded afterwards (an escaped "/" is data, not a
// separator; a malformed escape is a 400). Unknown path -> 404, known path
// with another method -> 405 with Allow, all as JSON errors (set_not_found
// may answer the 404s instead). Immutable after
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
  // kRunsInline: the handler never blocks (no database, no file), so the
  // server may run it on its I/O thread instead of queueing it for a
  // handler thread (see Server and runs_inline()).
  static constexpr bool kRunsInline = true;
  void add(std::string method, std::string pattern, Handler handler, bool runs_inline = false);
  // Answers a request whose path no route has (instead of the JSON 404):
  // the pages' own 404, which may ask the database (who is signed in), so
  // the server runs it on a handler thread.
  void set_not_found(Handler handler) { not_found_ = std::move(handler); }
  Response dispatch(const Request& request) const;
  // Whether dispatching this request runs no blocking handler: its route
  // was added kRunsInline, or no route takes it and there is no
  // set_not_found handler (the JSON 404 and 405 answers).
  bool runs_inline(const Request& request) const;

  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    bool runs_inline = false;
  };
  const std::vector<Route>& routes() const { return routes_; }

 private:
  // The route that takes the request, or null.
  // The route for `request`; nullptr when none matches (then `allowed`
  // collects the methods the path has, and `malformed` says whether the path
  // could not be decoded).
  const Route* find(const Request& request, PathParams& params, std::string* allowed,
                    bool* malformed = nullptr) const;
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace lectern::http
