#include "migrations/autodetector.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"

namespace lectern::migrations {

using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;

namespace {

std::string app_of(const std::string& key) {
  return key.substr(0, key.find('.'));
}
std::string name_of(const std::string& key) {
  return key.substr(key.find('.') + 1);
}

// Collects the ops of one app, remembering which other apps they refer to.
struct AppOps {
  std::vector<OperationEntry> ops;
  std::set<std::string> depends_on;
  void add(Operation op) { ops.push_back(OperationEntry{std::move(op), 0, {}}); }
};

void note_targets(AppOps& out, const std::string& app, const FieldSpec& f) {
  if (f.relation != schema::Relation::kNone && app_of(f.target) != app) {
    out.depends_on.insert(app_of(f.target));
  }
}

// New models of one app in an order where every same-app relation target
// comes first; relations that cannot be satisfied (cycles) are split off and
// added as AddField after all the models exist.
void create_models(AppOps& out, const std::string& app, std::vector<const ModelState*> pending,
                   const ProjectState& from) {
  std::set<std::string> created;
  std::vector<std::pair<std::string, FieldSpec>> deferred;
  auto exists = [&](const std::string& target) {
    return app_of(target) != app || created.count(target) || from.find(target);
  };
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const ModelState* m) {
      for (const auto& f : m->fields) {
        if (f.relation != schema::Relation::kNone && f.target != m->key() && !exists(f.target)) {
          return false;
        }
      }
      for (const auto& mm : m->many_to_many) {
        if (mm.target != m->key() && !exists(mm.target)) return false;
      }
      return true;
    });
    ModelState model;
    if (ready != pending.end()) {
      model = **ready;
      pending.erase(ready);
    } else {
      // A cycle: create the first model without its unsatisfied relations.
      model = *pending.front();
      pending.erase(pending.begin());
      std::vector<FieldSpec> kept;
      for (const auto& f : model.fields) {
        if (f.relation != schema::Relation::kNone && f.target != model.key() && !exists(f.target) &&
            f.null) {
          deferred.emplace_back(model.name, f);
        } else {
          kept.push_back(f);
        }
      }
      if (kept.size() == model.fields.size()) {
        throw ValidationError("models of app \"" + app +
                              "\" refer to each other through non-nullable foreign keys (" +
                              model.key() + "); make one of them nullable");
      }
      model.fields = std::move(kept);
    }
    for (const auto& f : model.fields) note_targets(out, app, f);
    for (const auto& mm : model.many_to_many) {
      if (app_of(mm.target) != app) out.depends_on.insert(app_of(mm.target));
    }
    created.insert(model.key());
    out.add(CreateModel{model});
  }
  for (auto& [model, f] : deferred) out.add(AddField{model, f});
}

