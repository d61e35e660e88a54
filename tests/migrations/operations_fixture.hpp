// Shared by the operations tests: terse builders for fields and models, and
// the small project (accounts.User, courses.Category, courses.Tag,
// courses.Course) that the operation cases start from. Header-only: each
// *_test.cpp is its own binary.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "migrations/migration.hpp"
#include "migrations/operations.hpp"
#include "schema/model.hpp"

namespace lectern::migrations::testing {

using db::ColumnType;
using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ModelState;
using schema::OnDelete;
using schema::ProjectState;

inline FieldSpec field(std::string name, db::ColumnTypeSpec type) {
  FieldSpec f;
  f.name = f.column = std::move(name);
  f.type = type;
  return f;
}

inline FieldSpec id_field() {
  FieldSpec f = field("id", {ColumnType::kBigAutoId});
  f.primary_key = true;
  return f;
}

inline FieldSpec varchar(std::string name, int length) {
  return field(std::move(name), {ColumnType::kVarchar, length});
}

inline FieldSpec foreign_key(std::string name, std::string target, OnDelete on_delete,
                             bool null = false) {
  FieldSpec f = field(std::move(name), {ColumnType::kBigInt});
  f.column = f.name + "_id";
  f.relation = schema::Relation::kForeignKey;
  f.target = std::move(target);
  f.on_delete = on_delete;
  f.null = null;
  return f;
}

// `with(f, [](FieldSpec& f) { f.null = true; })`: a field with a tweak.
template <typename Fn>
FieldSpec with(FieldSpec f, Fn&& tweak) {
  tweak(f);
  return f;
}

inline FieldSpec nullable(FieldSpec f) {
  f.null = true;
  return f;
}

inline FieldSpec unique(FieldSpec f) {
  f.unique = true;
  return f;
}

inline FieldSpec defaulting(FieldSpec f, std::int64_t value) {
  f.default_value.kind = schema::DefaultValue::Kind::kInteger;
  f.default_value.integer = value;
  return f;
}

inline FieldSpec defaulting(FieldSpec f, std::string text) {
  f.default_value.kind = schema::DefaultValue::Kind::kText;
  f.default_value.text = std::move(text);
  return f;
}

inline FieldSpec defaulting(FieldSpec f, bool value) {
  f.default_value.kind = schema::DefaultValue::Kind::kBool;
  f.default_value.boolean = value;
  return f;
}

// A model of app `courses` (or `app`), table left to the state.
inline ModelState model(std::string name, std::vector<FieldSpec> fields, std::string app = "") {
  ModelState m;
  m.app = std::move(app);
  m.name = std::move(name);
  m.fields.push_back(id_field());
  for (auto& f : fields) m.fields.push_back(std::move(f));
  return m;
}

inline ConstraintSpec check(std::string name, std::vector<schema::CheckTerm> terms) {
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kCheck;
  c.name = std::move(name);
  c.check = std::move(terms);
  return c;
}

inline ConstraintSpec unique_together(std::string name, std::vector<std::string> fields) {
  ConstraintSpec c;
  c.name = std::move(name);
  c.fields = std::move(fields);
  return c;
}

// accounts.User, courses.Category, courses.Tag, and courses.Course which
// references all three (PROTECT, SET_NULL, many-to-many).
inline std::vector<std::pair<std::string, Operation>> base_operations() {
  ModelState course = model(
      "Course", {
                    varchar("title", 200),
                    unique(varchar("slug", 50)),
                    foreign_key("instructor", "accounts.User", OnDelete::kProtect),
                    foreign_key("category", "courses.Category", OnDelete::kSetNull, true),
                    with(defaulting(field("price_cents", {ColumnType::kInteger}), std::int64_t{0}),
                         [](FieldSpec& f) { f.min_value = 0; }),
                });
  course.many_to_many.push_back({"tags", "courses.Tag"});
  return {
      {"accounts", CreateModel{model("User", {unique(varchar("username", 150))}, "accounts")}},
      {"courses", CreateModel{model("Category", {varchar("name", 100)}, "courses")}},
      {"courses", CreateModel{model("Tag", {varchar("name", 50)}, "courses")}},
      {"courses", CreateModel{course}},
  };
}

inline ProjectState base_state() {
  ProjectState state;
  for (const auto& [app, op] : base_operations()) state_forwards(op, app, state);
  return state;
}

}  // namespace lectern::migrations::testing
