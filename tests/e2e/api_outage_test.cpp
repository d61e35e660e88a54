// The real binary while its database is in trouble: a write lock held past
// the statement bound (both backends), and a PostgreSQL server frozen
// (SIGSTOP, as a network partition looks) and then stopped while several
// clients keep sending requests. /api/health answers within a second
// throughout, requests that need the database get 503 database_unavailable
// within the bound, and the same process serves again once the database is
// back.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing::api_path;
using testing::ApiUser;
using testing::has_error;
using testing::HttpClient;
using testing::run_process;

// The bounds `serve` gets in these tests, and what a request may take at
// most while the database is in trouble: waiting for a connection, opening
// one, and one statement with the client's grace, plus slack for a loaded
// machine and a sanitized build.
const std::vector<std::string> kBoundArgs = {"--db-statement-timeout-ms", "1000",
                                             "--db-connect-timeout-ms",   "1000",
                                             "--db-acquire-timeout-ms",   "1000"};
constexpr milliseconds kDatabaseBound{4000};
constexpr milliseconds kHealthBound{1000};

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// ---------------------------------------------------------------------------
// A write lock held by someone else past the statement bound.

class ApiLockTimeoutTest : public testing::ApiTest {
 protected:
  testing::ServeOptions serve_options() const override { return {.args = kBoundArgs}; }
};

TEST_P(ApiLockTimeoutTest, AWriteLockHeldPastTheBoundIs503NotAHang) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor);
  // The token's first use records it (a write); do that before the lock.
  ASSERT_EQ(get("/api/me", student.token).status, 200);

  // Another process's transaction holds the write lock (SQLite) or the
  // enrolment table (PostgreSQL) and does not let go.
  conn().execute_script(GetParam() == db::Backend::kSqlite
                            ? "BEGIN IMMEDIATE"
                            : "BEGIN; LOCK TABLE courses_enrollment IN EXCLUSIVE MODE");
  const auto start = Clock::now();
  auto refused = post(api_path("/api/courses/", course.id, "/enroll"), student.token);
  const auto took = Clock::now() - start;
  EXPECT_TRUE(has_error(refused, 503, "database_unavailable"));
  EXPECT_EQ(refused.header("retry-after"), "1");
  EXPECT_LT(took, kDatabaseBound) << seconds(took) << " s";
  EXPECT_GE(took, milliseconds(900)) << "it waited for the lock first";
  // Reading does not wait for the writer.
  EXPECT_EQ(get("/api/courses").status, 200);
  EXPECT_EQ(get(api_path("/api/courses/", course.id)).status, 200);
  EXPECT_EQ(get("/api/health").status, 200);

  conn().execute_script("ROLLBACK");
  auto enrolled = post(api_path("/api/courses/", course.id, "/enroll"), student.token);
  EXPECT_EQ(enrolled.status, 201) << enrolled.body;
}

LECTERN_INSTANTIATE_BACKENDS(ApiLockTimeoutTest);

// ---------------------------------------------------------------------------
// A PostgreSQL server of the test's own, so that freezing it stops nobody
// else's tests: initdb in a temporary directory (as the postgres user when
// root, since initdb refuses root), on a free port of 127.0.0.1.

