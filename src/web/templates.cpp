#include "web/templates.hpp"

#include <memory>
#include <stdexcept>

namespace lectern::web {

namespace {

constexpr std::string_view kPrefix = "templates/";
constexpr std::string_view kSuffix = ".mustache";

using Parsed = kainjow::mustache::mustache;

}  // namespace

Templates::Templates(std::span<const EmbeddedFile> files) {
  for (const auto& file : files) {
    if (!file.path.starts_with(kPrefix) || !file.path.ends_with(kSuffix)) continue;
    std::string name(
        file.path.substr(kPrefix.size(), file.path.size() - kPrefix.size() - kSuffix.size()));
    std::string text(file.bytes);
    Parsed parsed(text);
    if (!parsed.is_valid()) {
      throw std::logic_error("template " + name + ": " + parsed.error_message());
    }
    sources_.emplace(std::move(name), std::move(text));
  }
}

void put(View& object, const std::string& name, View value) {
  if (!object.is_object()) return;
  object.set(name, View(false));  // a placeholder that allocates nothing
  // The object's members are not const; kainjow only hands them out as such.
  *const_cast<View*>(object.get(name)) = std::move(value);
}

void append(View& list, View value) {
  if (!list.is_list()) return;
  list.push_back(View(false));
  const_cast<View&>(list.list_value().back()) = std::move(value);
}

std::string Templates::render(std::string_view name, const View& view) const {
  auto source = sources_.find(name);
  if (source == sources_.end()) {
    throw std::logic_error("no template " + std::string(name));
  }
  // Keyed by the text itself, which outlives any Templates object.
  thread_local std::map<std::string, std::unique_ptr<Parsed>, std::less<>> parsed;
  auto it = parsed.find(source->second);
  if (it == parsed.end()) it = parsed.emplace(source->second, nullptr).first;
  auto& slot = it->second;
  if (!slot) slot = std::make_unique<Parsed>(source->second);
  return slot->render(view);
}

}  // namespace lectern::web
