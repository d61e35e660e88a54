// The process exit codes of `lectern`, and the one place that maps an error
// to one. Documented in docs/cli.md.
#pragma once

#include <exception>

#include "core/error.hpp"

namespace lectern::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitCheckFailed = 1,  // a check, verification or validation failed
  kExitUsage = 2,        // bad command line or configuration (incl. database URL)
  // The environment, not the command: the database cannot be reached or does
  // not answer in time, its storage is full, read-only or failing, or a tool
  // it needs is missing. Retrying once that is fixed may succeed.
  kExitUnavailable = 3,
  kExitConflict = 4,    // the operation conflicts with the current state
  kExitNotFound = 5,    // a named app, migration or object does not exist
  kExitPermission = 6,  // the credentials or the role do not allow the operation
  kExitInternal = 70,   // a bug or unexpected failure (EX_SOFTWARE)
};

int exit_code_for(ErrorKind kind);

// Prints "lectern: error: <message>" (one line) and returns the exit code.
int report(const std::exception& error);

}  // namespace lectern::cli
