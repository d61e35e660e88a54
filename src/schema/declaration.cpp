#include "schema/declaration.hpp"

namespace lectern::schema {

bool follows_key_policy(const FieldSpec& key) {
  return key.name == "id" && key.type.type == ColumnType::kBigAutoId;
}

void ModelRegistry::add(ModelDeclaration declaration) {
  declarations_.push_back(std::move(declaration));
}

const ModelDeclaration* ModelRegistry::find(std::string_view app, std::string_view name) const {
  for (const auto& d : declarations_) {
    if (d.app == app && d.name == name) return &d;
  }
  return nullptr;
}

ModelRegistry::Built ModelRegistry::build() const {
  Built out;
  // Pass 1: fields with their origins, duplicates reported with both origins.
  for (const auto& d : declarations_) {
    ModelState model;
    model.app = d.app;
    model.name = d.name;
    model.table = d.table.empty() ? default_table_name(d.app, d.name) : d.table;
    model.many_to_many = d.many_to_many;
    model.indexes = d.indexes;
    model.constraints = d.constraints;
    std::string key = d.app + "." + d.name;
    std::map<std::string, std::string> origin_of;
    auto take = [&](const FieldSpec& f, const std::string& origin) {
      if (auto it = origin_of.find(f.name); it != origin_of.end()) {
        out.problems.push_back({DeclarationProblem::Kind::kDuplicateField, key, f.name,
                                "field \"" + f.name + "\" of " + key + " is declared by both " +
                                    it->second + " and " + origin});
        return;
      }
      origin_of[f.name] = origin;
      model.fields.push_back(f);
      out.origins.push_back({key, f.name, origin});
    };
    for (const Mixin* mixin : d.mixins) {
      for (const auto& f : mixin->fields) take(f, mixin->name);
    }
    for (const auto& f : d.fields) take(f, key);
    for (const auto& f : model.fields) {
      if (f.db_index || f.relation == Relation::kForeignKey) continue;
      out.problems.push_back({DeclarationProblem::Kind::kIndexWithoutForeignKey, key, f.name,
                              "field \"" + f.name + "\" of " + key +
                                  " declares db_index(false) but is not a foreign key, the only "
                                  "kind of field with an index of its own"});
    }

    // The key: declared ones are checked against the policy, else the policy's.
    std::vector<const FieldSpec*> keys;
    for (const auto& f : model.fields) {
      if (f.primary_key) keys.push_back(&f);
    }
    if (keys.size() > 1) {
      out.problems.push_back({DeclarationProblem::Kind::kMultiplePrimaryKeys, key, keys[1]->name,
                              key + " declares more than one primary key (" + keys[0]->name +
                                  " from " + origin_of[keys[0]->name] + ", " + keys[1]->name +
                                  " from " + origin_of[keys[1]->name] + ")"});
    }
    if (keys.empty()) {
      model.fields.insert(model.fields.begin(), field::big_auto("id").spec());
      out.origins.push_back({key, "id", "project key policy"});
    } else {
      const FieldSpec& pk = *keys[0];
      if (!follows_key_policy(pk) && d.key_policy_exception.empty()) {
        out.problems.push_back(
            {DeclarationProblem::Kind::kKeyPolicy, key, pk.name,
             key + " gets primary key \"" + pk.name + "\" of type " +
                 std::string(db::dialect_for(db::Backend::kPostgres).type_name(pk.type)) +
                 " from " + origin_of[pk.name] +
                 "; the project policy is \"id\" bigint auto-increment"});
      }
      // Keep the key first, as CREATE TABLE lists it.
      std::string pk_name = pk.name;
      std::stable_partition(model.fields.begin(), model.fields.end(),
                            [&](const FieldSpec& f) { return f.name == pk_name; });
    }
    out.state.models.emplace(key, std::move(model));
  }
  // Pass 2: relations take their target's key type.
  std::vector<std::string> keys;
  for (const auto& [key, model] : out.state.models) keys.push_back(key);
  for (const auto& key : keys) {
    ModelState& model = *out.state.models.mutate(key);
    for (auto& f : model.fields) {
      if (f.relation == Relation::kNone) continue;
      auto target = out.state.models.find(f.target);
      if (target == out.state.models.end()) {
        out.problems.push_back(
            {DeclarationProblem::Kind::kUnknownTarget, key, f.name,
             "field \"" + f.name + "\" of " + key + " refers to undeclared model " + f.target});
        continue;
      }
      const FieldSpec* pk = target->second.primary_key();
      if (!pk) continue;
      ColumnTypeSpec type = pk->type;
      if (type.type == ColumnType::kBigAutoId) type = {ColumnType::kBigInt};
      f.type = type;
    }
    for (const auto& m2m : model.many_to_many) {
      if (!out.state.models.count(m2m.target)) {
        out.problems.push_back({DeclarationProblem::Kind::kUnknownTarget, key, m2m.name,
                                "many-to-many \"" + m2m.name + "\" of " + key +
                                    " refers to undeclared model " + m2m.target});
      }
    }
  }
  return out;
}

ProjectState ModelRegistry::state() const {
  return build().state;
}
std::vector<DeclarationProblem> ModelRegistry::problems() const {
  return build().problems;
}
std::vector<FieldOrigin> ModelRegistry::origins() const {
  return build().origins;
}

}  // namespace lectern::schema
