// The administration pages: /admin (the site in numbers and the migration
// state) and /admin/users (the user list, role changes, (de)activation), on
// the services the admin API calls. Anyone but an admin gets the API's
// answer: 403 (signed out: the login page).
#include "apps/accounts/admin.hpp"
#include "apps/courses/site_counts.hpp"
#include "web/pages/common.hpp"

namespace lectern::web::pages {

namespace {

using apps::accounts::User;

View fact(const std::string& label, std::int64_t n, const Reader& reader) {
  View item{View::type::object};
  item.set("label", label);
  item.set("value", format_count(n, reader));
  return item;
}

http::Response admin_home(PageCall& call, const MigrationStates& migrations) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const auto roles = apps::accounts::count_users_by_role(call.db, actor);
  const auto site = apps::courses::site_counts(call.db, actor);

  View users{View::type::list};
  for (const auto& [role, n] : roles) users.push_back(fact(level_text(role) + "s", n, reader));
  View content{View::type::list};
  content.push_back(fact("Courses", site.courses, reader));
  content.push_back(fact("Published courses", site.published_courses, reader));
  content.push_back(fact("Enrolments", site.enrollments, reader));
  content.push_back(fact("Attempts", site.attempts, reader));

  View app_list{View::type::list};
  std::int64_t pending = 0;
  const auto states = migrations ? migrations(call.db) : std::vector<MigrationState>{};
  // By app, each app's migrations in the order they apply in.
  for (std::size_t i = 0; i < states.size();) {
    const std::string app_name = states[i].app;
    View list{View::type::list};
    for (; i < states.size() && states[i].app == app_name; ++i) {
      View m{View::type::object};
      m.set("name", states[i].name);
      m.set("applied", states[i].applied);
      pending += states[i].applied ? 0 : 1;
      list.push_back(m);
    }
    View app{View::type::object};
    app.set("name", app_name);
    app.set("migrations", list);
    app_list.push_back(app);
  }
  View view{View::type::object};
  view.set("users", users);
  view.set("content", content);
  view.set("apps", app_list);
  view.set("migration_summary",
           pending == 0 ? std::string("Every migration is applied.")
                        : format_count(pending, reader) +
                              (pending == 1 ? " migration is pending" : " migrations are pending") +
                              ": run lectern migrate.");
  return call.render(200, "admin", view, "Administration");
}

std::string users_href(const std::string& search, std::int64_t page) {
  return search_href("/admin/users", search, page);
}

http::Response admin_users(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const Reader reader = call.reader();
  const std::string search = call.query("search").value_or("");
  const std::int64_t page = page_number(call);
  const auto found =
      apps::accounts::list_users(call.db, actor, search, {page, apps::accounts::kUsersPerPage});
  const std::string back = users_href(search, page);
  View rows{View::type::list};
  for (const User& u : found.results) {
    View row{View::type::object};
    row.set("id", std::to_string(u.id));
    row.set("username", u.username);
    row.set("display_name", u.display_name);
    row.set("email", u.email);
    row.set("role", level_text(u.role));
    row.set("active", u.is_active ? std::string("Yes") : std::string("No"));
    row.set("is_active", u.is_active);
    row.set("iso", format_rfc3339(u.created_at));
    row.set("joined", format_date(u.created_at, reader));
    // An admin keeps their own role and access: another admin changes them.
    row.set("self", u.id == actor.user_id);
    row.set("roles", enum_options<api::Role>(enum_name(u.role)));
    rows.push_back(row);
  }
  View view{View::type::object};
  view.set("search", search);
  view.set("users", rows);
  view.set("back", back);
  view.set("count_text",
           found.count == 1 ? std::string("1 user") : format_count(found.count, reader) + " users");
  view.set("pagination_html",
           pagination_html(call.site, page, last_page(found.count, apps::accounts::kUsersPerPage),
                           [&](std::int64_t n) { return users_href(search, n); }));
  return call.render(200, "admin_users", view, "Users");
}

// Back to the list the form was on (its hidden field "back").
http::Response back_to_users(PageCall& call) {
  const std::string back = call.form().text("back");
  return call.redirect(back.starts_with("/admin/users") ? back : "/admin/users");
}

http::Response change_role(PageCall& call) {
  apps::accounts::change_user(call.db, signed_in_actor(call), call.id("id"),
                              {.role = call.form().text("role")}, call.now,
                              call.site.context().api.tokens);
  return back_to_users(call);
}

http::Response set_active(PageCall& call, bool active) {
  apps::accounts::change_user(call.db, signed_in_actor(call), call.id("id"), {.is_active = active},
                              call.now, call.site.context().api.tokens);
  return back_to_users(call);
}

}  // namespace

void register_admin_pages(Site& site, MigrationStates migrations) {
  site.page("GET", "/admin", [migrations](PageCall& call) { return admin_home(call, migrations); });
  site.page("GET", "/admin/users", admin_users);
  site.page("POST", "/admin/users/{id}/role", change_role);
  site.page("POST", "/admin/users/{id}/deactivate",
            [](PageCall& call) { return set_active(call, false); });
  site.page("POST", "/admin/users/{id}/activate",
            [](PageCall& call) { return set_active(call, true); });
}

}  // namespace lectern::web::pages
