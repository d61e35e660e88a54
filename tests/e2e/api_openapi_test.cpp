// GET /api/openapi.json over real HTTP: a valid OpenAPI 3.1 document whose
// every operation is routed (probed with its method), whose every path
// routes no method it does not document (the 405's Allow), whose security
// matches what anonymous callers get (401), and whose schemas are the
// shapes served. (api_contract_test.cpp checks the document against the
// whole table of api.md.)
#include <gtest/gtest.h>

#include <set>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::concrete_path;
using testing::has_error;
using testing::is_routed;
using testing::keys;
using testing::str;

using testing::Keys;

struct Operation {
  std::string method;  // upper case
  std::string path;
  const json::object* spec = nullptr;
};

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::vector<Operation> operations(const json::value& document) {
  std::vector<Operation> out;
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, spec] : item.as_object()) {
      out.push_back({upper(std::string(method)), std::string(path), &spec.as_object()});
    }
  }
  return out;
}

// Whether a documented pattern ("/api/courses/{id}") matches a concrete path.
bool matches(const std::string& pattern, const std::string& path) {
  auto split = [](const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= text.size()) {
      auto end = text.find('/', start);
      if (end == std::string::npos) end = text.size();
      parts.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return parts;
  };
  auto a = split(pattern), b = split(path);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].starts_with('{') && a[i] != b[i]) return false;
  }
  return true;
}

// Every "$ref" under `value`.
void collect_refs(const json::value& value, std::vector<std::string>& out) {
  if (const auto* object = value.if_object()) {
    for (const auto& [key, member] : *object) {
      if (key == "$ref") out.push_back(str(member));
      collect_refs(member, out);
    }
  } else if (const auto* array = value.if_array()) {
    for (const auto& item : *array) collect_refs(item, out);
  }
}

class ApiOpenApiTest : public testing::ApiTest {
 protected:
  json::value document() {
    auto r = get("/api/openapi.json");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json;
  }
};

TEST_P(ApiOpenApiTest, TheDocumentIsOpenApi31) {
  const json::value doc = document();
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_TRUE(doc.at("info").at("title").is_string());
  EXPECT_TRUE(doc.at("info").at("version").is_string());
  EXPECT_EQ(doc.at("components").at("securitySchemes").at("bearer"),
            (json::value{{"type", "http"}, {"scheme", "bearer"}}));
  const auto& schemas = doc.at("components").at("schemas").as_object();

  std::vector<std::string> refs;
  collect_refs(doc, refs);
  ASSERT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    SCOPED_TRACE(ref);
    const std::string prefix = "#/components/schemas/";
    ASSERT_TRUE(ref.starts_with(prefix));
    EXPECT_TRUE(schemas.contains(ref.substr(prefix.size())));
  }

  std::set<std::string> operation_ids;
  const auto ops = operations(doc);
  ASSERT_GE(ops.size(), 30u);
  for (const Operation& op : ops) {
    SCOPED_TRACE(op.method + " " + op.path);
    EXPECT_TRUE(op.path.starts_with("/api/"));
    EXPECT_TRUE(
        std::set<std::string>({"GET", "POST", "PUT", "PATCH", "DELETE"}).contains(op.method));
    EXPECT_FALSE(str(op.spec->at("summary")).empty());
    EXPECT_TRUE(operation_ids.insert(str(op.spec->at("operationId"))).second) << "duplicate id";
    EXPECT_EQ(op.spec->at("tags").as_array().size(), 1u);
    // One success, and every answer described.
    int successes = 0;
    for (const auto& [status, response] : op.spec->at("responses").as_object()) {
      successes += status.starts_with("2");
      EXPECT_TRUE(response.at("description").is_string()) << status;
    }
    EXPECT_EQ(successes, 1);
    // Every {parameter} of the path is a required path parameter.
    std::set<std::string> declared;
    if (const auto* params = op.spec->if_contains("parameters")) {
      for (const auto& p : params->as_array()) {
        if (p.at("in") == "path") {
          EXPECT_EQ(p.at("required"), true);
          declared.insert(str(p.at("name")));
        }
      }
    }
    std::set<std::string> in_path;
    for (auto at = op.path.find('{'); at != std::string::npos; at = op.path.find('{', at + 1)) {
      in_path.insert(op.path.substr(at + 1, op.path.find('}', at) - at - 1));
    }
    EXPECT_EQ(declared, in_path);
  }
}