std::string postgres_bindir() {
  std::string best;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto bin = entry.path() / "bin";
    if (std::filesystem::exists(bin / "pg_ctl") && bin.string() > best) best = bin.string();
  }
  return best;
}

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class PrivatePostgres {
 public:
  PrivatePostgres() : bindir_(postgres_bindir()), port_(free_port()) {
    if (bindir_.empty()) throw std::runtime_error("no PostgreSQL server binaries");
    char pattern[] = "/tmp/lectern-outage-pg.XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    ::chmod(dir_.c_str(), 0755);
    if (::geteuid() == 0) run({"/usr/bin/chown", "postgres:", dir_}, false);
    run(owner({bindir_ + "/initdb", "-D", dir_ + "/data", "-U", "postgres", "--auth=trust", "-E",
               "UTF8", "--locale=C.UTF-8"}),
        false);
    start();
  }
  ~PrivatePostgres() {
    thaw();
    run(owner({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"}), true);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  std::string url() const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
  }
  void start() {
    run(owner({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/server.log", "-w", "-t",
               "60", "start", "-o",
               "-c listen_addresses=127.0.0.1 -p " + std::to_string(port_) + " -k " + dir_ +
                   " -c fsync=off -c max_connections=100"}),
        false);
  }
  // A fast shutdown: sessions are ended (57P01), new connections refused.
  void stop() {
    run(owner({bindir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "fast", "-w", "stop"}), false);
  }
  // The postmaster and every backend stop running but keep their sockets:
  // connects are accepted by the kernel and nothing ever answers.
  void freeze() {
    frozen_ = processes();
    std::printf("freezing %zu PostgreSQL processes\n", frozen_.size());
    for (pid_t pid : frozen_) ::kill(pid, SIGSTOP);
  }
  void thaw() {
    for (pid_t pid : frozen_) ::kill(pid, SIGCONT);
    frozen_.clear();
  }

 private:
  std::vector<std::string> owner(std::vector<std::string> argv) const {
    if (::geteuid() == 0) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
    return argv;
  }
  void run(const std::vector<std::string>& argv, bool quiet) {
    auto r = run_process(argv);
    if (r.exit_code != 0 && !quiet) {
      throw std::runtime_error(argv.front() + " failed: " + r.out + r.err);
    }
  }
  // The postmaster (postmaster.pid's first line) and its children.
  std::vector<pid_t> processes() const {
    std::ifstream pidfile(dir_ + "/data/postmaster.pid");
    pid_t postmaster = 0;
    pidfile >> postmaster;
    std::vector<pid_t> out;
    if (postmaster <= 0) return out;
    out.push_back(postmaster);
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      std::ifstream stat(entry.path() / "stat");
      std::string text;
      if (!std::getline(stat, text)) continue;
      // pid (comm) state ppid ...: comm may hold spaces, so read after ')'.
      const auto close = text.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream rest(text.substr(close + 1));
      std::string state;
      pid_t parent = 0;
      rest >> state >> parent;
      if (parent == postmaster) out.push_back(std::stoi(entry.path().filename().string()));
    }
    return out;
  }

  std::string bindir_;
  std::uint16_t port_;
  std::string dir_;
  std::vector<pid_t> frozen_;
};

// One answer seen by a client: when its request left, how long it took,
// its status (0: no answer) and error code.
struct Seen {
  Clock::time_point sent;
  Clock::duration took;
  int status = 0;
  std::string code;
  std::string target;
};

class ApiPostgresOutageTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    try {
      postgres_ = std::make_unique<PrivatePostgres>();
    } catch (const std::exception& e) {
      FAIL() << "cannot start a private PostgreSQL: " << e.what();
    }
    // The scratch database of ApiTest lives on the private server.
    const char* shared = std::getenv("LECTERN_TEST_POSTGRES_URL");
    const std::string saved = shared ? shared : "";
    ::setenv("LECTERN_TEST_POSTGRES_URL", postgres_->url().c_str(), 1);
    ApiTest::SetUp();
    if (saved.empty()) {
      ::unsetenv("LECTERN_TEST_POSTGRES_URL");
    } else {
      ::setenv("LECTERN_TEST_POSTGRES_URL", saved.c_str(), 1);
    }
  }
  void TearDown() override {
    stop_load();  // also when the test body threw
    if (postgres_) postgres_->thaw();
    ApiTest::TearDown();
    postgres_.reset();
  }
  testing::ServeOptions serve_options() const override { return {.args = kBoundArgs}; }

  // Clients sending requests in a loop, and one asking /api/health, until stop().
  void start_load(const std::vector<std::pair<std::string, std::string>>& requests,
                  const std::string& token, int clients) {
    for (int c = 0; c < clients; ++c) {
      threads_.emplace_back([this, requests, token, c] {
        HttpClient client("127.0.0.1", server().port());
        for (std::size_t i = c; !stopping_; ++i) {
          const auto& [method, target] = requests[i % requests.size()];
          record(client, method, target, token, db_seen_);
        }
      });
    }
    threads_.emplace_back([this] {
      HttpClient client("127.0.0.1", server().port());
      while (!stopping_) {
        record(client, "GET", "/api/health", "", health_seen_);
        std::this_thread::sleep_for(milliseconds(50));
      }
    });
  }
  void stop_load() {
    stopping_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
  }
  void record(HttpClient& client, const std::string& method, const std::string& target,
              const std::string& token, std::vector<Seen>& into) {
    Seen seen{Clock::now(), {}, 0, {}, target};
    try {
      testing::Headers headers;
      if (!token.empty()) headers["Authorization"] = "Bearer " + token;
      if (method == "POST") headers["Content-Type"] = "application/json";
      auto r = client.request(method, target, method == "POST" ? "{}" : "", headers);
      seen.status = r.status;
      boost::system::error_code ec;
      auto body = json::parse(r.body, ec);
      if (!ec && body.is_object() && body.as_object().contains("error")) {
        seen.code = testing::str(body.at("error").at("code"));
      }
    } catch (const std::exception& e) {
      seen.code = e.what();  // no answer within the client's 10 s, or a closed connection
    }
    seen.took = Clock::now() - seen.sent;
    std::lock_guard lock(mutex_);
    into.push_back(std::move(seen));
  }
  // The answers to requests sent in [from, to).
  std::vector<Seen> sent_between(const std::vector<Seen>& all, Clock::time_point from,
                                 Clock::time_point to) {
    std::lock_guard lock(mutex_);
    std::vector<Seen> out;
    for (const auto& s : all) {
      if (s.sent >= from && s.sent < to) out.push_back(s);
    }
    return out;
  }
  // Waits until a request to the database answers 200 (up to `limit`).
  bool serves_again(const std::string& target, const std::string& token, milliseconds limit) {
    HttpClient client("127.0.0.1", server().port());
    const auto until = Clock::now() + limit;
    while (Clock::now() < until) {
      try {
        if (client.request("GET", target, "", {{"Authorization", "Bearer " + token}}).status ==
            200) {
          return true;
        }
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
    return false;
  }
  // During an outage: health always 200 within a second; every database
  // request 503 database_unavailable within the bound, and some were sent.
  void expect_outage_answers(const char* what, Clock::time_point from, Clock::time_point to) {
    SCOPED_TRACE(what);
    const auto db = sent_between(db_seen_, from, to);
    EXPECT_GE(db.size(), 8u) << "the clients kept sending";
    int refused = 0;
    for (const auto& s : db) {
      const bool unavailable = s.status == 503 && s.code == "database_unavailable";
      refused += unavailable;
      // One still waiting when the database came back may have been served.
      if (s.sent + s.took >= to && s.status == 200) continue;
      EXPECT_TRUE(unavailable) << s.target << ": " << s.status << " " << s.code << " after "
                               << seconds(s.took) << " s, sent " << seconds(s.sent - from)
                               << " s into the outage";
      EXPECT_LT(s.took, kDatabaseBound) << s.target << ": " << seconds(s.took) << " s";
    }
    EXPECT_GT(refused, 0);
    const auto health = sent_between(health_seen_, from, to);
    EXPECT_GE(health.size(), 5u);
    for (const auto& s : health) {
      EXPECT_EQ(s.status, 200) << s.code;
      EXPECT_LT(s.took, kHealthBound) << seconds(s.took) << " s";
    }
  }
  void expect_all_served(const char* what, Clock::time_point from, Clock::time_point to) {
    SCOPED_TRACE(what);
    const auto db = sent_between(db_seen_, from, to);
    EXPECT_GE(db.size(), 8u);
    for (const auto& s : db) {
      if (s.sent + s.took >= to) continue;  // still waiting when the next outage began
      EXPECT_EQ(s.status, 200) << s.target << " " << s.code << ", sent " << seconds(s.sent - from)
                               << " s into the window, answered after " << seconds(s.took) << " s";
    }
  }

  std::unique_ptr<PrivatePostgres> postgres_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::vector<Seen> db_seen_;
  std::vector<Seen> health_seen_;
};

TEST_P(ApiPostgresOutageTest, FrozenThenStoppedDatabaseUnderLoad) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), student.token).status, 201);
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"GET", api_path("/api/courses/", course.id)},
      {"GET", "/api/me/enrollments"},
      {"GET", "/api/courses?page_size=5"},
      {"POST", api_path("/api/lessons/", course.lesson_ids.at(0), "/complete")},
  };
  start_load(requests, student.token, 8);
  std::this_thread::sleep_for(milliseconds(1000));
  postgres_->freeze();
  const auto frozen = Clock::now();
  std::this_thread::sleep_for(milliseconds(500));
  {
    // Readiness says what liveness does not.
    HttpClient probe("127.0.0.1", server().port());
    try {
      auto ready = probe.request("GET", "/api/ready");
      EXPECT_EQ(ready.status, 503) << ready.body;
      EXPECT_NE(ready.body.find("database_unavailable"), std::string::npos) << ready.body;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "GET /api/ready: " << e.what();
    }
  }
  std::this_thread::sleep_for(milliseconds(4000));
  const auto thawed = Clock::now();
  postgres_->thaw();
  EXPECT_TRUE(serves_again("/api/me/enrollments", student.token, milliseconds(5000)))
      << server().output();
  const auto recovered = Clock::now();
  std::this_thread::sleep_for(milliseconds(3500));
  const auto stopped = Clock::now();
  postgres_->stop();
  std::this_thread::sleep_for(milliseconds(3000));
  const auto restarted = Clock::now();
  postgres_->start();
  EXPECT_TRUE(serves_again("/api/me/enrollments", student.token, milliseconds(10000)))
      << server().output();
  const auto recovered_again = Clock::now();
  std::this_thread::sleep_for(milliseconds(3500));
  stop_load();

  // Requests that left just before each change may have been served; from
  // a little after it, the outage decides. After SIGCONT the sessions of the
  // connections given up on during the freeze still hold their row locks
  // until the server notices that their client is gone (at once when idle
  // in a transaction, within client_connection_check_interval, 1 s, inside a
  // statement): a write may meet one and get its 503 at the statement
  // timeout; two seconds later everything is served.
  expect_outage_answers("frozen", frozen + milliseconds(100), thawed);
  expect_all_served("after SIGCONT", recovered + milliseconds(2000), stopped);
  expect_outage_answers("stopped", stopped + milliseconds(1000), restarted);
  expect_all_served("after the restart", recovered_again + milliseconds(2000), Clock::now());
  if (HasFailure()) {
    std::istringstream log(server().output());
    std::string line, warnings;
    while (std::getline(log, line)) {
      if (line.find("level=info") == std::string::npos &&
          line.find("it is tried again") == std::string::npos) {
        warnings += line + "\n";
      }
    }
    ADD_FAILURE() << "the server's warnings, but for refusals while unavailable:\n"
                  << warnings.substr(warnings.size() > 20000 ? warnings.size() - 20000 : 0);
  }
  // Health never failed nor waited, outage or not.
  for (const auto& s : health_seen_) {
    EXPECT_EQ(s.status, 200) << s.code;
    EXPECT_LT(s.took, kHealthBound) << seconds(s.took) << " s";
  }
}

INSTANTIATE_TEST_SUITE_P(Postgres, ApiPostgresOutageTest, ::testing::Values(db::Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace lectern
