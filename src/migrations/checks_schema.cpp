// The checks over schema states: the declarations' own problems, foreign-key
// types, key types that differ between the files and the declarations, and
// changes no migration holds yet.
#include <algorithm>

#include "core/error.hpp"
#include "migrations/autodetector.hpp"
#include "migrations/checks.hpp"
#include "migrations/operations.hpp"
#include "migrations/type_changes.hpp"

namespace lectern::migrations {

using schema::DeclarationProblem;

namespace {

CheckMessage declaration_message(const DeclarationProblem& p) {
  switch (p.kind) {
    case DeclarationProblem::Kind::kKeyPolicy:
      return {"schema.E001", CheckLevel::kError, p.message,
              "give " + p.model + " the project key (drop the mixin or the field that declares \"" +
                  p.field +
                  "\"), or, if the exception is intended, set key_policy_exception on "
                  "its declaration with the reason"};
    case DeclarationProblem::Kind::kDuplicateField:
      return {"schema.E004", CheckLevel::kError, p.message,
              "declare \"" + p.field +
                  "\" once: a model cannot override a mixin's field, so remove it from the "
                  "model or from one of the mixins"};
    case DeclarationProblem::Kind::kUnknownTarget:
      return {"schema.E005", CheckLevel::kError, p.message,
              "declare and register the target model, or correct the target (\"app.Model\")"};
    case DeclarationProblem::Kind::kMultiplePrimaryKeys:
      return {"schema.E006", CheckLevel::kError, p.message,
              "a model has one primary key: keep one and make the other a unique field"};
    case DeclarationProblem::Kind::kIndexWithoutForeignKey:
      return {"schema.E007", CheckLevel::kError, p.message,
              "remove db_index(false) from \"" + p.field +
                  "\"; to index other fields, declare an index on the model"};
  }
  return {"schema.E001", CheckLevel::kError, p.message, ""};
}

db::ColumnTypeSpec plain(db::ColumnTypeSpec spec) {
  if (spec.type == db::ColumnType::kBigAutoId) spec = {db::ColumnType::kBigInt};
  return spec;
}

}  // namespace

std::vector<CheckMessage> declaration_checks(const schema::ModelRegistry& registry) {
  std::vector<CheckMessage> out;
  for (const auto& p : registry.problems()) out.push_back(declaration_message(p));
  return out;
}

std::vector<CheckMessage> foreign_key_type_checks(const schema::ProjectState& state,
                                                  const std::string& which) {
  std::vector<CheckMessage> out;
  for (const auto& [key, model] : state.models) {
    for (const auto& f : model.fields) {
      if (f.relation == schema::Relation::kNone) continue;
      const schema::ModelState* target = state.find(f.target);
      const schema::FieldSpec* pk = target ? target->primary_key() : nullptr;
      if (!pk) continue;  // an unknown target is schema.E005 (or does not replay)
      db::ColumnTypeSpec expected = plain(pk->type);
      db::ColumnTypeSpec actual = plain(f.type);
      if (actual == expected) continue;
      out.push_back(
          {"schema.E003", CheckLevel::kError,
           "in " + which + ", foreign key " + key + "." + f.name + " (" + model.table + "." +
               f.column + ") is " + postgres_type_name(actual) + " but the key of " + f.target +
               " (\"" + pk->name + "\") is " + postgres_type_name(expected),
           "a foreign key has the type of the key it references: the engine creates the column "
           "as " +
               postgres_type_name(expected) +
               ", so record that (an alter_field of the foreign key; makemigrations writes it) "
               "or change the key back"});
    }
  }
  return out;
}

std::vector<CheckMessage> pending_checks(const MigrationHistory& history,
                                         const schema::ModelRegistry& registry) {
  std::vector<CheckMessage> out;
  const schema::ProjectState declared = registry.state();
  auto key_changes =
      find_key_changes(history.final_state, declared, registry.origins(), history.key_set_by);
  for (const auto& c : key_changes) out.push_back(key_change_message(c));

  std::vector<AppChanges> changes;
  try {
    changes = detect_changes(history.final_state, declared, rename_hints(registry));
  } catch (const ValidationError& e) {
    out.push_back({"migrations.E005", CheckLevel::kError,
                   std::string("the declared models differ from the migration files in a way no "
                               "migration can express: ") +
                       e.what(),
                   "change the declarations in steps the engine can write (see the message)"});
    return out;
  }
  constexpr std::size_t kListed = 8;
  for (const auto& c : changes) {
    std::string list;
    for (std::size_t i = 0; i < c.operations.size() && i < kListed; ++i) {
      if (!list.empty()) list += "; ";
      list += describe(c.operations[i].operation);
    }
    if (c.operations.size() > kListed) {
      list += "; and " + std::to_string(c.operations.size() - kListed) + " more";
    }
    std::string hint = "run `lectern makemigrations " + c.app + "` and review the new file";
    if (!key_changes.empty())
      hint += " (it refuses the key changes of schema.E002 until you choose)";
    out.push_back({"migrations.E005", CheckLevel::kError,
                   "app " + c.app +
                       ": the declared models differ from what its migration files build (a "
                       "migration is missing): " +
                       list,
                   hint});
  }

  // Type changes makemigrations would write that PostgreSQL refuses; keys
  // are schema.E002 above.
  schema::ProjectState state = history.final_state;
  for (const auto& c : changes) {
    for (const auto& entry : c.operations) {
      if (const auto* op = std::get_if<AlterField>(&entry.operation)) {
        auto change = type_change_of(*op, c.app, state);
        if (change && !change->primary_key && postgres_refusal(*change)) {
          out.push_back(unsafe_type_change_message(*change, "not yet in a migration"));
        }
      }
      try {
        state_forwards(entry.operation, c.app, state);
      } catch (const ValidationError&) {
        return out;  // the rest depends on what makemigrations orders; E005 names it
      }
    }
  }
  return out;
}

}  // namespace lectern::migrations