TEST_P(ApiOpenApiTest, EveryDocumentedOperationIsRoutedAndNothingElseIs) {
  const json::value doc = document();
  const auto ops = operations(doc);
  ASSERT_FALSE(ops.empty());
  for (const Operation& op : ops) {
    SCOPED_TRACE(op.method + " " + op.path);
    // Anonymous and without a body: a handler answers, never the router.
    auto r = request(op.method, concrete_path(op.path));
    EXPECT_TRUE(is_routed(r)) << r.status << " " << r.body;
    // The document says which operations need a token; anonymous callers
    // of those get 401, of the others anything else.
    if (op.spec->contains("security")) {
      EXPECT_TRUE(has_error(r, 401, "not_authenticated"));
    } else {
      EXPECT_NE(r.status, 401) << r.body;
    }
  }
  // Each documented path routes exactly the documented methods: the 405 for
  // a method no route takes lists them all in Allow.
  std::set<std::string> paths;
  for (const Operation& op : ops) paths.insert(op.path);
  for (const auto& pattern : paths) {
    const std::string path = concrete_path(pattern);
    SCOPED_TRACE(path);
    std::set<std::string> documented;
    for (const Operation& op : ops) {
      if (matches(op.path, path)) documented.insert(op.method);
    }
    auto r = request("OPTIONS", path);
    ASSERT_TRUE(has_error(r, 405, "method_not_allowed"));
    std::set<std::string> allowed;
    const std::string allow = r.header("allow");
    for (std::size_t start = 0; start <= allow.size();) {
      auto end = allow.find(", ", start);
      if (end == std::string::npos) end = allow.size();
      allowed.insert(allow.substr(start, end - start));
      start = end + 2;
    }
    EXPECT_EQ(allowed, documented) << allow;
  }
  // And a path the document does not name is not routed.
  EXPECT_FALSE(is_routed(get("/api/undocumented")));
}

TEST_P(ApiOpenApiTest, DocumentedSchemasAreTheShapesServed) {
  const json::value doc = document();
  const auto& schemas = doc.at("components").at("schemas");
  // The benchmark course, key for key and in order; only category and
  // published_at may be null.
  const Keys course_keys = {"id",           "title",        "slug",       "description",
                            "instructor",   "category",     "level",      "price_cents",
                            "is_published", "published_at", "created_at", "updated_at",
                            "stats"};
  const auto& course = schemas.at("Course");
  EXPECT_EQ(keys(course.at("properties")), course_keys);
  Keys required;
  for (const auto& k : course.at("required").as_array()) required.push_back(str(k));
  Keys expected_required = course_keys;
  std::erase(expected_required, "category");
  std::erase(expected_required, "published_at");
  EXPECT_EQ(required, expected_required);
  EXPECT_EQ(keys(course.at("properties").at("stats").at("properties")),
            (Keys{"total_enrollments", "review_count", "average_rating"}));
  EXPECT_EQ(keys(schemas.at("Activity").at("properties")),
            (Keys{"id", "activity_type", "course_id", "lesson_id", "metadata", "created_at"}));
  EXPECT_EQ(keys(schemas.at("Page").at("properties")),
            (Keys{"count", "page", "page_size", "results"}));
  EXPECT_EQ(keys(schemas.at("Error").at("properties").at("error").at("properties")),
            (Keys{"code", "message", "fields"}));

  // The course list: paginated, public, documented with its page parameters.
  const auto& list = doc.at("paths").at("/api/courses").at("get");
  EXPECT_FALSE(list.as_object().contains("security"));
  Keys params;
  for (const auto& p : list.at("parameters").as_array()) params.push_back(str(p.at("name")));
  EXPECT_EQ(params, (Keys{"page", "page_size"}));
  EXPECT_EQ(list.at("responses").at("200").at("content").at("application/json").at("schema"),
            (json::value{{"$ref", "#/components/schemas/Page"}}));
  // Activity takes the benchmark body and answers 201.
  const auto& activity = doc.at("paths").at("/api/activity").at("post");
  EXPECT_TRUE(activity.at("responses").as_object().contains("201"));
  EXPECT_EQ(keys(schemas.at("ActivityRequest").at("properties")),
            (Keys{"activity_type", "course_id", "lesson_id", "metadata"}));
}

LECTERN_INSTANTIATE_BACKENDS(ApiOpenApiTest);

}  // namespace
}  // namespace lectern
