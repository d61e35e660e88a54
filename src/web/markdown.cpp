#include "web/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <vector>

#include "core/text.hpp"

namespace lectern::web {

namespace {

void attach(cmark_parser* parser, const char* name) {
  if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
    cmark_parser_attach_syntax_extension(parser, extension);
  }
}

// Replaces a node by its children (a refused link by its text).
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_insert_before(node, child);
  }
  cmark_node_free(node);
}

}  // namespace

bool allowed_link(std::string_view url) {
  // Browsers skip blanks and controls inside a scheme ("java\tscript:"):
  // a target holding any is refused outright.
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  const auto colon = url.find(':');
  const auto end_of_scheme = url.find_first_of("/?#");
  if (colon == std::string_view::npos ||
      (end_of_scheme != std::string_view::npos && end_of_scheme < colon)) {
    return true;  // relative
  }
  const std::string scheme = lower(url.substr(0, colon));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

std::string markdown_to_html(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;  // no CMARK_OPT_UNSAFE
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options),
                                                                     &cmark_parser_free);
  attach(parser.get(), "table");
  attach(parser.get(), "strikethrough");
  attach(parser.get(), "autolink");
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(
      cmark_parser_finish(parser.get()), &cmark_node_free);

  std::vector<cmark_node*> refused;
  std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> iter(cmark_iter_new(document.get()),
                                                               &cmark_iter_free);
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE;
       event = cmark_iter_next(iter.get())) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const auto type = cmark_node_get_type(node);
    if (event != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) {
      continue;
    }
    const char* url = cmark_node_get_url(node);
    if (!allowed_link(url ? url : "")) refused.push_back(node);
  }
  iter.reset();
  for (cmark_node* node : refused) unwrap(node);

  char* html =
      cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  free(html);
  return out;
}

}  // namespace lectern::web
