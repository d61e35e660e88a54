#include "migrations/unsafe_changes.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/text.hpp"
#include "migrations/operations.hpp"
#include "migrations/type_changes.hpp"
#include "schema/fields.hpp"

namespace lectern::migrations {

using schema::FieldSpec;
using schema::ProjectState;

namespace {

std::string model_name(const std::string& key) {
  return key.substr(key.find('.') + 1);
}

// A version-4 UUID from SQLite's randomblob, in the 36-character text form
// Lectern stores uuids in there; PostgreSQL has gen_random_uuid() (13+).
constexpr std::string_view kSqliteUuid =
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||\n"
    "       substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||\n"
    "       substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

// public_id added null, filled in for the rows there are, then made NOT NULL
// and unique: the declared field::uuid("public_id").unique().
std::vector<OperationEntry> public_id_operations(const schema::ModelState& model) {
  const auto& q = db::dialect_for(db::Backend::kPostgres);  // quoting is the same on both
  const std::string column = q.quote(kPublicIdField);
  auto fill = [&](std::string_view expression) {
    return "UPDATE " + q.quote(model.table) + "\n   SET " + column + " = " +
           std::string(expression) + "\n WHERE " + column + " IS NULL;";
  };
  RunSQL backfill;
  backfill.sqlite_forward = fill(kSqliteUuid);
  backfill.postgres_forward = fill("gen_random_uuid()");
  // Nothing to undo: unapplying the add_field before it drops the column.
  backfill.sqlite_backward = "SELECT 1;";
  backfill.postgres_backward = "SELECT 1;";
  std::string field(kPublicIdField);
  return {
      {AddField{model.name, schema::field::uuid(field).null().spec()}},
      {std::move(backfill)},
      {AlterField{model.name, schema::field::uuid(field).unique().spec(), ""}},
  };
}

// The existing migrations' key types, and which migration set each.
std::map<std::string, MigrationKey> key_set_by(const std::vector<const Migration*>& order) {
  std::vector<Migration> copies;
  copies.reserve(order.size());
  for (const Migration* m : order) copies.push_back(*m);
  const LoadedMigrations loaded(std::move(copies));
  return replay_migrations(loaded).key_set_by;
}

}  // namespace

std::optional<UnsafeChangeChoice> parse_unsafe_change_choice(std::string_view text) {
  if (text == "keep") return UnsafeChangeChoice::kKeep;
  if (text == "public-id") return UnsafeChangeChoice::kPublicId;
  if (text == "convert") return UnsafeChangeChoice::kConvert;
  return std::nullopt;
}

UnsafeChangePlan plan_unsafe_changes(const std::vector<const Migration*>& order,
                                     const ProjectState& from,
                                     const schema::ModelRegistry& registry,
                                     std::vector<AppChanges> changes, UnsafeChangeChoice choice) {
  UnsafeChangePlan plan;
  const ProjectState declared = registry.state();
  const auto keys = find_key_changes(from, declared, registry.origins(), key_set_by(order));
  std::map<std::string, const KeyChange*> key_of;
  for (const auto& k : keys) key_of[k.model] = &k;

  // Which proposed operation belongs to a key change, and which is another
  // unsafe type change (found on the state as the operations build it).
  ProjectState state = from;
  for (auto& c : changes) {
    std::vector<OperationEntry> kept;
    for (auto& entry : c.operations) {
      ProjectState before = state;
      try {
        state_forwards(entry.operation, c.app, state);
      } catch (const ValidationError&) {
      }
      auto model_key = [&](const std::string& model) { return c.app + "." + model; };
      // The key itself: an AlterField of it, or its replacement by another field.
      const KeyChange* key = nullptr;
      if (auto* op = std::get_if<AlterField>(&entry.operation)) {
        auto it = key_of.find(model_key(op->model));
        if (it != key_of.end() &&
            (op->field.name == it->second->field || op->field.name == it->second->migrated_field))
          key = it->second;
      } else if (auto* op = std::get_if<RemoveField>(&entry.operation)) {
        auto it = key_of.find(model_key(op->model));
        if (it != key_of.end() && op->name == it->second->migrated_field) key = it->second;
      } else if (auto* op = std::get_if<AddField>(&entry.operation)) {
        auto it = key_of.find(model_key(op->model));
        if (it != key_of.end() && op->field.primary_key) key = it->second;
      }
      if (key) {
        if (choice == UnsafeChangeChoice::kConvert && key->cast.kind == CastKind::kAsWritten) {
          kept.push_back(entry);
        }
        continue;
      }
      auto* alter = std::get_if<AlterField>(&entry.operation);
      const schema::ModelState* model = alter ? before.find(c.app, alter->model) : nullptr;
      const FieldSpec* old_field = model ? model->field(alter->field.name) : nullptr;
      // A foreign key to a changed key: its type is the key's business.
      if (old_field && old_field->relation != schema::Relation::kNone &&
          key_of.count(old_field->target)) {
        if (choice == UnsafeChangeChoice::kConvert &&
            key_of.at(old_field->target)->cast.kind == CastKind::kAsWritten) {
          kept.push_back(entry);
          continue;
        }
        alter->field.type = old_field->type;
        if (!(alter->field == *old_field)) kept.push_back(entry);
        continue;
      }
      auto change = alter ? type_change_of(*alter, c.app, before) : std::nullopt;
      if (!change || !postgres_refusal(*change)) {
        kept.push_back(entry);
        continue;
      }
      const std::string& column = change->column;
      switch (choice) {
        case UnsafeChangeChoice::kKeep:
          plan.notes.push_back("Kept " + change->model + "." + change->field + " as " +
                               postgres_type_name(change->from) +
                               ": declare it as before, or `lectern check` keeps reporting it");
          alter->field.type = old_field->type;
          if (!(alter->field == *old_field)) kept.push_back(entry);
          break;
        case UnsafeChangeChoice::kConvert:
          if (change->cast.kind == CastKind::kNeedsUsing) {
            alter->using_expression = column + "::" + postgres_type_name(change->to);
            plan.notes.push_back("Converting " + change->model + "." + change->field +
                                 " with USING " + alter->using_expression +
                                 " (fails on values that do not convert)");
            kept.push_back(entry);
            break;
          }
          [[fallthrough]];
        default: {
          CheckMessage m = unsafe_type_change_message(*change, "not yet in a migration");
          if (choice != UnsafeChangeChoice::kRefuse) {
            m.hint +=
                " (--unsafe-change=" +
                std::string(choice == UnsafeChangeChoice::kPublicId ? "public-id" : "convert") +
                " cannot write this one)";
          }
          plan.refused.push_back(std::move(m));
        }
      }
    }
    c.operations = std::move(kept);
  }

  // The key changes, as chosen.
  std::map<std::string, std::vector<std::string>> public_ids;  // app -> models
  for (const auto& k : keys) {
    const std::string old_type = postgres_type_name(k.migrated);
    const std::string origin = k.origin.empty() ? "its declaration" : k.origin;
    switch (choice) {
      case UnsafeChangeChoice::kRefuse:
        plan.refused.push_back(key_change_message(k));
        break;
      case UnsafeChangeChoice::kKeep:
        plan.notes.push_back("Kept the " + old_type + " key of " + k.model +
                             ": its declarations still give it " + postgres_type_name(k.declared) +
                             " (from " + origin + "); remove " + origin + " from " + k.model +
                             " so that `lectern check` passes");
        break;
      case UnsafeChangeChoice::kConvert:
        if (k.cast.kind != CastKind::kAsWritten) {
          CheckMessage m = key_change_message(k);
          m.hint += " (--unsafe-change=convert cannot write this one)";
          plan.refused.push_back(std::move(m));
        } else {
          plan.notes.push_back("Converting the key of " + k.model + " to " +
                               postgres_type_name(k.declared) +
                               ": this rewrites its table and every table referencing it");
        }
        break;
      case UnsafeChangeChoice::kPublicId: {
        const schema::ModelState* model = from.find(k.model);
        if (!model || model->field(kPublicIdField)) {
          CheckMessage m = key_change_message(k);
          m.hint += " (--unsafe-change=public-id cannot: " + k.model + " already has a field " +
                    std::string(kPublicIdField) + ")";
          plan.refused.push_back(std::move(m));
          break;
        }
        public_ids[k.model.substr(0, k.model.find('.'))].push_back(k.model);
        plan.notes.push_back(
            "Kept the " + old_type + " key of " + k.model + " and every foreign key to it, and " +
            "added public_id (uuid, unique, filled in for existing rows): now declare "
            "field::uuid(\"public_id\").unique() on " +
            k.model + " instead of " + origin + ", and set it on insert");
        break;
      }
    }
  }
  if (!plan.refused.empty()) {
    plan.notes.clear();
    return plan;
  }

  for (const auto& [app, models] : public_ids) {
    auto it = std::find_if(changes.begin(), changes.end(),
                           [&](const AppChanges& c) { return c.app == app; });
    if (it == changes.end()) it = changes.insert(changes.end(), AppChanges{app, {}, {}});
    for (const auto& key : models) {
      auto ops = public_id_operations(*from.find(key));
      it->operations.insert(it->operations.end(), ops.begin(), ops.end());
    }
  }
  std::erase_if(changes, [](const AppChanges& c) { return c.operations.empty(); });
  if (!public_ids.empty() && changes.size() == 1) {
    const auto& models = public_ids.begin()->second;
    plan.name =
        models.size() == 1 ? lower(model_name(models.front())) + "_public_id" : "public_ids";
  }
  plan.changes = std::move(changes);
  return plan;
}

}  // namespace lectern::migrations
