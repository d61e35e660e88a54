#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace lectern::testing {

namespace {

std::string temp_path(const char* tag) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("lectern-proc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + tag))
      .string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// posix_spawn, not fork: the tests that spawn (pg_ctl in the outage test)
// do it while other threads allocate, and a forked child that allocates
// before exec can wait forever on an allocator lock held by a thread that
// does not exist in the child. posix_spawn runs nothing of ours in the child.
pid_t spawn(const std::vector<std::string>& argv, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_addopen(&actions, 0, in_path.empty() ? "/dev/null" : in_path.c_str(),
                                     O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
  ::posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  ::posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot run " + argv.front() + ": " + std::strerror(rc));
  }
  return pid;
}

int decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

std::string lectern_binary() {
  const char* path = std::getenv("LECTERN_BINARY");
  if (!path || !*path) throw std::runtime_error("LECTERN_BINARY is not set (run through ctest)");
  return path;
}

std::string fixture_binary(const std::string& name) {
  return std::string(LECTERN_FIXTURE_BINARY_DIR) + "/lectern_fixture_" + name;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          std::chrono::seconds deadline) {
  std::string in_path = temp_path(".in"), out_path = temp_path(".out"),
              err_path = temp_path(".err");
  {
    std::ofstream in(in_path, std::ios::binary);
    in << input;
  }
  const pid_t pid = spawn(argv, in_path, out_path, err_path);
  // A child that outlives its deadline is killed and reported, so that a
  // stuck tool fails the test that ran it instead of hanging the suite.
  const auto until = std::chrono::steady_clock::now() + deadline;
  int status = 0;
  bool killed = false;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > until) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ProcessResult result{decode(status), slurp(out_path), slurp(err_path)};
  if (killed) {
    result.err += "\n[killed after " + std::to_string(deadline.count()) + " s: " + argv.front() +
                  " did not finish]";
  }
  std::filesystem::remove(in_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv)
    : out_path_(temp_path(".out")), err_path_(temp_path(".err")) {
  pid_ = spawn(argv, "", out_path_, err_path_);
}

BackgroundProcess::~BackgroundProcess() {
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::filesystem::remove(out_path_);
  std::filesystem::remove(err_path_);
}

std::string BackgroundProcess::wait_for_output(const std::string& needle, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    std::string out = slurp(out_path_);
    if (out.find(needle) != std::string::npos) return out;
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("timed out waiting for \"" + needle + "\"; stdout: " + out +
                               "; stderr: " + slurp(err_path_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void BackgroundProcess::signal(int sig) {
  ::kill(pid_, sig);
}

std::string BackgroundProcess::output() const {
  return "stdout: " + slurp(out_path_) + "\nstderr: " + slurp(err_path_);
}

int BackgroundProcess::wait(int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      return decode(status);
    }
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace lectern::testing
