// The pages' styles, script and icons (assets/*, embedded in the binary),
// served under content-hashed URLs ("/static/app.3f9c2a1b7d4e.css") with
// `immutable` caching, and gzipped once at start-up for clients that accept
// it. Immutable after construction, so serving needs no lock.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "web/embedded.hpp"

namespace lectern::web {

// gzip (RFC 1952) of `bytes` through zlib: at the best compression for
// what is compressed once (assets), the fastest for what is compressed at
// each request (pages).
enum class GzipLevel { kBest, kFastest };
std::string gzip(std::string_view bytes, GzipLevel level = GzipLevel::kBest);
// Whether an Accept-Encoding header allows gzip (a "gzip" coding whose q is
// not 0, or "*" whose q is not 0 with gzip not refused).
bool accepts_gzip(std::string_view accept_encoding);

class Assets {
 public:
  // Takes the files under "assets/".
  explicit Assets(std::span<const EmbeddedFile> files);

  // The URL of an asset ("app.css" -> "/static/app.<12 hex>.css"); empty
  // when there is no such asset.
  std::string url(std::string_view name) const;
  // GET /static/{file}: the asset whose hashed name is `file` (404 for any
  // other name, a stale hash included), gzipped when the client accepts it.
  http::Response serve(const http::Request& request, std::string_view file) const;

 private:
  struct Asset {
    std::string name;         // "app.css"
    std::string hashed_name;  // "app.3f9c2a1b7d4e.css"
    std::string content_type;
    std::string_view bytes;
    std::string gzipped;
  };
  std::vector<Asset> assets_;
};

}  // namespace lectern::web
