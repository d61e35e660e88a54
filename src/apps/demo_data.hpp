// The demo data set of `lectern seed-demo`: deterministic (a fixed seed and
// our own generator, so every machine and both backends get the very same
// rows and ids), the size of the Django peer's benchmark seed (50
// instructors, 2000 students, 10 categories, 500 courses of which 400 are
// published, 5 modules x 4 lessons each, 20000 enrolments, 5000 reviews),
// plus lesson progress, assessments with graded attempts, notifications and
// activity. Statistics are then rebuilt by recompute_all, so they agree
// with the rows by construction.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "api/actor.hpp"
#include "apps/accounts/passwords.hpp"
#include "db/connection.hpp"

namespace lectern::apps {

struct DemoLogin {
  std::string username;
  std::string password;
  api::Role role = api::Role::student;
};

struct DemoSummary {
  std::vector<std::pair<std::string, std::int64_t>> rows;  // table label -> rows written
  std::vector<DemoLogin> logins;
};

// The logins the demo data creates (also printed by `make run`).
std::vector<DemoLogin> demo_logins();

// Loads the data set into an empty database (ConflictError "not_empty" when
// users exist) in one transaction. Password hashes are computed once per
// distinct password with `cost` and shared.
DemoSummary load_demo_data(db::Connection& db, accounts::PasswordCost cost);

// Deletes every row of the domain's tables (not the migration history) and
// restarts their ids, in one transaction.
void clear_domain_data(db::Connection& db);

}  // namespace lectern::apps
