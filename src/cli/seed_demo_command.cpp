#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>

#include "apps/demo_data.hpp"
#include "cli/context.hpp"

namespace lectern::cli {

void register_seed_demo(CLI::App& app, Context& context) {
  auto reset = std::make_shared<bool>(false);
  auto if_empty = std::make_shared<bool>(false);
  auto password_cost = std::make_shared<std::string>("interactive");
  auto* cmd = app.add_subcommand(
      "seed-demo", "Load the deterministic demo data set into a migrated, empty database");
  cmd->add_flag("--reset", *reset, "Delete every row of the domain's tables first");
  cmd->add_flag("--if-empty", *if_empty,
                "Load only into a database without users; otherwise just print the logins");
  cmd->add_option("--password-cost", *password_cost,
                  "Argon2id cost of the demo passwords; minimal is for tests only")
      ->check(CLI::IsMember({"interactive", "minimal"}))
      ->capture_default_str();
  cmd->callback([&context, reset, if_empty, password_cost] {
    const auto start = std::chrono::steady_clock::now();
    auto connection = context.database().acquire();
    auto print_logins = [](const std::vector<apps::DemoLogin>& logins) {
      for (const auto& login : logins) {
        std::printf("  %-14s %-22s (%s)\n", login.username.c_str(), login.password.c_str(),
                    std::string(enum_name(login.role)).c_str());
      }
    };
    if (*if_empty && connection->count("SELECT COUNT(*) FROM accounts_user") > 0) {
      std::printf("The database already has data; the demo logins (if it was seeded) are:\n");
      print_logins(apps::demo_logins());
      return;
    }
    if (*reset) apps::clear_domain_data(*connection);
    auto summary = apps::load_demo_data(
        *connection, *password_cost == "minimal" ? apps::accounts::PasswordCost::minimal()
                                                 : apps::accounts::PasswordCost::interactive());
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& [label, n] : summary.rows)
      std::printf("%-20s %8lld\n", label.c_str(), static_cast<long long>(n));
    std::printf("Demo data loaded in %.1f s. Logins:\n", seconds);
    print_logins(summary.logins);
  });
}

}  // namespace lectern::cli
