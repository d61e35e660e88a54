#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/context.hpp"
#include "cli/version.hpp"

namespace lectern::cli {

void register_version(CLI::App& app, Context&) {
  auto* cmd = app.add_subcommand("version", "Print the version of lectern");
  cmd->callback([] { std::printf("lectern %s\n", kVersion); });
}

}  // namespace lectern::cli
