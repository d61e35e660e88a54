// Model declarations: how a model is written once in C++ (app, name, mixins,
// fields, indexes, constraints, explicit renames and key-policy exceptions),
// and the registry that turns them into the ProjectState. Building the state
// never throws on a modelling mistake: it records a DeclarationProblem with
// both origins, so `lectern check` can report every problem at once.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "schema/fields.hpp"
#include "schema/model.hpp"

namespace lectern::schema {

// A named field set composed into models (TimeStampedMixin, ...).
struct Mixin {
  std::string name;
  std::vector<FieldSpec> fields;
};

struct ModelDeclaration {
  std::string app;
  std::string name;
  std::string table;  // empty: <app>_<name lower>
  std::vector<const Mixin*> mixins;
  std::vector<FieldSpec> fields;
  std::vector<ManyToManySpec> many_to_many;
  std::vector<IndexSpec> indexes;
  std::vector<ConstraintSpec> constraints;
  // A primary key other than the project policy's must say why; without a
  // reason `lectern check` reports the deviation as an error.
  std::string key_policy_exception;
  // Declared renames (never guessed): the model's and its fields' old names.
  std::string renamed_from;
  std::map<std::string, std::string> renamed_fields;  // new name -> old name
};

// Where a field of the built state came from: the model itself or a mixin.
struct FieldOrigin {
  std::string model;  // "courses.Assessment"
  std::string field;
  std::string origin;  // "courses.Assessment" or "UUIDPrimaryKeyMixin"
  bool operator==(const FieldOrigin&) const = default;
};

struct DeclarationProblem {
  enum class Kind {
    kDuplicateField,  // a field declared twice (mixins and/or model)
    kUnknownTarget,   // a relation to a model that is not declared
    kKeyPolicy,       // a primary key that is not the project policy's, without a reason
    kMultiplePrimaryKeys,
    kIndexWithoutForeignKey,  // db_index(false) on a field that is not a plain foreign key
  } kind;
  std::string model;
  std::string field;
  std::string message;  // one line naming both origins / the target / the origin of the key
};

// The project key policy: `id`, 64-bit auto-increment.
bool follows_key_policy(const FieldSpec& key);

class ModelRegistry {
 public:
  void add(ModelDeclaration declaration);
  const std::vector<ModelDeclaration>& declarations() const { return declarations_; }

  // The state the declarations describe. Relations take the type of their
  // target's key; models without a declared key get the policy's `id`.
  ProjectState state() const;
  std::vector<DeclarationProblem> problems() const;
  std::vector<FieldOrigin> origins() const;
  const ModelDeclaration* find(std::string_view app, std::string_view name) const;

 private:
  struct Built {
    ProjectState state;
    std::vector<DeclarationProblem> problems;
    std::vector<FieldOrigin> origins;
  };
  Built build() const;
  std::vector<ModelDeclaration> declarations_;
};

}  // namespace lectern::schema
