// The real binary on an SQLite database whose disk is full (a small tmpfs,
// filled up): writes answer 503 storage_full, reading still works, with a
// token used for the first time too (its last_used_at is bookkeeping), and
// `seed-demo` exits 3 (the environment), not 70 (a bug). Mounting needs
// root; without it the test skips and says so.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "db/database.hpp"
#include "support/api_server.hpp"

namespace lectern {
namespace {

using testing::api_path;
using testing::ApiUser;
using testing::has_error;
using testing::run_process;

class ApiFullDiskTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root";
    char pattern[] = "/tmp/lectern-full-disk.XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    mount_ = pattern;
    ASSERT_EQ(::mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=16m"), 0)
        << "mount -t tmpfs: " << std::strerror(errno);
    mounted_ = true;
    // The scratch database is made in TMPDIR; SQLite's own temporary files
    // (large sorts) stay in /tmp, as they would on another volume.
    const char* tmpdir = std::getenv("TMPDIR");
    const std::string saved = tmpdir ? tmpdir : "";
    ::setenv("TMPDIR", mount_.c_str(), 1);
    ::setenv("SQLITE_TMPDIR", "/tmp", 1);
    ApiTest::SetUp();
    if (saved.empty()) {
      ::unsetenv("TMPDIR");
    } else {
      ::setenv("TMPDIR", saved.c_str(), 1);
    }
  }
  void TearDown() override {
    ApiTest::TearDown();
    if (mounted_) {
      EXPECT_EQ(::umount2(mount_.c_str(), MNT_DETACH), 0) << std::strerror(errno);
    }
    if (!mount_.empty()) ::rmdir(mount_.c_str());
  }

  // Writes a file until the file system has no room left.
  void fill_disk() {
    const std::string path = mount_ + "/filler";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    std::vector<char> chunk(64 * 1024, 'x');
    std::size_t size = chunk.size();
    while (size > 0) {
      if (::write(fd, chunk.data(), size) < 0) {
        ASSERT_EQ(errno, ENOSPC) << std::strerror(errno);
        size /= 2;  // fill the last pages too
      }
    }
    ::close(fd);
  }
  void free_disk() { std::filesystem::remove(mount_ + "/filler"); }

  std::string mount_;
  bool mounted_ = false;
};

TEST_P(ApiFullDiskTest, WritesAre503StorageFullAndReadsStillWork) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor);
  ASSERT_EQ(get("/api/me", student.token).status, 200);  // this token is recorded as used
  // Tokens made now and first used once the disk is full.
  std::vector<std::string> fresh;
  for (int i = 0; i < 3; ++i) fresh.push_back(login("sam"));
  // A second migrated database on the same disk, for seed-demo.
  const std::string seed_url = "sqlite:///" + mount_ + "/seed.db";
  auto migrated = run_process({testing::lectern_binary(), "--database", seed_url, "migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  // Held open, so that its WAL files stay: seed-demo then opens it fine and
  // runs out of room while loading, not while opening.
  auto seed_db = db::connect(db::parse_database_url(seed_url));
  EXPECT_EQ(seed_db->query("SELECT COUNT(*) FROM accounts_user").front().get<std::int64_t>(0), 0);

  fill_disk();
  if (HasFatalFailure()) return;

  // Writes: 503 with the storage's code, never a 500.
  EXPECT_TRUE(has_error(post(api_path("/api/courses/", course.id, "/enroll"), student.token), 503,
                        "storage_full"));
  EXPECT_TRUE(has_error(put("/api/me/preferences", student.token, {{"theme", "dark"}}), 503,
                        "storage_full"));
  auto refused = post("/api/auth/register", "",
                      {{"username", "newcomer"},
                       {"email", "newcomer@example.com"},
                       {"password", kPassword},
                       {"display_name", "Newcomer"}});
  EXPECT_TRUE(has_error(refused, 503, "storage_full"));
  EXPECT_EQ(refused.header("retry-after"), "1");

  // Reads, with tokens never used before.
  auto me = get("/api/me", fresh[0]);
  EXPECT_EQ(me.status, 200) << me.body;
  auto enrollments = get("/api/me/enrollments", fresh[1]);
  EXPECT_EQ(enrollments.status, 200) << enrollments.body;
  auto detail = get(api_path("/api/courses/", course.id), fresh[2]);
  EXPECT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(get("/api/courses").status, 200);
  EXPECT_EQ(get("/api/health").status, 200);

  // A command: the environment's exit code, and why.
  auto seeded = run_process({testing::lectern_binary(), "--database", seed_url, "seed-demo",
                             "--password-cost", "minimal"});
  EXPECT_EQ(seeded.exit_code, 3) << seeded.out << seeded.err;
  EXPECT_NE(seeded.err.find("full"), std::string::npos) << seeded.err;
  seed_db.reset();

  // Room again: the same process writes again.
  free_disk();
  auto enrolled = post(api_path("/api/courses/", course.id, "/enroll"), student.token);
  EXPECT_EQ(enrolled.status, 201) << enrolled.body;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ApiFullDiskTest, ::testing::Values(db::Backend::kSqlite),
                         testing::backend_name);

}  // namespace
}  // namespace lectern
