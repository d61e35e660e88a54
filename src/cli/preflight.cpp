#include "cli/preflight.hpp"

#include <CLI/CLI.hpp>
#include <string>

#include "cli/exit_codes.hpp"

namespace lectern::cli {

void print_findings(const std::vector<migrations::CheckMessage>& findings, std::FILE* out,
                    std::string_view prefix) {
  for (const auto& finding : findings) {
    const std::string text = migrations::format_message(finding);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::fprintf(out, "%.*s%.*s\n", int(prefix.size()), prefix.data(), int(end - start),
                   text.data() + start);
      start = end + 1;
    }
  }
  std::fflush(out);
}

void refuse_on_errors(const std::vector<migrations::CheckMessage>& findings,
                      std::string_view command) {
  const std::size_t errors = migrations::count(findings, migrations::CheckLevel::kError);
  if (errors == 0) return;
  std::fprintf(stderr,
               "lectern: error: %.*s refused: the checks found %zu error%s (above); nothing was "
               "changed\n",
               int(command.size()), command.data(), errors, errors == 1 ? "" : "s");
  throw CLI::RuntimeError(kExitCheckFailed);
}

void report_refusal(const migrations::MigrationRefused& refusal) {
  std::printf(" FAILED\n");
  std::fflush(stdout);
  std::fprintf(stderr, "lectern: error: %s\n", refusal.what());
  for (const auto& line : refusal.details()) std::fprintf(stderr, "  %s\n", line.c_str());
  throw CLI::RuntimeError(kExitConflict);
}

migrations::MigrationExecutor& checked_executor(Context& context, db::Connection& connection,
                                                std::string_view command) {
  auto loaded = context.load_migrations();
  if (!loaded.graph().problems().empty()) {
    auto findings = migrations::plan_checks(
        loaded, {.backend = connection.backend(), .connection = &connection, .plan = {}});
    print_findings(findings, stdout);
    refuse_on_errors(findings, command);
  }
  // Validates the graph again: a problem the checks did not refuse throws.
  return Context::keep_until_exit(
      std::make_unique<migrations::MigrationExecutor>(connection, std::move(loaded)));
}

}  // namespace lectern::cli
