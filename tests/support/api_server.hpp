// API tests over real HTTP: each test gets a scratch database on its backend,
// migrated by `lectern migrate`, served by the real `lectern serve` on a free
// port, and a blocking client whose JSON answers are parsed with Boost.JSON.
// Every answer is checked on the way in: never a 500, and a JSON body with
// `application/json; charset=utf-8` unless it is a 204. One thread per test.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
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
std::string api_path(const char* prefix, std::int64_t id, const char* suffix = "");
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
  // Sends the request as each caller in Access (anonymous, the students, the
  // other instructor, then the instructor and the admin, so that refusals
  // come before a change succeeds) and checks each status; error answers
  // must have the error shape.
  void expect_access(const std::string& method, const std::string& target, const Cast& cast,
                     const Access& expected, const boost::json::value& body = nullptr);
  // A category (there is no endpoint that creates one); returns its id.
  std::int64_t make_category(const std::string& name, const std::string& slug);
  // A course of `owner` with `modules` x `lessons` lessons, published unless told.
  ApiCourse make_course(const ApiUser& owner, bool published = true, int modules = 1,
                        int lessons = 2);

 private:
  ApiResponse checked(HttpResult raw, bool expect_body);
  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<HttpClient> client_;
  int course_counter_ = 0;
};

}  // namespace lectern::testing
