// Every page of the site (../../shared/spec/web.md), on the web plumbing
// and the apps' services: the API's services, never copies of their
// queries. register_pages adds them to a Site; describe_user is the Site's
// WebContext::describe (the banner's name, unread count, theme, language).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "apps/routes.hpp"
#include "web/site.hpp"

namespace lectern::web::pages {

void register_pages(Site& site, const apps::AppSettings& settings);

SignedInUser describe_user(db::Connection& db, const api::Actor& actor);

// A migration the binary carries or the database has applied, as
// `lectern showmigrations` lists it.
struct MigrationState {
  std::string app;
  std::string name;
  bool applied = false;
};
// The migration state by app, each app's in the order they apply in. Given
// by `serve`, which knows the migration engine (the pages may not).
using MigrationStates = std::function<std::vector<MigrationState>(db::Connection&)>;
// /admin and /admin/users.
void register_admin_pages(Site& site, MigrationStates migrations);

}  // namespace lectern::web::pages
