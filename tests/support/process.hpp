// Runs the real `lectern` binary from tests: to completion (capturing output
// and exit code) or in the background (serve), with cleanup on destruction.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace lectern::testing {

// The lectern binary under test (env LECTERN_BINARY, set by CTest).
std::string lectern_binary();
// A fixture binary (tests/fixtures/<name>): the CLI over the fixture's models.
std::string fixture_binary(const std::string& name);

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv to completion; `input` is written to its stdin. A child still
// running after `deadline` is killed (exit code 128+9, a note on stderr).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          std::chrono::seconds deadline = std::chrono::seconds(300));

class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Waits (up to timeout_ms) until stdout contains `needle`; returns stdout so far.
  std::string wait_for_output(const std::string& needle, int timeout_ms = 15000);
  void signal(int sig);
  // stdout and stderr so far, for failure messages.
  std::string output() const;
  // Waits for exit; returns the exit code (128+signal when killed), -1 on timeout.
  int wait(int timeout_ms = 15000);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
  bool exited_ = false;
};

}  // namespace lectern::testing
