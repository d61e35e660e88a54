// The same action sent many times at once by one caller, as a double click
// or a retrying client does: an idempotent action (completing a lesson,
// marking a notification read) answers every copy as it answers one, and
// one that may happen once (enrolling) happens once, with the counts right
// afterwards, on both backends.
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::ApiResponse;
using testing::ApiUser;
using testing::has_error;
using testing::HttpClient;
using testing::str;

constexpr int kCopies = 20;

class ApiConcurrencyTest : public testing::ApiTest {
 protected:
  // `copies` requests sent at once, each on its own connection; the answers
  // in no particular order.
  std::vector<ApiResponse> at_once(const std::string& method, const std::string& target,
                                   const std::string& token, int copies = kCopies) {
    std::vector<ApiResponse> answers(copies);
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < copies; ++i) {
      clients.push_back(std::make_unique<HttpClient>("127.0.0.1", server().port()));
      // Connected before the start, so that the requests leave together.
      EXPECT_EQ(clients.back()->request("GET", "/api/health").status, 200);
    }
    std::latch start(copies);
    std::vector<std::thread> threads;
    for (int i = 0; i < copies; ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          auto raw = clients[i]->request(
              method, target, method == "POST" ? "{}" : "",
              {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
          answers[i].status = raw.status;
          answers[i].body = raw.body;
          boost::system::error_code ec;
          answers[i].json = json::parse(raw.body, ec);
        } catch (const std::exception& e) {
          answers[i].body = e.what();  // status 0: no answer
        }
      });
    }
    for (auto& t : threads) t.join();
    return answers;
  }

  static std::map<int, int> statuses(const std::vector<ApiResponse>& answers) {
    std::map<int, int> out;
    for (const auto& a : answers) ++out[a.status];
    return out;
  }
};

TEST_P(ApiConcurrencyTest, CompletingALessonManyTimesAtOnceAnswersEachAsOnce) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor, /*published=*/true, /*modules=*/1, /*lessons=*/2);
  ASSERT_EQ(course.lesson_ids.size(), 2u);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), student.token).status, 201);

  for (std::size_t lesson = 0; lesson < 2; ++lesson) {
    SCOPED_TRACE("lesson " + std::to_string(lesson + 1));
    const auto answers = at_once(
        "POST", api_path("/api/lessons/", course.lesson_ids[lesson], "/complete"), student.token);
    EXPECT_EQ(statuses(answers), (std::map<int, int>{{200, kCopies}}));
    for (const auto& a : answers) {
      if (a.status != 200) {
        ADD_FAILURE() << a.status << " " << a.body;
        continue;
      }
      EXPECT_EQ(a["completed_lessons"], static_cast<std::int64_t>(lesson + 1)) << a.body;
      EXPECT_EQ(a["total_lessons"], 2) << a.body;
      EXPECT_EQ(a["is_completed"], lesson == 1) << a.body;
    }
  }

  // What the completions counted, each once.
  auto progress = get(api_path("/api/courses/", course.id, "/progress"), student.token);
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(progress["completed_lessons"], 2);
  EXPECT_EQ(progress["progress_percent"], 100);
  EXPECT_EQ(progress["is_completed"], true);
  auto mine = get("/api/me/stats", student.token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine["lessons_completed"], 2);
  EXPECT_EQ(mine["courses_completed"], 1);
  EXPECT_EQ(mine["courses_enrolled"], 1);
  auto stats = get(api_path("/api/courses/", course.id, "/stats"), instructor.token);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats["completions"], 1);
  EXPECT_EQ(stats["total_enrollments"], 1);
  // One course completed, one notification.
  auto notes = get("/api/me/notifications", student.token);
  ASSERT_EQ(notes.status, 200) << notes.body;
  EXPECT_EQ(notes["count"], 1) << notes.body;
  // And `lectern recompute-stats` finds nothing the services miscounted.
  auto recount = testing::run_process(
      {testing::lectern_binary(), "--database", scratch().url(), "recompute-stats"});
  EXPECT_EQ(recount.exit_code, 0) << recount.err;
  EXPECT_NE(recount.out.find("; 0 rows changed."), std::string::npos) << recount.out;
}

TEST_P(ApiConcurrencyTest, EnrollingManyTimesAtOnceEnrolsOnce) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor);
  const std::string enroll = api_path("/api/courses/", course.id, "/enroll");
  for (const char* round : {"first enrolment", "enrolling again after dropping"}) {
    SCOPED_TRACE(round);
    const auto answers = at_once("POST", enroll, student.token);
    EXPECT_EQ(statuses(answers), (std::map<int, int>{{201, 1}, {409, kCopies - 1}}));
    for (const auto& a : answers) {
      if (a.status == 409) {
        EXPECT_TRUE(has_error(a, 409, "already_enrolled"));
      }
    }
    // Dropping at once: one drop, the others find nothing active to drop.
    const auto drops = at_once("DELETE", enroll, student.token);
    EXPECT_EQ(statuses(drops), (std::map<int, int>{{200, 1}, {404, kCopies - 1}}));
  }
  auto stats = get(api_path("/api/courses/", course.id, "/stats"), instructor.token);
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats["total_enrollments"], 1);
  EXPECT_EQ(stats["active_enrollments"], 0);
}

TEST_P(ApiConcurrencyTest, MarkingANotificationReadManyTimesAtOnceMarksItOnce) {
  const ApiUser instructor = make_user("ada", "instructor");
  const ApiUser student = make_user("sam");
  const auto course = make_course(instructor, /*published=*/true, 1, 1);
  ASSERT_EQ(post(api_path("/api/courses/", course.id, "/enroll"), student.token).status, 201);
  ASSERT_EQ(
      post(api_path("/api/lessons/", course.lesson_ids.at(0), "/complete"), student.token).status,
      200);
  auto notes = get("/api/me/notifications", student.token);
  ASSERT_EQ(notes["count"], 1) << notes.body;
  const std::int64_t id = notes["results"].at(0).at("id").as_int64();

  const auto answers = at_once("POST", api_path("/api/notifications/", id, "/read"), student.token);
  EXPECT_EQ(statuses(answers), (std::map<int, int>{{200, kCopies}}));
  // Every answer is the one state the notification ended in.
  auto now = get("/api/me/notifications", student.token);
  ASSERT_EQ(now.status, 200);
  const json::value& stored = now["results"].at(0);
  EXPECT_EQ(stored.at("is_read"), true);
  for (const auto& a : answers) {
    if (a.status == 200) {
      EXPECT_EQ(a.json, stored) << a.body;
    }
  }
}

LECTERN_INSTANTIATE_BACKENDS(ApiConcurrencyTest);

}  // namespace
}  // namespace lectern
