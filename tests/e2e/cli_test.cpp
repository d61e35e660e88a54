// The real `lectern` binary: exit codes, one-line errors, serve + health +
// clean stop on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

using testing::lectern_binary;
using testing::run_process;

int count_lines(const std::string& text) {
  return int(std::count(text.begin(), text.end(), '\n'));
}

TEST(CliTest, VersionPrintsTheVersion) {
  auto r = run_process({lectern_binary(), "version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^lectern \d+\.\d+\.\d+\n$)"))) << r.out;
}

TEST(CliTest, HelpListsCommands) {
  auto r = run_process({lectern_binary(), "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"serve", "migrate", "version"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
}

TEST(CliTest, UnknownUrlSchemeIsOneLineAndExitCode2) {
  auto r = run_process({lectern_binary(), "--database", "nosuch://x", "migrate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("unsupported database URL scheme \"nosuch\""), std::string::npos) << r.err;
}

TEST(CliTest, UnreachablePostgresIsOneLineAndExitCode3) {
  auto r = run_process(
      {lectern_binary(), "--database", "postgresql://nobody@127.0.0.1:1/none", "migrate"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(count_lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
}

TEST(CliTest, UnknownCommandIsUsageError) {
  // With --help too: the main help and exit 0 would pass a misspelt command
  // for a working one.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"frobnicate"},
        {"frobnicate", "--help"},
        {"--help", "frobnicate"},
        {"nosuchcommand", "-h"},
        {"--database", "sqlite::memory:", "nosuchcommand", "--help"}}) {
    std::vector<std::string> argv = {lectern_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run_process(argv);
    SCOPED_TRACE(::testing::PrintToString(args));
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
  }
  // Help for a command that exists still works.
  auto r = run_process({lectern_binary(), "migrate", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Usage: lectern migrate"), std::string::npos) << r.out;
}

TEST(CliTest, DatabaseUrlComesFromTheEnvironmentToo) {
  ::setenv("LECTERN_DATABASE_URL", "nosuch://from-env", 1);
  auto r = run_process({lectern_binary(), "migrate"});
  ::unsetenv("LECTERN_DATABASE_URL");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"nosuch\""), std::string::npos) << r.err;
}

class ServeTest : public testing::BackendTest {};

TEST_P(ServeTest, ServesHealthAndStopsCleanlyOnSigterm) {
  testing::BackgroundProcess serve(
      {lectern_binary(), "--database", scratch().url(), "serve", "--listen", "127.0.0.1:0"});
  std::string out = serve.wait_for_output("serving on http://");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) << out;
  testing::HttpClient client("127.0.0.1", std::uint16_t(std::stoi(m[1])));
  auto r = client.request("GET", "/api/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  serve.signal(SIGTERM);
  EXPECT_EQ(serve.wait(), 0);
}

LECTERN_INSTANTIATE_BACKENDS(ServeTest);

}  // namespace
}  // namespace lectern
