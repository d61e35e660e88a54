#include "http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace lectern::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Byte by byte, so that a query is checked as it is decoded, with no copy.
class Utf8Checker {
 public:
  bool feed(unsigned char c) {
    if (need_ == 0) {
      if (c < 0x80) return true;
      lo_ = 0x80;
      hi_ = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        need_ = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need_ = 2;
        if (c == 0xE0) lo_ = 0xA0;  // overlong
        if (c == 0xED) hi_ = 0x9F;  // UTF-16 surrogates
      } else if (c >= 0xF0 && c <= 0xF4) {
        need_ = 3;
        if (c == 0xF0) lo_ = 0x90;  // overlong
        if (c == 0xF4) hi_ = 0x8F;  // past U+10FFFF
      } else {
        return false;
      }
      return true;
    }
    if (c < lo_ || c > hi_) return false;
    --need_;
    lo_ = 0x80;
    hi_ = 0xBF;
    return true;
  }
  bool complete() const { return need_ == 0; }

 private:
  int need_ = 0;
  unsigned char lo_ = 0x80;
  unsigned char hi_ = 0xBF;
};

// Decodes a query key or value into `out` ('+' is a space); the query was validated.
void decode_query_part(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 &&
        hex_value(in[i + 2]) >= 0) {
      out += char(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      out += in[i] == '+' ? ' ' : in[i];
    }
  }
}

bool needs_decoding(std::string_view part) {
  return part.find_first_of("%+") != std::string_view::npos;
}

}  // namespace

std::optional<Target> split_target(std::string_view target) {
  if (!target.empty() && target.front() == '/') {
    const auto q = target.find('?');
    if (q == std::string_view::npos) return Target{target, {}};
    return Target{target.substr(0, q), target.substr(q + 1)};
  }
  auto url = boost::urls::parse_absolute_uri(target);
  if (!url) return std::nullopt;
  const auto scheme = url->scheme_id();
  if (scheme != boost::urls::scheme::http && scheme != boost::urls::scheme::https) {
    return std::nullopt;
  }
  // RFC 9110 §4.2.1: an http URI without a host is invalid.
  if (!url->has_authority() || url->encoded_host().empty()) return std::nullopt;
  std::string_view path = url->encoded_path();
  std::string_view query = url->encoded_query();
  // "http://host" and "http://host?q" ask for "/" (RFC 9110 §4.2.3).
  if (path.empty()) path = "/";
  // After an authority a path is empty or starts with '/' (RFC 3986 §3.3);
  // Boost.URL 1.81 reads "http://h:82ph/x" as port 82 and path "ph/x".
  if (path.front() != '/') return std::nullopt;
  return Target{path, query};
}

bool decode_segment(std::string_view segment, std::string& out) {
  out.clear();
  out.reserve(segment.size());
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out += segment[i];
      continue;
    }
    if (i + 2 >= segment.size()) return false;
    const int hi = hex_value(segment[i + 1]);
    const int lo = hex_value(segment[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += char(hi * 16 + lo);
    i += 2;
  }
  return true;
}

bool valid_query(std::string_view query) {
  Utf8Checker utf8;
  for (std::size_t i = 0; i < query.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(query[i]);
    if (c == '&' || c == '=') {
      // Each key and each value is text on its own.
      if (!utf8.complete()) return false;
      continue;
    }
    if (c == '%') {
      if (i + 2 >= query.size()) return false;
      const int hi = hex_value(query[i + 1]);
      const int lo = hex_value(query[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<unsigned char>(hi * 16 + lo);
      i += 2;
    }
    if (c == 0 || !utf8.feed(c)) return false;
  }
  return utf8.complete();
}

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  std::string decoded_key;
  while (!query.empty()) {
    const auto amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const auto eq = param.find('=');
    std::string_view key = param.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : param.substr(eq + 1);
    if (needs_decoding(key)) {
      decode_query_part(key, decoded_key);
      if (decoded_key != name) continue;
    } else if (key != name) {
      continue;
    }
    std::string out;
    decode_query_part(value, out);
    return out;
  }
  return std::nullopt;
}

bool valid_utf8(std::string_view text) {
  Utf8Checker utf8;
  for (char c : text) {
    if (!utf8.feed(static_cast<unsigned char>(c))) return false;
  }
  return utf8.complete();
}

}  // namespace lectern::http
