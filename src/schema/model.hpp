// The schema as plain data: fields, indexes, constraints, models and the
// project state. The same ProjectState is built two ways: from the C++ model
// declarations (schema/declare.hpp) and by replaying migration operations;
// the autodetector diffs the two. Value types, compared with ==.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "db/dialect.hpp"

namespace lectern::schema {

using db::ColumnType;
using db::ColumnTypeSpec;

enum class OnDelete { kNone, kCascade, kProtect, kSetNull, kRestrict };

enum class Relation {
  kNone,
  kForeignKey,  // many-to-one: column <name>_id
  kOneToOne,    // a foreign key that is also unique
};

// A database-side default. `kNow` is CURRENT_TIMESTAMP.
struct DefaultValue {
  enum class Kind { kNone, kInteger, kDouble, kBool, kText, kJson, kNow } kind = Kind::kNone;
  std::int64_t integer = 0;
  double number = 0;
  bool boolean = false;
  std::string text;  // kText and kJson (the JSON document's text)
  bool operator==(const DefaultValue&) const = default;
  bool has_value() const { return kind != Kind::kNone; }
};

struct FieldSpec {
  std::string name;    // attribute name: "course"
  std::string column;  // column name: "course_id" for relations, else == name
  ColumnTypeSpec type;
  bool primary_key = false;
  bool null = false;
  bool unique = false;
  DefaultValue default_value;
  // Validation (enforced by services; min/max also rendered as CHECKs).
  std::vector<std::string> choices;
  std::optional<std::int64_t> min_value;
  std::optional<std::int64_t> max_value;
  std::optional<int> min_length;
  // Timestamps maintained by the services: set on insert / on every update.
  bool auto_now_add = false;
  bool auto_now = false;
  // Relations: target "app.Model" and what deleting the target does.
  Relation relation = Relation::kNone;
  std::string target;
  OnDelete on_delete = OnDelete::kNone;
  // A foreign key gets an index of its own unless another index already
  // starts with its column (false: no index of its own). Foreign keys only.
  bool db_index = true;
  bool operator==(const FieldSpec&) const = default;
};

// A many-to-many field: a link table <app>_<model>_<name> with
// id, <model>_id, <target>_id and unique(<model>_id, <target>_id).
struct ManyToManySpec {
  std::string name;
  std::string target;  // "app.Model"
  bool operator==(const ManyToManySpec&) const = default;
};

struct IndexSpec {
  std::string name;
  std::vector<std::string> fields;  // field names (columns are looked up)
  bool unique = false;
  bool operator==(const IndexSpec&) const = default;
};

// A table constraint: unique over fields, or a CHECK made of comparisons of
// one field with an integer literal, joined by AND (portable to both backends).
struct CheckTerm {
  std::string field;
  std::string op;  // one of >=, <=, >, <, =, <>
  std::int64_t value = 0;
  bool operator==(const CheckTerm&) const = default;
};

struct ConstraintSpec {
  enum class Kind { kUnique, kCheck } kind = Kind::kUnique;
  std::string name;
  std::vector<std::string> fields;  // kUnique
  std::vector<CheckTerm> check;     // kCheck
  bool operator==(const ConstraintSpec&) const = default;
};

struct ModelState {
  std::string app;                // "courses"
  std::string name;               // "Course"
  std::string table;              // "courses_course"
  std::vector<FieldSpec> fields;  // in declaration order, primary key first
  std::vector<ManyToManySpec> many_to_many;
  std::vector<IndexSpec> indexes;
  std::vector<ConstraintSpec> constraints;
  bool operator==(const ModelState&) const = default;

  const FieldSpec* field(std::string_view name) const;
  FieldSpec* field(std::string_view name);
  const FieldSpec* primary_key() const;
  std::string key() const { return app + "." + name; }
};

// Models keyed by "app.Model", with copy-on-write values: copying a state
// (which the engine does for every operation it replays or renders) shares
// the models, and only a model that is then changed gets its own copy. Reads
// look like a std::map<std::string, const ModelState>; writes go through
// emplace/erase/mutate.
class ModelMap {
  using Items = std::map<std::string, std::shared_ptr<ModelState>>;

 public:
  using value_type = std::pair<const std::string&, const ModelState&>;
  class const_iterator {
   public:
    const_iterator() = default;
    explicit const_iterator(Items::const_iterator it) : it_(it) {}
    value_type operator*() const { return {it_->first, *it_->second}; }
    struct Arrow {
      value_type pair;
      const value_type* operator->() const { return &pair; }
    };
    Arrow operator->() const { return Arrow{**this}; }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    bool operator==(const const_iterator&) const = default;

   private:
    Items::const_iterator it_;
  };
  using iterator = const_iterator;

  const_iterator begin() const { return const_iterator(items_.begin()); }
  const_iterator end() const { return const_iterator(items_.end()); }
  const_iterator find(const std::string& key) const { return const_iterator(items_.find(key)); }
  std::size_t count(const std::string& key) const { return items_.count(key); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  // Inserts when absent (like std::map::emplace); returns whether it did.
  // Takes the model by reference so that `emplace(m.key(), std::move(m))`
  // reads the key before anything is moved.
  bool emplace(const std::string& key, ModelState&& model);
  bool emplace(const std::string& key, const ModelState& model);
  std::size_t erase(const std::string& key) { return items_.erase(key); }
  // The model for writing (copied first when another state shares it);
  // nullptr when absent.
  ModelState* mutate(const std::string& key);
  bool operator==(const ModelMap& other) const;

 private:
  Items items_;
};

struct ProjectState {
  ModelMap models;
  bool operator==(const ProjectState&) const = default;

  const ModelState* find(std::string_view app, std::string_view name) const;
  ModelState* find(std::string_view app, std::string_view name);
  // "app.Model" lookup.
  const ModelState* find(std::string_view key) const;
};

// "<app>_<model>" in lower case, Django's table naming.
std::string default_table_name(std::string_view app, std::string_view model);
std::string_view to_string(OnDelete on_delete);
std::optional<OnDelete> parse_on_delete(std::string_view text);

}  // namespace lectern::schema
