#include "web/assets.hpp"

#include <zlib.h>

#include <optional>
#include <stdexcept>

#include "core/text.hpp"

namespace lectern::web {

namespace {

constexpr std::string_view kPrefix = "assets/";

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

// The q value of one coding's parameters (";q=0.5"); 1 without one.
double quality(std::string_view params) {
  auto q = params.find("q=");
  if (q == std::string_view::npos) return 1.0;
  try {
    return std::stod(std::string(params.substr(q + 2)));
  } catch (const std::exception&) {
    return 0.0;
  }
}

}  // namespace

namespace {

// One deflate state per thread and level, reset for each body: making one
// allocates about 270 KB (window, hash chains, output buffer) and zeroes
// the hash table, which for a page cost more than compressing it.
class Deflater {
 public:
  explicit Deflater(GzipLevel level) {
    const int zlib_level = level == GzipLevel::kBest ? Z_BEST_COMPRESSION : Z_BEST_SPEED;
    // 15 + 16: a gzip wrapper around the deflate stream; 8: zlib's default
    // memory level.
    if (deflateInit2(&stream_, zlib_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("zlib: deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  std::string compress(std::string_view bytes) {
    if (deflateReset(&stream_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
    std::string out(deflateBound(&stream_, bytes.size()), '\0');
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream_.avail_in = static_cast<uInt>(bytes.size());
    stream_.next_out = reinterpret_cast<Bytef*>(out.data());
    stream_.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream_, Z_FINISH);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
    out.resize(stream_.total_out);
    return out;
  }

 private:
  z_stream stream_{};
};

}  // namespace

std::string gzip(std::string_view bytes, GzipLevel level) {
  if (level == GzipLevel::kBest) {
    thread_local Deflater best(GzipLevel::kBest);
    return best.compress(bytes);
  }
  thread_local Deflater fastest(GzipLevel::kFastest);
  return fastest.compress(bytes);
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<double> gzip_q;
  std::optional<double> any_q;
  for (std::string_view item : split(accept_encoding, ',')) {
    std::string_view part = trim(item);
    const auto semicolon = part.find(';');
    const std::string coding = lower(trim(part.substr(0, semicolon)));
    const double q =
        semicolon == std::string_view::npos ? 1.0 : quality(part.substr(semicolon + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip_q = q;
    if (coding == "*") any_q = q;
  }
  if (gzip_q) return *gzip_q > 0;
  return any_q && *any_q > 0;
}

Assets::Assets(std::span<const EmbeddedFile> files) {
  for (const auto& file : files) {
    if (!file.path.starts_with(kPrefix)) continue;
    Asset asset;
    asset.name = std::string(file.path.substr(kPrefix.size()));
    const auto dot = asset.name.rfind('.');
    asset.hashed_name = asset.name.substr(0, dot) + "." + std::string(file.sha256.substr(0, 12)) +
                        asset.name.substr(dot);
    asset.content_type = content_type_of(asset.name);
    asset.bytes = file.bytes;
    asset.gzipped = gzip(file.bytes);
    assets_.push_back(std::move(asset));
  }
}

std::string Assets::url(std::string_view name) const {
  for (const auto& asset : assets_) {
    if (asset.name == name) return "/static/" + asset.hashed_name;
  }
  return {};
}

http::Response Assets::serve(const http::Request& request, std::string_view file) const {
  for (const auto& asset : assets_) {
    if (asset.hashed_name != file) continue;
    http::Response r;
    r.content_type = asset.content_type;
    r.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    r.headers.emplace_back("Vary", "Accept-Encoding");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (accepts_gzip(request.header("accept-encoding"))) {
      r.headers.emplace_back("Content-Encoding", "gzip");
      r.body = asset.gzipped;
    } else {
      r.body = std::string(asset.bytes);
    }
    return r;
  }
  http::Response r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "No such file.\n";
  return r;
}

}  // namespace lectern::web
