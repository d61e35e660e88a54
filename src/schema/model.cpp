#include "schema/model.hpp"

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
  auto it = models.find(std::string(app) + "." + std::string(name));
  return it == models.end() ? nullptr : &it->second;
}

const ModelState* ProjectState::find(std::string_view key) const {
  auto it = models.find(std::string(key));
  return it == models.end() ? nullptr : &it->second;
}

std::string default_table_name(std::string_view app, std::string_view model) {
  std::string out(app);
  out += '_';
  out += model;
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
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
