// Lesson content, which is Markdown, as HTML: CommonMark with GitHub's
// tables, strikethrough and autolinks (cmark-gfm), raw HTML switched off
// (left out of the output), and links and images kept only for http, https,
// mailto and relative targets (others become their text). Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lectern::web {

std::string markdown_to_html(std::string_view markdown);

// Whether a link target may stay: relative, or http, https or mailto.
bool allowed_link(std::string_view url);

}  // namespace lectern::web
