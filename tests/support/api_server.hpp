// API tests over real HTTP: each test gets a scratch database on its backend,
// migrated by `lectern migrate`, served by the real `lectern serve` on a free
// port, and a blocking client whose JSON answers are parsed with Boost.JSON.
// Every answer is checked on the way in: never a 500, and a JSON body with
// `application/json; charset=utf-8` unless it is a 204. One thread per test.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/backends.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace lectern::testing {

using Headers = std::map<std::string, std::string>;
using Keys = std::vector<std::string>;

// {"Authorization": "Bearer <token>"}, or no headers for an empty token.
Headers auth(const std::string& token);

struct ApiResponse {
  int status = 0;
  Headers headers;  // names in lower case
  std::string body;
  boost::json::value json;  // null unless the body is JSON

  // A header's value, or empty.
  std::string header(const std::string& name) const;
  // A member of the JSON object body (throws when absent).
  const boost::json::value& operator[](std::string_view key) const { return json.at(key); }
  std::int64_t id() const { return json.at("id").as_int64(); }
};

// A JSON string's text (std::invalid_argument when not a string).
std::string str(const boost::json::value& v);
// The member names of a JSON object, in the order they were sent.
Keys keys(const boost::json::value& object);
// An answer in the documented error shape {"error": {"code", "message",
// "fields"?}} with this status and code (any code when `code` is empty).
::testing::AssertionResult has_error(const ApiResponse& r, int status, std::string_view code);
// A 422 validation_failed naming exactly these fields.
::testing::AssertionResult has_field_errors(const ApiResponse& r,
                                            const std::set<std::string>& fields);

// Whether an answer came from a route's handler rather than the router,
// which answers 404 "No such endpoint." for an unknown path and 405 for a
// method no route of the path takes.
bool is_routed(const ApiResponse& r);
// "/api/courses/" + id + "/enroll".
std::string api_path(std::string_view prefix, std::int64_t id, std::string_view suffix = "");
// The ids of a list page's results, in order.
std::vector<std::int64_t> ids(const boost::json::value& page);
// The body of POST /api/courses/{id}/assessments for "Quiz 1" (30 minutes,
// `max_attempts`): a single choice worth 2 points ("4" is right, explained
// "Arithmetic."), a multiple choice (primes: "2" and "3", not "4") and a
// short answer ("Paris"), in that order.
boost::json::value quiz_body(std::int64_t max_attempts = 2);
// A documented path with each {parameter} replaced by `value`.
std::string concrete_path(const std::string& pattern, const std::string& value = "1");

struct ServeOptions {
  bool migrate = true;            // run `lectern migrate` before serving
  std::vector<std::string> args;  // extra `serve` options
};

// `lectern serve` on 127.0.0.1 and a free port, stopped with SIGTERM (and
// expected to exit 0) on destruction.
class ApiServer {
 public:
  ApiServer(const std::string& database_url, const std::vector<std::string>& serve_args);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  std::uint16_t port() const { return port_; }
  // The server's stdout and stderr so far, for failure messages.
  std::string output() const { return process_.output(); }

 private:
  BackgroundProcess process_;
  std::uint16_t port_ = 0;
};

// A registered user with a bearer token.
struct ApiUser {
  std::int64_t id = 0;
  std::string username;
  std::string role;
  std::string token;
};

// A course made over HTTP by make_course: its id and its lessons' ids in
// outline order.
struct ApiCourse {
  std::int64_t id = 0;
  std::vector<std::int64_t> module_ids;
  std::vector<std::int64_t> lesson_ids;
};

// The callers of the authorization matrix (anonymous is no token): two
// students, the instructor who owns the courses under test, another
// instructor, and an admin.
struct Cast {
  ApiUser student;
  ApiUser other_student;
  ApiUser instructor;
  ApiUser other_instructor;
  ApiUser admin;

  // The five users in expect_access's order, each with the name failure
  // messages give it.
  std::vector<std::pair<std::string, const ApiUser*>> users() const;
};

// The status each caller expects from one request; 0 leaves a caller out.
struct Access {
  int anonymous = 0;
  int student = 0;
  int other_student = 0;
  int instructor = 0;
  int other_instructor = 0;
  int admin = 0;
};

// The matrix's usual rows. The parts of a published course: its instructor
// and admins change them, anyone else is refused.
inline constexpr Access kEditorsOnly{.anonymous = 401,
                                     .student = 403,
                                     .other_student = 403,
                                     .instructor = 200,
                                     .other_instructor = 403,
                                     .admin = 200};
