// The same hostile request gets the same answer on both backends, and never
// a 500 (the fixture checks every answer for that): each hostile query goes
// to every list endpoint, each hostile value into every field of every JSON
// body endpoint, as GET /api/openapi.json lists them, so a new endpoint is
// covered the day it is routed. The expected answers are one table for both
// backends (PostgreSQL once cut text at a NUL and failed on 1e400 and on
// invalid UTF-8 where SQLite stored or answered).
#include <gtest/gtest.h>

#include <set>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::api_path;
using testing::ApiResponse;
using testing::auth;
using testing::has_error;
using testing::str;

struct Operation {
  std::string method;
  std::string pattern;  // as documented, with {parameters}
  std::string target;   // with every parameter an id that exists
  const json::object* operation = nullptr;
};

class ApiHostileInputTest : public testing::ApiCourseTest {
 protected:
  void SetUp() override {
    ApiCourseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto doc = get("/api/openapi.json");
    ASSERT_EQ(doc.status, 200) << doc.body;
    openapi_ = doc.json;
    // Something to name under each kind of id, so that a handler that looks
    // its resource up before reading the body reaches the body.
    const std::string& student = cast_.student.token;
    ids_["courses"] = course_;
    ids_["lessons"] = lesson_;
    auto outline = get(api_path("/api/courses/", course_, "/outline"), student);
    ASSERT_EQ(outline.status, 200) << outline.body;
    ids_["modules"] = outline["modules"].at(0).at("id").as_int64();
    const std::int64_t quiz = make_quiz(cast_.instructor, course_).at("id").as_int64();
    ids_["assessments"] = quiz;
    auto attempt = post(api_path("/api/assessments/", quiz, "/attempts"), student);
    ASSERT_EQ(attempt.status, 201) << attempt.body;
    ids_["attempts"] = attempt.id();
    auto review = post(api_path("/api/courses/", course_, "/reviews"), student, {{"rating", 4}});
    ASSERT_EQ(review.status, 201) << review.body;
    ids_["reviews"] = review.id();
    auto note = post("/api/notes", student, {{"course_id", course_}, {"content", "Mine."}});
    ASSERT_EQ(note.status, 201) << note.body;
    ids_["notes"] = note.id();
    auto bookmark = post("/api/bookmarks", student, {{"course_id", course_}});
    ASSERT_EQ(bookmark.status, 201) << bookmark.body;
    ids_["bookmarks"] = bookmark.id();
  }

  // Every documented operation, its parameters filled with existing ids
  // ("/api/courses/{id}/..." a course's, "/api/.../{aid}/..." the quiz's).
  std::vector<Operation> operations() const {
    std::vector<Operation> out;
    for (const auto& [path, item] : openapi_.at("paths").as_object()) {
      const std::string pattern(path.data(), path.size());
      for (const auto& [method, operation] : item.as_object()) {
        std::string upper(method.data(), method.size());
        for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
        out.push_back({upper, pattern, fill(pattern), &operation.as_object()});
      }
    }
    return out;
  }

  // The schema a "$ref" names, or the schema itself.
  const json::object& resolve(const json::value& schema) const {
    const auto& object = schema.as_object();
    if (const auto* ref = object.if_contains("$ref")) {
      std::string name = str(*ref).substr(std::string("#/components/schemas/").size());
      return openapi_.at("components").at("schemas").at(name).as_object();
    }
    return object;
  }

  static bool is_list(const Operation& op) {
    const auto* params = op.operation->if_contains("parameters");
    if (!params) return false;
    for (const auto& p : params->as_array()) {
      if (p.at("name") == "page" && p.at("in") == "query") return true;
    }
    return false;
  }

  const json::object* request_schema(const Operation& op) const {
    const auto* body = op.operation->if_contains("requestBody");
    if (!body) return nullptr;
    return &resolve(body->at("content").at("application/json").at("schema"));
  }

  const std::string& admin() const { return cast_.admin.token; }

 private:
  std::string fill(const std::string& pattern) const {
    std::string out;
    std::string previous;  // the literal segment before a parameter names its kind
    std::size_t at = 0;
    while (at < pattern.size()) {
      const auto open = pattern.find('{', at);
      if (open == std::string::npos) {
        out += pattern.substr(at);
        break;
      }
      out += pattern.substr(at, open - at);
      const std::string before = pattern.substr(0, open - 1);
      const std::string kind = before.substr(before.rfind('/') + 1);
      auto it = ids_.find(kind);
      out += std::to_string(it == ids_.end() ? 1 : it->second);
      at = pattern.find('}', open) + 1;
    }
    return out;
  }

  json::value openapi_;
  std::map<std::string, std::int64_t> ids_;
};

// The value put into a field of `type` so that the field alone is refused
// (422 naming the field) on both backends; null when the type takes none.
struct HostileValue {
  const char* name;
  const char* type;  // "string", "integer" or "object" (a JSON document)
  const char* json;  // the value as JSON text
};
constexpr HostileValue kHostileValues[] = {
    {"NUL in text", "string", R"("before\u0000after")"},
    {"only a NUL", "string", R"("\u0000")"},
    {"number past double range", "integer", "1e400"},
    {"negative number past double range", "integer", "-1e400"},
    {"number past double range in a document", "object", R"({"n": 1e400})"},
    {"deep number past double range in a document", "object", R"({"a": [{"b": -1e400}]})"},
    {"NUL in a document's text", "object", R"({"s": "a\u0000b"})"},
    {"NUL in a document's key", "object", R"({"a\u0000b": 1})"},
};