template <typename T, typename Named>
const T* find_named(const std::vector<T>& items, const Named& name) {
  for (const auto& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

void diff_model(AppOps& out, const std::string& app, const ModelState& old_model,
                const ModelState& new_model, const RenameHints& hints) {
  const std::string& model = new_model.name;
  auto field_hints = hints.fields.find(new_model.key());
  std::map<std::string, std::string> renamed;  // old -> new
  if (field_hints != hints.fields.end()) {
    for (const auto& [new_name, old_name] : field_hints->second) {
      if (old_model.field(old_name) && !old_model.field(new_name) && new_model.field(new_name)) {
        renamed[old_name] = new_name;
        out.add(RenameField{model, old_name, new_name});
      }
    }
  }
  // Removals of indexes and constraints first: they may cover fields that go.
  for (const auto& index : old_model.indexes) {
    const auto* now = find_named(new_model.indexes, index.name);
    if (!now || !(*now == index)) out.add(RemoveIndex{model, index.name});
  }
  for (const auto& c : old_model.constraints) {
    const auto* now = find_named(new_model.constraints, c.name);
    if (!now || !(*now == c)) out.add(RemoveConstraint{model, c.name});
  }
  for (const auto& f : old_model.fields) {
    if (renamed.count(f.name)) continue;
    if (!new_model.field(f.name)) out.add(RemoveField{model, f.name});
  }
  for (const auto& f : new_model.fields) {
    const FieldSpec* before = old_model.field(f.name);
    for (const auto& [old_name, new_name] : renamed) {
      if (new_name == f.name) before = old_model.field(old_name);
    }
    if (!before) {
      note_targets(out, app, f);
      out.add(AddField{model, f});
      continue;
    }
    FieldSpec renamed_before = *before;
    renamed_before.name = f.name;
    if (renamed.count(before->name) && before->column == before->name) {
      renamed_before.column = f.column;
    }
    if (renamed.count(before->name) && before->relation != schema::Relation::kNone) {
      renamed_before.column = f.column;
    }
    if (!(renamed_before == f)) {
      note_targets(out, app, f);
      out.add(AlterField{model, f, ""});
    }
  }
  for (const auto& index : new_model.indexes) {
    const auto* was = find_named(old_model.indexes, index.name);
    if (!was || !(*was == index)) out.add(AddIndex{model, index, false});
  }
  for (const auto& c : new_model.constraints) {
    const auto* was = find_named(old_model.constraints, c.name);
    if (!was || !(*was == c)) out.add(AddConstraint{model, c});
  }
  if (!(old_model.many_to_many == new_model.many_to_many)) {
    throw ValidationError("many-to-many fields of " + new_model.key() +
                          " changed; the engine adds them only with a new model (declare an "
                          "explicit link model instead)");
  }
}

// Models of `keys` ordered so that models referring to others come first
// (deleting them first never violates a foreign key).
std::vector<std::string> deletion_order(const std::vector<std::string>& keys,
                                        const ProjectState& from) {
  std::vector<std::string> order;
  std::set<std::string> remaining(keys.begin(), keys.end());
  while (!remaining.empty()) {
    std::string pick = *remaining.begin();
    for (const auto& key : remaining) {
      bool referenced = false;
      for (const auto& other : remaining) {
        if (other == key) continue;
        for (const auto& f : from.find(other)->fields) {
          if (f.target == key) referenced = true;
        }
      }
      if (!referenced) {
        pick = key;
        break;
      }
    }
    order.push_back(pick);
    remaining.erase(pick);
  }
  return order;
}

}  // namespace

RenameHints rename_hints(const schema::ModelRegistry& registry) {
  RenameHints hints;
  for (const auto& d : registry.declarations()) {
    std::string key = d.app + "." + d.name;
    if (!d.renamed_from.empty()) hints.models[key] = d.renamed_from;
    if (!d.renamed_fields.empty()) hints.fields[key] = d.renamed_fields;
  }
  return hints;
}

std::vector<AppChanges> detect_changes(const ProjectState& from, const ProjectState& to,
                                       const RenameHints& hints) {
  std::map<std::string, AppOps> per_app;
  std::map<std::string, std::vector<const ModelState*>> created;
  std::map<std::string, std::vector<std::string>> deleted;
  // Old keys consumed by a declared rename.
  std::map<std::string, std::string> renamed_old_to_new;
  for (const auto& [new_key, old_name] : hints.models) {
    std::string old_key = app_of(new_key) + "." + old_name;
    if (from.find(old_key) && !from.find(new_key) && to.find(new_key)) {
      renamed_old_to_new[old_key] = new_key;
      per_app[app_of(new_key)].add(RenameModel{old_name, name_of(new_key)});
    }
  }
  for (const auto& [key, model] : to.models) {
    const ModelState* before = from.find(key);
    for (const auto& [old_key, new_key] : renamed_old_to_new) {
      if (new_key == key) before = from.find(old_key);
    }
    if (!before) {
      created[model.app].push_back(&model);
      continue;
    }
    ModelState old_model = *before;
    if (old_model.name != model.name) {
      // After RenameModel the state carries the new name and table.
      old_model.name = model.name;
      old_model.table = schema::default_table_name(model.app, model.name);
    }
    diff_model(per_app[model.app], model.app, old_model, model, hints);
  }
  for (auto& [app, models] : created) create_models(per_app[app], app, models, from);
  for (const auto& [key, model] : from.models) {
    if (!to.find(key) && !renamed_old_to_new.count(key)) deleted[model.app].push_back(key);
  }
  for (const auto& [app, keys] : deleted) {
    for (const auto& key : deletion_order(keys, from)) per_app[app].add(DeleteModel{name_of(key)});
  }
  std::vector<AppChanges> out;
  for (auto& [app, ops] : per_app) {
    if (ops.ops.empty()) continue;
    ops.depends_on.erase(app);
    out.push_back({app, std::move(ops.ops), {ops.depends_on.begin(), ops.depends_on.end()}});
  }
  return out;
}

namespace {

std::string fragment(const Operation& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateModel>) {
          return lower(o.model.name);
        } else if constexpr (std::is_same_v<T, DeleteModel>) {
          return "delete_" + lower(o.name);
        } else if constexpr (std::is_same_v<T, RenameModel>) {
          return "rename_" + lower(o.old_name) + "_" + lower(o.new_name);
        } else if constexpr (std::is_same_v<T, AddField>) {
          return lower(o.model) + "_" + lower(o.field.name);
        } else if constexpr (std::is_same_v<T, RemoveField>) {
          return "remove_" + lower(o.model) + "_" + lower(o.name);
        } else if constexpr (std::is_same_v<T, AlterField>) {
          return "alter_" + lower(o.model) + "_" + lower(o.field.name);
        } else if constexpr (std::is_same_v<T, RenameField>) {
          return "rename_" + lower(o.old_name) + "_" + lower(o.model) + "_" + lower(o.new_name);
        } else if constexpr (std::is_same_v<T, AddIndex>) {
          return lower(o.model) + "_" + lower(o.index.name);
        } else if constexpr (std::is_same_v<T, RemoveIndex>) {
          return "remove_" + lower(o.model) + "_" + lower(o.name);
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          return lower(o.model) + "_" + lower(o.constraint.name);
        } else if constexpr (std::is_same_v<T, RemoveConstraint>) {
          return "remove_" + lower(o.model) + "_" + lower(o.name);
        } else {
          return "";
        }
      },
      op);
}

