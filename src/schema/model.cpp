#include "schema/model.hpp"
#include "core/text.hpp"

#include <cctype>

namespace lectern::schema {

const FieldSpec* ModelState::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

FieldSpec* ModelState::field(std::string_view name) {
  for (auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const FieldSpec* ModelState::primary_key() const {
  for (const auto& f : fields) {
    if (f.primary_key) return &f;
  }
  return nullptr;
}

const ModelState* ProjectState::find(std::string_view app, std::string_view name) const {
  auto it = models.find(std::string(app) + "." + std::string(name));
  return it == models.end() ? nullptr : &it->second;
}

ModelState* ProjectState::find(std::string_view app, std::string_view name) {
  return models.mutate(std::string(app) + "." + std::string(name));
}

bool ModelMap::emplace(const std::string& key, ModelState&& model) {
  if (items_.count(key)) return false;
  items_.emplace(key, std::make_shared<ModelState>(std::move(model)));
  return true;
}

bool ModelMap::emplace(const std::string& key, const ModelState& model) {
  if (items_.count(key)) return false;
  items_.emplace(key, std::make_shared<ModelState>(model));
  return true;
}

ModelState* ModelMap::mutate(const std::string& key) {
  auto it = items_.find(key);
  if (it == items_.end()) return nullptr;
  // Shared with another state: copy before writing.
  if (it->second.use_count() > 1) it->second = std::make_shared<ModelState>(*it->second);
  return it->second.get();
}

bool ModelMap::operator==(const ModelMap& other) const {
  if (items_.size() != other.items_.size()) return false;
  for (auto a = items_.begin(), b = other.items_.begin(); a != items_.end(); ++a, ++b) {
    if (a->first != b->first) return false;
    if (a->second != b->second && !(*a->second == *b->second)) return false;
  }
  return true;
}

const ModelState* ProjectState::find(std::string_view key) const {
  auto it = models.find(std::string(key));
  return it == models.end() ? nullptr : &it->second;
}

std::string default_table_name(std::string_view app, std::string_view model) {
  std::string out(app);
  out += '_';
  out += model;
  return lower(out);
}

std::string_view to_string(OnDelete on_delete) {
  switch (on_delete) {
    case OnDelete::kNone:
      return "none";
    case OnDelete::kCascade:
      return "cascade";
    case OnDelete::kProtect:
      return "protect";
    case OnDelete::kSetNull:
      return "set_null";
    case OnDelete::kRestrict:
      return "restrict";
  }
  return "none";
}

std::optional<OnDelete> parse_on_delete(std::string_view text) {
  for (auto v : {OnDelete::kCascade, OnDelete::kProtect, OnDelete::kSetNull, OnDelete::kRestrict,
                 OnDelete::kNone}) {
    if (to_string(v) == text) return v;
  }
  return std::nullopt;
}

}  // namespace lectern::schema
