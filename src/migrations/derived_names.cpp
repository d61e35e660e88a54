#include "migrations/derived_names.hpp"

#include "core/text.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace lectern::migrations {

using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::ModelState;
using schema::Relation;

namespace {

// FNV-1a: stable across platforms and releases, which std::hash is not.
std::string hash8(std::string_view text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : text) {
    h ^= c;
    h *= 16777619u;
  }
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", h);
  return buf;
}

// The model name of a relation target "app.Model".
std::string_view target_model_name(std::string_view target) {
  auto dot = target.find('.');
  return dot == std::string_view::npos ? target : target.substr(dot + 1);
}

}  // namespace

namespace names {

std::string derived(std::string_view table, const std::vector<std::string>& columns,
                    std::string_view suffix) {
  std::string stem(table);
  for (const auto& c : columns) stem += "_" + c;
  std::string full = stem + "_" + std::string(suffix);
  if (full.size() <= kMaxIdentifier) return full;
  std::string hash = hash8(full);
  std::size_t keep = kMaxIdentifier - suffix.size() - hash.size() - 2;
  return stem.substr(0, keep) + "_" + hash + "_" + std::string(suffix);
}

std::string foreign_key_index(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "idx");
}
std::string foreign_key(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "fkey");
}
std::string unique(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "key");
}
std::string range_check(std::string_view table, std::string_view column) {
  return derived(table, {std::string(column)}, "range");
}
std::string primary_key(std::string_view table) {
  return derived(table, {}, "pkey");
}

std::string link_table(std::string_view owner_table, std::string_view field) {
  std::string full = std::string(owner_table) + "_" + std::string(field);
  if (full.size() <= kMaxIdentifier) return full;
  std::string hash = hash8(full);
  return full.substr(0, kMaxIdentifier - hash.size() - 1) + "_" + hash;
}

}  // namespace names

ModelState link_model(const ModelState& owner, const schema::ManyToManySpec& m2m) {
  std::string from = lower(owner.name);
  std::string to = lower(target_model_name(m2m.target));
  if (m2m.target == owner.key()) {  // Django's naming for a model linked to itself
    from = "from_" + from;
    to = "to_" + to;
  }
  auto key_field = [](std::string name, std::string target) {
    FieldSpec f;
    f.column = name + "_id";
    f.name = std::move(name);
    f.type = {db::ColumnType::kBigInt};
    f.relation = Relation::kForeignKey;
    f.target = std::move(target);
    f.on_delete = schema::OnDelete::kCascade;
    return f;
  };
  ModelState link;
  link.app = owner.app;
  link.name = owner.name + "_" + m2m.name;
  link.table = names::link_table(owner.table, m2m.name);
  FieldSpec id;
  id.name = id.column = "id";
  id.type = {db::ColumnType::kBigAutoId};
  id.primary_key = true;
  link.fields = {id, key_field(from, owner.key()), key_field(to, m2m.target)};
  ConstraintSpec pair;
  pair.kind = ConstraintSpec::Kind::kUnique;
  pair.name = names::derived(link.table, {from + "_id", to + "_id"}, "uniq");
  pair.fields = {from, to};
  link.constraints = {pair};
  return link;
}

}  // namespace lectern::migrations
