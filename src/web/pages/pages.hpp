// Every page of the site (../../shared/spec/web.md), on the web plumbing
// and the apps' services: the API's services, never copies of their
// queries. register_pages adds them to a Site; describe_user is the Site's
// WebContext::describe (the banner's name, unread count, theme, language).
#pragma once

#include "apps/routes.hpp"
#include "web/site.hpp"

namespace lectern::web::pages {

void register_pages(Site& site, const apps::AppSettings& settings);

SignedInUser describe_user(db::Connection& db, const api::Actor& actor);

}  // namespace lectern::web::pages
