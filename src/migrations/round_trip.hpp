// What `lectern testmigrations` does, without the command line: on a
// database with nothing applied, each migration in plan order is applied (its
// values must fit their columns' types), unapplied (schema and data exactly
// as before) and applied again (the schema as the first time). The ALTERs
// run as on tables with rows (no empty-table re-creation), since production
// tables have rows. One connection, one thread.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "migrations/executor.hpp"

namespace lectern::migrations {

// The first migration that does not round-trip, and how: "does not
// round-trip: unapplying it leaves\n<schema diff>", ...
struct RoundTripFailure {
  MigrationKey key;
  std::string message;
};

// Called when a migration's round trip starts (`passed` false) and when it
// has passed (`passed` true).
using RoundTripProgress = std::function<void(const MigrationKey& key, bool passed)>;

// Stops at the first failure; nullopt when every migration round-trips. A
// statement the database refuses throws MigrationRefused (after the
// progress call that started that migration). `connection` is the
// executor's; nothing may be applied yet (the caller checks, before the
// checks it prints).
std::optional<RoundTripFailure> round_trip(MigrationExecutor& executor, db::Connection& connection,
                                           const RoundTripProgress& progress = {});

}  // namespace lectern::migrations