// A draft and what hangs off it: it does not exist but for its instructor and admins.
inline constexpr Access kDraftEditorsOnly{.anonymous = 401,
                                          .student = 404,
                                          .other_student = 404,
                                          .instructor = 200,
                                          .other_instructor = 404,
                                          .admin = 200};
// What a published course holds for its students: the enrolled student,
// its instructor and admins read it; anyone else must enrol first.
inline constexpr Access kEnrolledReaders{.anonymous = 401,
                                         .student = 200,
                                         .other_student = 403,
                                         .instructor = 200,
                                         .other_instructor = 403,
                                         .admin = 200};
// The student's private data: it does not exist for anyone else, admins included.
inline constexpr Access kStudentAlone{.anonymous = 401,
                                      .student = 200,
                                      .other_student = 404,
                                      .instructor = 404,
                                      .other_instructor = 404,
                                      .admin = 404};
// `access` with the instructor's and the admin's answer set to `status`
// (201 where they create, 0 to leave them out).
constexpr Access editors_answer(Access access, int status) {
  access.instructor = access.admin = status;
  return access;
}

class ApiTest : public BackendTest {
 protected:
  // Every user registered by the helpers has this password.
  static constexpr const char* kPassword = "password-2026";

  void SetUp() override;
  void TearDown() override;
  // How this fixture's server runs (default: migrated, minimal password cost).
  virtual ServeOptions serve_options() const { return {}; }

  ApiServer& server() { return *server_; }
  HttpClient& client() { return *client_; }
  // `lectern migrate` on the scratch database (asserts it exits 0).
  void migrate();

  // One request; the answer is checked (never a 500, JSON unless 204).
  ApiResponse request(const std::string& method, const std::string& target,
                      const std::string& body = "", const Headers& headers = {});
  // Raw bytes on the connection (malformed requests); the answer is checked too.
  ApiResponse raw(const std::string& bytes);
  // Bodies are JSON values; a null body sends none. An empty token is anonymous.
  ApiResponse get(const std::string& target, const std::string& token = "");
  ApiResponse post(const std::string& target, const std::string& token = "",
                   const boost::json::value& body = nullptr);
  ApiResponse patch(const std::string& target, const std::string& token,
                    const boost::json::value& body);
  ApiResponse put(const std::string& target, const std::string& token,
                  const boost::json::value& body);
  ApiResponse del(const std::string& target, const std::string& token);

  // POST /api/auth/register (expects 201); returns the created user.
  ApiResponse register_user(const std::string& username, const std::string& role = "student");
  // POST /api/auth/login with kPassword (expects 200); returns the token.
  std::string login(const std::string& username);
  // register_user + login. An admin cannot self-register: it registers as an
  // instructor and is promoted in the database.
  ApiUser make_user(const std::string& username, const std::string& role = "student");
  // sam and tom (students), ada (instructor), bob (instructor), root (admin).
  Cast make_cast();
  // Sends the request as each caller in Access and checks each status; error
  // answers must have the error shape. The callers expected to be refused go
  // first (anonymous, the students, the other instructor, the instructor, the
  // admin), then in the same order those expected to succeed, so that no
  // refusal is explained by a change that already happened.
  void expect_access(const std::string& method, const std::string& target, const Cast& cast,
                     const Access& expected, const boost::json::value& body = nullptr);
  // For what each user has only one of and nobody else can name (/api/me/...,
  // lists of one's own rows): GET `target` anonymously is 401, and as each
  // user a 200 that `check` finds to be that user's own.
  void expect_own(const std::string& target, const Cast& cast,
                  const std::function<void(const ApiUser&, const ApiResponse&)>& check);
  // A category (there is no endpoint that creates one); returns its id.
  std::int64_t make_category(const std::string& name, const std::string& slug);
  // A course of `owner` with `modules` x `lessons` lessons, published unless told.
  ApiCourse make_course(const ApiUser& owner, bool published = true, int modules = 1,
                        int lessons = 2);
  // quiz_body on `course_id`, created by `owner` and published unless told;
  // returns the author's view.
  boost::json::value make_quiz(const ApiUser& owner, std::int64_t course_id, bool published = true,
                               std::int64_t max_attempts = 2);

 private:
  ApiResponse checked(HttpResult raw, bool expect_body);
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<HttpClient> client_;
  int course_counter_ = 0;
};

// An ApiTest whose tests start with the cast and a published course of the
// instructor (one module of one lesson) that the student is enrolled in.
class ApiCourseTest : public ApiTest {
 protected:
  void SetUp() override;

  Cast cast_;
  std::int64_t course_ = 0;
  std::int64_t lesson_ = 0;
};

}  // namespace lectern::testing
