#include "support/api_server.hpp"

#include <signal.h>

#include <stdexcept>

namespace lectern::testing {

namespace json = boost::json;

Headers auth(const std::string& token) {
  if (token.empty()) return {};
  return {{"Authorization", "Bearer " + token}};
}

std::string ApiResponse::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string str(const json::value& v) {
  const json::string& s = v.as_string();
  return std::string(s.data(), s.size());
}

Keys keys(const json::value& object) {
  Keys out;
  if (!object.is_object()) return out;
  for (const auto& member : object.get_object()) out.emplace_back(member.key());
  return out;
}

::testing::AssertionResult has_error(const ApiResponse& r, int status, std::string_view code) {
  auto failure = [&]() {
    return ::testing::AssertionFailure() << "status " << r.status << ", body " << r.body << ": ";
  };
  if (r.status != status) return failure() << "expected status " << status;
  const json::object* outer = r.json.if_object();
  if (!outer || keys(r.json) != std::vector<std::string>{"error"}) {
    return failure() << "the body is not {\"error\": {...}}";
  }
  const json::value& error = outer->at("error");
  auto names = keys(error);
  const bool with_fields = names.size() == 3 && names[2] == "fields";
  if (names.size() < 2 || names[0] != "code" || names[1] != "message" ||
      (names.size() > 2 && !with_fields)) {
    return failure() << "the error is not {code, message, fields?}";
  }
  if (!error.at("code").is_string() || !error.at("message").is_string() ||
      error.at("message").get_string().empty()) {
    return failure() << "code and message must be strings, the message not empty";
  }
  if (with_fields) {
    const json::object* fields = error.at("fields").if_object();
    if (!fields || fields->empty()) return failure() << "fields must be a non-empty object";
    for (const auto& field : *fields) {
      if (!field.value().is_string()) return failure() << "each field must say what is wrong";
    }
  }
  if (!code.empty() && str(error.at("code")) != code) return failure() << "expected code " << code;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult has_field_errors(const ApiResponse& r,
                                            const std::set<std::string>& fields) {
  if (auto shape = has_error(r, 422, "validation_failed"); !shape) return shape;
  std::set<std::string> named;
  if (const auto* f = r.json.at("error").as_object().if_contains("fields")) {
    for (const auto& field : f->as_object()) named.emplace(field.key());
  }
  if (named != fields) {
    return ::testing::AssertionFailure() << "fields named: " << r.body;
  }
  return ::testing::AssertionSuccess();
}

bool is_routed(const ApiResponse& r) {
  if (r.status == 405) return false;
  if (r.status != 404 || !r.json.is_object()) return true;
  const auto* error = r.json.as_object().if_contains("error");
  const auto* message =
      error && error->is_object() ? error->as_object().if_contains("message") : nullptr;
  return !(message && message->is_string() && str(*message) == "No such endpoint.");
}

std::string api_path(std::string_view prefix, std::int64_t id, std::string_view suffix) {
  return std::string(prefix) + std::to_string(id) + std::string(suffix);
}

std::vector<std::int64_t> ids(const json::value& page) {
  std::vector<std::int64_t> out;
  for (const auto& item : page.at("results").as_array()) out.push_back(item.at("id").as_int64());
  return out;
}

json::value quiz_body(std::int64_t max_attempts) {
  return {{"title", "Quiz 1"},
          {"description", "Warm-up"},
          {"passing_score", 60},
          {"time_limit_minutes", 30},
          {"max_attempts", max_attempts},
          {"questions",
           {{{"question_type", "single_choice"},
             {"question_text", "2 + 2?"},
             {"explanation", "Arithmetic."},
             {"points", 2},
             {"position", 1},
             {"answers",
              {{{"answer_text", "4"}, {"is_correct", true}, {"position", 1}},
               {{"answer_text", "5"}, {"is_correct", false}, {"position", 2}}}}},
            {{"question_type", "multiple_choice"},
             {"question_text", "Primes?"},
             {"points", 1},
             {"position", 2},
             {"answers",
              {{{"answer_text", "2"}, {"is_correct", true}, {"position", 1}},
               {{"answer_text", "3"}, {"is_correct", true}, {"position", 2}},
               {{"answer_text", "4"}, {"is_correct", false}, {"position", 3}}}}},
            {{"question_type", "short_answer"},
             {"question_text", "Capital of France?"},
             {"points", 1},
             {"position", 3},
             {"answers", {{{"answer_text", "Paris"}}}}}}}};
}

std::string concrete_path(const std::string& pattern, const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      out += value;
      i = pattern.find('}', i);
      if (i == std::string::npos) break;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

namespace {

std::uint16_t port_from(const std::string& out) {
  const std::string marker = "serving on http://";
  const auto at = out.find(marker);
  const auto colon = at == std::string::npos ? at : out.find(':', at + marker.size());
  if (colon == std::string::npos) {
    throw std::runtime_error("no port in: " + out);
  }
  return static_cast<std::uint16_t>(std::stoul(out.substr(colon + 1)));
}

}  // namespace

ApiServer::ApiServer(const std::string& database_url, const std::vector<std::string>& serve_args)
    : process_([&] {
        std::vector<std::string> argv = {lectern_binary(), "--database", database_url,
                                         "serve",          "--listen",   "127.0.0.1:0"};
        argv.insert(argv.end(), serve_args.begin(), serve_args.end());
        return argv;
      }()) {
  port_ = port_from(process_.wait_for_output("serving on http://"));
}

ApiServer::~ApiServer() {
  process_.signal(SIGTERM);
  const int code = process_.wait();
  EXPECT_EQ(code, 0) << "lectern serve did not stop cleanly\n" << process_.output();
}

void ApiTest::SetUp() {
  BackendTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  const ServeOptions options = serve_options();
  if (options.migrate) {
    migrate();
    if (HasFatalFailure()) return;
  }
  std::vector<std::string> args = {"--password-cost", "minimal"};
  args.insert(args.end(), options.args.begin(), options.args.end());
  server_ = std::make_unique<ApiServer>(scratch().url(), args);
  client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
}

void ApiTest::TearDown() {
  client_.reset();
  server_.reset();
  BackendTest::TearDown();
}

void ApiTest::migrate() {
  auto r = run_process({lectern_binary(), "--database", scratch().url(), "migrate"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
}

ApiResponse ApiTest::request(const std::string& method, const std::string& target,
                             const std::string& body, const Headers& headers) {
  SCOPED_TRACE(method + " " + target);
  return checked(client_->request(method, target, body, headers), method != "HEAD");
}

ApiResponse ApiTest::raw(const std::string& bytes) {
  SCOPED_TRACE(bytes.substr(0, 200));
  return checked(client_->raw(bytes), true);
}

ApiResponse ApiTest::checked(HttpResult raw, bool expect_body) {
  ApiResponse r{raw.status, std::move(raw.headers), std::move(raw.body), nullptr};
  EXPECT_NE(r.status, 500) << r.body << "\n" << server_->output();
  if (r.status != 204 && expect_body) {
    EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8") << r.status;
    boost::system::error_code ec;
    r.json = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << "not JSON: " << r.body;
  } else {
    EXPECT_EQ(r.body, "");
  }
  return r;
}

ApiResponse ApiTest::get(const std::string& target, const std::string& token) {
  return request("GET", target, "", auth(token));
}

namespace {

Headers with_body(const std::string& token, const json::value& body) {
  Headers headers = auth(token);
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  return headers;
}

std::string text(const json::value& body) {
  return body.is_null() ? "" : json::serialize(body);
}

}  // namespace

ApiResponse ApiTest::post(const std::string& target, const std::string& token,
                          const json::value& body) {
  return request("POST", target, text(body), with_body(token, body));
}

ApiResponse ApiTest::patch(const std::string& target, const std::string& token,
                           const json::value& body) {
  return request("PATCH", target, text(body), with_body(token, body));
}

ApiResponse ApiTest::put(const std::string& target, const std::string& token,
                         const json::value& body) {
  return request("PUT", target, text(body), with_body(token, body));
}

ApiResponse ApiTest::del(const std::string& target, const std::string& token) {
  return request("DELETE", target, "", auth(token));
}

ApiResponse ApiTest::register_user(const std::string& username, const std::string& role) {
  auto r = post("/api/auth/register", "",
                {{"username", username},
                 {"email", username + "@example.com"},
                 {"password", kPassword},
                 {"display_name", "User " + username},
                 {"role", role}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r;
}

std::string ApiTest::login(const std::string& username) {
  auto r = post("/api/auth/login", "", {{"username", username}, {"password", kPassword}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return "";
  return str(r["token"]);
}

ApiUser ApiTest::make_user(const std::string& username, const std::string& role) {
  auto created = register_user(username, role == "admin" ? "instructor" : role);
  if (created.status != 201) return {};
  ApiUser user{created.id(), username, role, ""};
  if (role == "admin") {
    conn().query("UPDATE accounts_user SET role = 'admin' WHERE id = $1", user.id);
  }
  user.token = login(username);
  return user;
}

Cast ApiTest::make_cast() {
  return {make_user("sam"), make_user("tom"), make_user("ada", "instructor"),
          make_user("bob", "instructor"), make_user("root", "admin")};
}

std::vector<std::pair<std::string, const ApiUser*>> Cast::users() const {
  return {{"student", &student},
          {"other student", &other_student},
          {"other instructor", &other_instructor},
          {"instructor", &instructor},
          {"admin", &admin}};
}

void ApiTest::expect_access(const std::string& method, const std::string& target, const Cast& cast,
                            const Access& expected, const json::value& body) {
  const int statuses[] = {expected.student, expected.other_student, expected.other_instructor,
                          expected.instructor, expected.admin};
  std::vector<std::pair<std::string, std::pair<int, const ApiUser*>>> callers = {
      {"anonymous", {expected.anonymous, nullptr}}};
  std::size_t i = 0;
  for (const auto& [who, user] : cast.users()) callers.push_back({who, {statuses[i++], user}});
  for (const bool successes : {false, true}) {
    for (const auto& [who, what] : callers) {
      const auto& [status, user] = what;
      if (status == 0 || (status < 400) != successes) continue;
      SCOPED_TRACE(who + ": " + method + " " + target);
      const std::string token = user ? user->token : "";
      auto r = request(method, target, text(body), with_body(token, body));
      if (status >= 400) {
        EXPECT_TRUE(has_error(r, status, ""));
      } else {
        EXPECT_EQ(r.status, status) << r.body;
      }
    }
  }
}

void ApiTest::expect_own(const std::string& target, const Cast& cast,
                         const std::function<void(const ApiUser&, const ApiResponse&)>& check) {
  {
    SCOPED_TRACE("anonymous: GET " + target);
    EXPECT_TRUE(has_error(get(target), 401, "not_authenticated"));
  }
  for (const auto& [who, user] : cast.users()) {
    SCOPED_TRACE(who + ": GET " + target);
    auto r = get(target, user->token);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status == 200) check(*user, r);
  }
}

std::int64_t ApiTest::make_category(const std::string& name, const std::string& slug) {
  auto rows = conn().query("INSERT INTO courses_category (name, slug) VALUES ($1, $2) RETURNING id",
                           name, slug);
  return rows.front().get<std::int64_t>(0);
}

ApiCourse ApiTest::make_course(const ApiUser& owner, bool published, int modules, int lessons) {
  const int n = ++course_counter_;
  ApiCourse course;
  auto created = post("/api/courses", owner.token,
                      {{"title", "Course " + std::to_string(n)},
                       {"description", "What course " + std::to_string(n) + " teaches."},
                       {"level", "beginner"},
                       {"price_cents", 0}});
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201) return course;
  course.id = created.id();
  const std::string base = "/api/courses/" + std::to_string(course.id);
  for (int m = 1; m <= modules; ++m) {
    auto module = post(base + "/modules", owner.token,
                       {{"title", "Module " + std::to_string(m)}, {"position", m}});
    EXPECT_EQ(module.status, 201) << module.body;
    if (module.status != 201) return course;
    course.module_ids.push_back(module.id());
    for (int l = 1; l <= lessons; ++l) {
      auto lesson = post("/api/modules/" + std::to_string(module.id()) + "/lessons", owner.token,
                         {{"title", "Lesson " + std::to_string(m) + "." + std::to_string(l)},
                          {"content", "Text of lesson " + std::to_string(l) + "."},
                          {"duration_minutes", 10},
                          {"position", l},
                          {"is_free_preview", l == 1}});
      EXPECT_EQ(lesson.status, 201) << lesson.body;
      if (lesson.status != 201) return course;
      course.lesson_ids.push_back(lesson.id());
    }
  }
  if (published) {
    auto r = post(base + "/publish", owner.token);
    EXPECT_EQ(r.status, 200) << r.body;
  }
  return course;
}

json::value ApiTest::make_quiz(const ApiUser& owner, std::int64_t course_id, bool published,
                               std::int64_t max_attempts) {
  auto created = post(api_path("/api/courses/", course_id, "/assessments"), owner.token,
                      quiz_body(max_attempts));
  EXPECT_EQ(created.status, 201) << created.body;
  if (created.status != 201 || !published) return created.json;
  auto r = post(api_path("/api/assessments/", created.id(), "/publish"), owner.token);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json;
}

void ApiCourseTest::SetUp() {
  ApiTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  cast_ = make_cast();
  const ApiCourse course = make_course(cast_.instructor, /*published=*/true, 1, 1);
  ASSERT_EQ(course.lesson_ids.size(), 1u);
  course_ = course.id;
  lesson_ = course.lesson_ids.front();
  auto r = post(api_path("/api/courses/", course_, "/enroll"), cast_.student.token);
  ASSERT_EQ(r.status, 201) << r.body;
}

}  // namespace lectern::testing
