#include "migrations/round_trip.hpp"

#include "migrations/data_snapshot.hpp"
#include "migrations/introspection.hpp"

namespace lectern::migrations {

namespace {

// One migration's round trip; the failure's message, or nullopt.
std::optional<std::string> round_trip_one(MigrationExecutor& executor, db::Connection& connection,
                                          const MigrationKey& key) {
  const MigrateOptions options{.recreate_empty_tables = false};
  // Each value's type must hold it, and the data must survive the round trip
  // exactly, storage classes included.
  auto before = read_live_schema(connection);
  auto data_before = read_data(connection, before);
  executor.migrate({key}, options);
  auto after = read_live_schema(connection);
  if (auto unfit = unfit_values(connection, executor.applied_state()); !unfit.empty()) {
    std::string lines;
    for (const auto& u : unfit) lines += "  " + u + "\n";
    return "leaves values their columns' types cannot hold:\n" + lines;
  }
  // Back to the previous migration of the app (or zero), which unapplies
  // only this one: nothing that depends on it is applied yet.
  std::string previous(kZeroTarget);
  for (const auto& dep : executor.graph().dependencies(key)) {
    if (dep.app == key.app) previous = dep.name;
  }
  executor.migrate({{key.app, previous}}, options);
  auto restored = read_live_schema(connection);
  if (!(restored == before)) {
    return "does not round-trip: unapplying it leaves\n" + diff_schemas(before, restored);
  }
  if (auto diff = diff_data(data_before, read_data(connection, restored)); !diff.empty()) {
    return "does not round-trip its data: unapplying it leaves rows that differ\n" + diff;
  }
  executor.migrate({key}, options);
  // (Not the data: rows a migration inserts get new ids the second time.)
  if (!(read_live_schema(connection) == after)) return "applies differently the second time\n";
  return std::nullopt;
}

}  // namespace

std::optional<RoundTripFailure> round_trip(MigrationExecutor& executor, db::Connection& connection,
                                           const RoundTripProgress& progress) {
  for (const auto& key : executor.graph().full_plan()) {
    if (progress) progress(key, false);
    if (auto failure = round_trip_one(executor, connection, key)) {
      return RoundTripFailure{key, std::move(*failure)};
    }
    if (progress) progress(key, true);
  }
  return std::nullopt;
}

}  // namespace lectern::migrations
