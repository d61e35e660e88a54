// The `lectern` binary: the CLI over the project's declared models.
#include "apps/registry.hpp"
#include "cli/context.hpp"

int main(int argc, char** argv) {
  return lectern::cli::run_cli(argc, argv, &lectern::apps::project_models);
}
