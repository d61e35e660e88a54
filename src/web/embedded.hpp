// The pages' templates (templates/*.mustache) and assets (assets/*), built
// into the binary as the migration files are (lectern_embed_sources): each
// with its path under src/web and its SHA-256 (hex), computed at build time.
#pragma once

#include <span>
#include <string_view>

namespace lectern::web {

struct EmbeddedFile {
  std::string_view path;  // "templates/layout.mustache", "assets/app.css"
  std::string_view bytes;
  std::string_view sha256;
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace lectern::web
