// The checks the commands that change or show a database run first
// (migrate, its --plan, sqlmigrate, testmigrations): the same code and the
// same lines as `lectern check`, scoped to what the command is about to do
// (migrations::plan_checks). Findings are printed as check prints them; any
// error refuses the command with kExitCheckFailed before a statement runs.
#pragma once

#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "cli/context.hpp"
#include "migrations/checks.hpp"
#include "migrations/executor.hpp"

namespace lectern::cli {

// Prints each finding (format_message), every line after `prefix` ("-- "
// for output that is SQL).
void print_findings(const std::vector<migrations::CheckMessage>& findings, std::FILE* out,
                    std::string_view prefix = "");

// Throws CLI::RuntimeError(kExitCheckFailed) after a summary line on stderr
// when `findings` hold an error; `command` names what was refused.
void refuse_on_errors(const std::vector<migrations::CheckMessage>& findings,
                      std::string_view command);

// A migration the database refused, in full: the one-line error, then the
// database's DETAIL and HINT, the statement and what to do, on stderr; exits
// with kExitConflict (the database's state conflicts with the migration).
[[noreturn]] void report_refusal(const migrations::MigrationRefused& refusal);

// The executor over the migration files, kept until exit. When the files do
// not form a valid graph (a cycle, a missing dependency, two leaves, ...),
// prints the findings and refuses instead of throwing the first problem.
migrations::MigrationExecutor& checked_executor(Context& context, db::Connection& connection,
                                                std::string_view command);

}  // namespace lectern::cli