// A property's schema without its "oneOf [T, null]" wrappers (a member that
// may be absent or null has two).
const json::object& unwrap(const json::object& schema) {
  if (const auto* one_of = schema.if_contains("oneOf")) {
    for (const auto& option : one_of->as_array()) {
      const auto* type = option.as_object().if_contains("type");
      if (!type || *type != "null") return unwrap(option.as_object());
    }
  }
  return schema;
}

// The type a property's schema takes ("string", "integer", "object" for a
// document, "record" for a nested object, "array", ...).
std::string type_of(const json::object& wrapped) {
  const json::object& schema = unwrap(wrapped);
  if (const auto* type = schema.if_contains("type")) {
    // A document (db::Json) has no properties of its own.
    if (*type == "object" && schema.contains("properties")) return "record";
    return str(*type);
  }
  return "";
}

TEST_P(ApiHostileInputTest, HostileQueriesAre400OnEveryListEndpoint) {
  const char* const kQueries[] = {
      "page=%zz",         "%zz=1",         "search=abc%",          "search=%4",
      "search=%FF%FE",    "search=%C0%AF", "search=%ED%A0%80",     "search=%F4%90%80%80",
      "search=%E2%82",    "search=a%00b",  "page=1&x=%00",         "page=%31%00",
      "category=%E2%82=", "level=%",       "course_id=%ZZ&page=1", "unread=%FF",
  };
  int lists = 0;
  for (const Operation& op : operations()) {
    if (op.method != "GET" || !is_list(op)) continue;
    ++lists;
    SCOPED_TRACE(op.target);
    // The endpoint itself answers a plain page (whatever the caller may see).
    auto plain = get(op.target + "?page=1", admin());
    EXPECT_NE(plain.status, 400) << plain.body;
    for (const char* query : kQueries) {
      SCOPED_TRACE(query);
      EXPECT_TRUE(has_error(get(op.target + "?" + query, admin()), 400, "malformed_request"));
      EXPECT_TRUE(has_error(get(op.target + "?" + query), 400, "malformed_request"));
    }
  }
  EXPECT_GE(lists, 10) << "the list endpoints were not found in /api/openapi.json";
}

TEST_P(ApiHostileInputTest, HostileValuesAre422InEveryFieldOfEveryJsonBody) {
  int fields = 0;
  std::set<std::string> types_seen;
  for (const Operation& op : operations()) {
    const json::object* schema = request_schema(op);
    if (!schema) continue;
    for (const auto& [name, property] : schema->at("properties").as_object()) {
      const std::string field(name.data(), name.size());
      const std::string type = type_of(property.as_object());
      // A list of records: the value goes into each field of its first item.
      std::vector<std::pair<std::string, std::string>> targets;  // (error path, type)
      std::string item_field;
      const json::object& items =
          type == "array" ? unwrap(property.as_object()).at("items").as_object() : json::object();
      if (type == "array" && type_of(items) == "record") {
        for (const auto& [inner, inner_schema] : unwrap(items).at("properties").as_object()) {
          targets.emplace_back(field + "[0]." + std::string(inner.data(), inner.size()),
                               type_of(inner_schema.as_object()));
        }
      } else {
        targets.emplace_back(field, type);
      }
      for (const auto& [path, path_type] : targets) {
        for (const HostileValue& value : kHostileValues) {
          if (path_type != value.type) continue;
          SCOPED_TRACE(op.method + " " + op.target + " " + path + ": " + value.name);
          ++fields;
          types_seen.insert(path_type);
          std::string body;
          if (path == field) {
            body = "{\"" + field + "\": " + value.json + "}";
          } else {
            const std::string inner = path.substr(path.find("].") + 2);
            body = "{\"" + field + "\": [{\"" + inner + "\": " + value.json + "}]}";
          }
          testing::Headers headers = auth(admin());
          headers["Content-Type"] = "application/json";
          ApiResponse r = request(op.method, op.target, body, headers);
          ASSERT_TRUE(has_error(r, 422, "validation_failed")) << body;
          const auto& errors = r["error"].as_object();
          ASSERT_TRUE(errors.contains("fields")) << r.body;
          EXPECT_TRUE(errors.at("fields").as_object().contains(path)) << r.body;
        }
      }
    }
  }
  EXPECT_EQ(types_seen, (std::set<std::string>{"string", "integer", "object"}));
  EXPECT_GE(fields, 50) << "the JSON bodies were not found in /api/openapi.json";
}

// The cases the issue named, spelt out.
TEST_P(ApiHostileInputTest, NamedCasesAnswerAlikeOnBothBackends) {
  const std::string& student = cast_.student.token;
  auto r = request("POST", "/api/activity",
                   R"({"activity_type": "view_course", "metadata": {"x": 1e400}})", auth(student));
  EXPECT_TRUE(testing::has_field_errors(r, {"metadata"}));
  r = request("POST", "/api/notes",
              R"({"course_id": )" + std::to_string(course_) + R"(, "content": "cut\u0000here"})",
              auth(student));
  EXPECT_TRUE(testing::has_field_errors(r, {"content"}));
  EXPECT_EQ(get("/api/notes", student)["count"], 1);  // the one SetUp wrote, nothing more
  EXPECT_TRUE(has_error(get("/api/courses?search=%FF%FE"), 400, "malformed_request"));
  EXPECT_TRUE(has_error(get("/api/courses?page=%zz"), 400, "malformed_request"));
  // Text that is fine: escapes of UTF-8, '+' for a space.
  r = get("/api/courses?search=caf%C3%A9+au+lait");
  EXPECT_EQ(r.status, 200) << r.body;
}

LECTERN_INSTANTIATE_BACKENDS(ApiHostileInputTest);

}  // namespace
}  // namespace lectern
