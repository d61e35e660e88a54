#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "apps/accounts/users.hpp"
#include "cli/context.hpp"

namespace lectern::cli {

namespace {
struct Args {
  std::string username;
  std::string role = std::string(enum_name(api::Role::student));
  std::string email;
  std::string display_name;
  bool password_stdin = false;
};
}  // namespace

void register_createuser(CLI::App& app, Context& context) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("createuser", "Create a user (the password is read from stdin)");
  cmd->add_option("--username", args->username, "3 to 150 letters, digits and . @ + - _")
      ->required();
  cmd->add_option("--role", args->role, "student, instructor or admin")
      ->check(CLI::IsMember(enum_names<api::Role>()))
      ->capture_default_str();
  cmd->add_option("--email", args->email, "Email address (default USERNAME@example.invalid)");
  cmd->add_option("--display-name", args->display_name, "Name shown to others");
  // A password never travels on the command line, where `ps` shows it.
  cmd->add_flag("--password-stdin", args->password_stdin,
                "Read the password (at least 10 characters) from the first line of stdin")
      ->required();
  cmd->callback([&context, args] {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    apps::accounts::NewUser input{
        .username = args->username,
        .email = args->email.empty() ? args->username + "@example.invalid" : args->email,
        .password = password,
        .display_name = args->display_name,
        .role = args->role};
    auto connection = context.database().acquire();
    auto user = apps::accounts::create_user(*connection, input,
                                            apps::accounts::PasswordCost::interactive(), now_utc());
    std::printf("Created %s %s (id %lld).\n", std::string(enum_name(user.role)).c_str(),
                user.username.c_str(), static_cast<long long>(user.id));
  });
}

}  // namespace lectern::cli
