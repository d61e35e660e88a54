// The pages' Mustache templates (templates/*.mustache, embedded in the
// binary), rendered with kainjow's logic-less engine: {{name}} is
// HTML-escaped, {{{name}}} is not and takes only HTML this program built.
// Each thread renders from its own parsed copies (the engine's render is
// not const), made from the shared text on first use.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "web/embedded.hpp"

namespace lectern::web {

// What a template reads: objects, lists, strings and booleans.
using View = kainjow::mustache::data;

// View::set and View::push_back copy their argument, and copying a View
// copies its whole tree (every nested object, list and string): these move
// `value` in instead. Pages build their views once, inside out.
void put(View& object, const std::string& name, View value);
void append(View& list, View value);

class Templates {
 public:
  // Takes the files under "templates/"; throws std::logic_error for one
  // that does not parse (a bug, found by the first test that starts).
  explicit Templates(std::span<const EmbeddedFile> files);

  // Renders "catalogue" (templates/catalogue.mustache); std::logic_error for
  // an unknown name.
  std::string render(std::string_view name, const View& view) const;

 private:
  std::map<std::string, std::string, std::less<>> sources_;
};

}  // namespace lectern::web