std::string number(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", n);
  return buf;
}

}  // namespace

std::string suggest_name(const std::vector<OperationEntry>& operations, bool initial) {
  if (initial) return "initial";
  std::vector<std::string> fragments;
  for (const auto& entry : operations) {
    std::string f = fragment(entry.operation);
    if (f.empty()) return "auto";
    fragments.push_back(f);
  }
  if (fragments.empty()) return "auto";
  std::string name = fragments[0];
  for (std::size_t i = 1; i < fragments.size(); ++i) {
    std::string next = name + "_" + fragments[i];
    if (next.size() > 52) {
      name += "_and_more";
      break;
    }
    name = next;
  }
  return name;
}

std::vector<Migration> arrange_migrations(
    const std::vector<AppChanges>& changes,
    const std::map<std::string, std::optional<MigrationKey>>& leaves, const std::string& name) {
  if (!name.empty() && changes.size() > 1) {
    throw UsageError("--name applies to one app's migration, but " +
                     std::to_string(changes.size()) + " apps have changes; pass the app");
  }
  std::map<std::string, MigrationKey> latest;
  for (const auto& [app, leaf] : leaves) {
    if (leaf) latest[app] = *leaf;
  }
  // Apps that refer to others come after them, so their new leaf exists.
  std::vector<const AppChanges*> order;
  std::set<std::string> placed;
  std::vector<const AppChanges*> pending;
  for (const auto& c : changes) pending.push_back(&c);
  while (!pending.empty()) {
    auto it = std::find_if(pending.begin(), pending.end(), [&](const AppChanges* c) {
      for (const auto& dep : c->depends_on_apps) {
        bool changing = std::any_of(pending.begin(), pending.end(),
                                    [&](const AppChanges* p) { return p->app == dep; });
        if (changing && !placed.count(dep)) return false;
      }
      return true;
    });
    if (it == pending.end()) {
      throw ValidationError("apps " + pending.front()->app +
                            " and others refer to each other in one change; make the "
                            "migrations one app at a time (lectern makemigrations APP)");
    }
    order.push_back(*it);
    placed.insert((*it)->app);
    pending.erase(it);
  }
  std::vector<Migration> out;
  for (const AppChanges* c : order) {
    Migration m;
    auto leaf = latest.find(c->app);
    bool initial = leaf == latest.end();
    int next = 1;
    if (!initial) {
      next = std::atoi(leaf->second.name.substr(0, 4).c_str()) + 1;
      m.dependencies.push_back(leaf->second);
    }
    m.key = {c->app,
             number(next) + "_" + (name.empty() ? suggest_name(c->operations, initial) : name)};
    for (const auto& dep : c->depends_on_apps) {
      auto it = latest.find(dep);
      if (it == latest.end()) {
        throw ValidationError("app \"" + c->app + "\" refers to models of app \"" + dep +
                              "\", which has no migrations; make those first");
      }
      m.dependencies.push_back(it->second);
    }
    m.operations = c->operations;
    latest[c->app] = m.key;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace lectern::migrations
