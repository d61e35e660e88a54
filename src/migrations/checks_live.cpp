// The checks that read the database: its history against the graph (E004),
// applied files edited since (E006), and the rows a
// narrowing type change still to apply would fail on (E009). Catalogue and
// count queries only: values are parameters, identifiers quoted. E009 runs
// on both backends, so SQLite refuses what PostgreSQL would.
#include <algorithm>

#include "core/error.hpp"
#include "db/result.hpp"
#include "migrations/cast_rules.hpp"
#include "migrations/checks.hpp"
#include "migrations/introspection.hpp"
#include "migrations/operations.hpp"
#include "migrations/type_changes.hpp"

namespace lectern::migrations {

namespace {

// The rows of the live table that `change` would fail on; nullopt when it
// cannot fail on data or the column is not there yet.
std::optional<std::int64_t> failing_rows(db::Connection& connection, const TypeChange& change) {
  if (change.cast.kind != CastKind::kAsWritten || !change.cast.may_fail_on_data ||
      !change.using_expression.empty()) {
    return std::nullopt;
  }
  const auto& dialect = connection.dialect();
  auto predicate = failing_rows_predicate(change.from, change.to, dialect.quote(change.column));
  if (!predicate || !introspection_for(connection)->column_exists(change.table, change.column))
    return std::nullopt;
  auto rows = connection.execute(
      "SELECT count(*) FROM " + dialect.quote(change.table) + " WHERE " + predicate->sql,
      predicate->params);
  return rows.front().get<std::int64_t>(0);
}

std::string short_sum(const std::string& checksum) {
  return checksum.substr(0, 12);
}

}  // namespace

std::vector<CheckMessage> live_checks(db::Connection& connection,
                                      const LoadedMigrations& migrations,
                                      const MigrationHistory& history,
                                      const std::map<MigrationKey, AppliedMigration>& applied) {
  std::vector<CheckMessage> out;
  std::set<MigrationKey> done;
  for (const auto& [key, row] : applied) done.insert(key);

  for (const auto& p : migrations.graph().history_problems(done)) {
    out.push_back({"migrations.E004", CheckLevel::kError, p.message,
                   "apply the dependency (`lectern migrate`), or, if its changes are already in "
                   "the database, record it with `lectern migrate <app> <name> --fake`"});
  }

  for (const auto& m : migrations.migrations()) {
    auto it = applied.find(m.key);
    if (it == applied.end() || it->second.checksum.empty()) continue;
    if (it->second.checksum == m.checksum) continue;
    out.push_back({"migrations.E006", CheckLevel::kError,
                   (m.source.empty() ? m.key.str() : m.source) + ": " + m.key.str() +
                       " was applied with checksum " + short_sum(it->second.checksum) +
                       "... but the file now has " + short_sum(m.checksum) +
                       "...; the database will not run the edited version",
                   "restore the file as it was applied (`git log -p` shows it) and put the change "
                   "in a new migration; or, if the edit needs nothing run again (a comment, a "
                   "reformat, a change already made by hand), record the file as it is on purpose: "
                   "`lectern repair " +
                       m.key.app + " " + m.key.name + "`"});
  }

  // The same rows are refused on both backends: PostgreSQL's ALTER fails on
  // them, and the SQLite rebuild refuses them (schema_editor's row guard).
  if (!history.complete) return out;
  // One state, advanced operation by operation through every migration.
  schema::ProjectState state;
  for (const auto& step : history.steps) {
    const Migration& m = *step.migration;
    const bool pending = !done.count(m.key);
    for (const auto& entry : m.operations) {
      const auto* op = std::get_if<AlterField>(&entry.operation);
      if (pending && op && !entry.state_only) {
        auto change = type_change_of(*op, m.key.app, state);
        if (change && !postgres_refusal(*change)) {
          if (auto n = failing_rows(connection, *change); n && *n > 0) {
            out.push_back(
                {"migrations.E009", CheckLevel::kError,
                 operation_location(m, entry) + ": " + change->model + "." + change->field +
                     " changes type from " + postgres_type_name(change->from) + " to " +
                     postgres_type_name(change->to) + ", and " + std::to_string(*n) +
                     " row(s) of " + change->table + "." + change->column +
                     " do not fit: migrate would fail on this database",
                 "fix those rows first (a run_sql before the alter_field), keep " +
                     postgres_type_name(change->from) +
                     ", or convert explicitly with using=\"...\" (an explicit cast truncates or "
                     "rounds instead of failing)",
                 m.key});
          }
        }
      }
      try {
        state_forwards_in_place(entry.operation, m.key.app, state);
      } catch (const ValidationError&) {
        return out;  // replay_migrations reported it (migrations.E008)
      }
    }
  }
  return out;
}

}  // namespace lectern::migrations
