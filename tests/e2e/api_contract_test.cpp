// Every endpoint of the contract (/work/shared/spec/api.md, "Resources" and
// "Shapes of the main flows") is routed and documented in
// GET /api/openapi.json. The table below is api.md's, whole; where api.md
// says only "CRUD" (notes, bookmarks) it is read as the services offer it:
// notes and bookmarks are created, listed, read one by one, changed (PATCH,
// as every partial change in api.md; a bookmark's label only) and deleted.
#include <gtest/gtest.h>

#include <set>

#include "support/api_server.hpp"

namespace lectern {
namespace {

namespace json = boost::json;
using testing::concrete_path;
using testing::is_routed;

struct Endpoint {
  const char* method;
  const char* path;  // parameters as {}, whatever the route names them
};

constexpr Endpoint kContract[] = {
    // auth
    {"POST", "/api/auth/register"},
    {"POST", "/api/auth/login"},
    {"POST", "/api/auth/logout"},
    {"GET", "/api/me"},
    // catalogue
    {"GET", "/api/courses"},
    {"GET", "/api/courses/{}"},
    {"GET", "/api/categories"},
    {"GET", "/api/courses/{}/outline"},
    {"GET", "/api/lessons/{}"},
    // authoring (instructor, own courses)
    {"POST", "/api/courses"},
    {"PATCH", "/api/courses/{}"},
    {"DELETE", "/api/courses/{}"},
    {"POST", "/api/courses/{}/publish"},
    {"POST", "/api/courses/{}/modules"},
    {"POST", "/api/modules/{}/lessons"},
    {"POST", "/api/courses/{}/assessments"},
    {"POST", "/api/assessments/{}/publish"},
    {"PATCH", "/api/assessments/{}"},
    // learning (student)
    {"POST", "/api/courses/{}/enroll"},
    {"GET", "/api/me/enrollments"},
    {"POST", "/api/lessons/{}/complete"},
    {"GET", "/api/courses/{}/progress"},
    // assessments
    {"GET", "/api/assessments/{}"},
    {"POST", "/api/assessments/{}/attempts"},
    {"POST", "/api/attempts/{}/submit"},
    {"GET", "/api/attempts/{}"},
    {"GET", "/api/me/attempts"},
    // reviews
    {"GET", "/api/courses/{}/reviews"},
    {"POST", "/api/courses/{}/reviews"},
    {"PATCH", "/api/reviews/{}"},
    {"DELETE", "/api/reviews/{}"},
    // notes (own only)
    {"GET", "/api/notes"},
    {"POST", "/api/notes"},
    {"GET", "/api/notes/{}"},
    {"PATCH", "/api/notes/{}"},
    {"DELETE", "/api/notes/{}"},
    // bookmarks (own only)
    {"GET", "/api/bookmarks"},
    {"POST", "/api/bookmarks"},
    {"GET", "/api/bookmarks/{}"},
    {"PATCH", "/api/bookmarks/{}"},
    {"DELETE", "/api/bookmarks/{}"},
    // preferences
    {"GET", "/api/me/preferences"},
    {"PUT", "/api/me/preferences"},
    // activity
    {"POST", "/api/activity"},
    {"GET", "/api/me/activity"},
    // stats
    {"GET", "/api/courses/{}/stats"},
    {"GET", "/api/me/stats"},
    {"GET", "/api/courses/{}/stats/weekly"},
    // notifications
    {"GET", "/api/me/notifications"},
    {"POST", "/api/notifications/{}/read"},
    {"POST", "/api/notifications/read-all"},
    // instructor portal
    {"GET", "/api/instructor/courses"},
    {"GET", "/api/instructor/courses/{}/students"},
    {"GET", "/api/instructor/courses/{}/assessments/{}/results"},
    {"GET", "/api/instructor/courses/{}/assessments/{}/outcome"},
    {"GET", "/api/instructor/profile"},
    {"PUT", "/api/instructor/profile"},
    {"POST", "/api/courses/{}/announcements"},
    {"GET", "/api/courses/{}/students.csv"},
    {"GET", "/api/instructor/courses/{}/assessments/{}/results.csv"},
    // operations
    {"GET", "/api/health"},
    {"GET", "/api/ready"},
    {"GET", "/api/openapi.json"},
};

// "/api/courses/{id}" -> "/api/courses/{}": parameter names do not matter.
std::string unnamed(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    out += pattern[i];
    if (pattern[i] == '{') {
      i = pattern.find('}', i) - 1;
    }
  }
  return out;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class ApiContractTest : public testing::ApiTest {};

TEST_P(ApiContractTest, EveryEndpointOfTheContractIsRouted) {
  auto r = get("/api/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::pair<std::string, std::string>> documented;  // (method, unnamed path)
  for (const auto& [path, item] : r["paths"].as_object()) {
    for (const auto& [method, spec] : item.as_object()) {
      documented.emplace(std::string(method.data(), method.size()),
                         unnamed(std::string(path.data(), path.size())));
    }
  }
  for (const Endpoint& e : kContract) {
    SCOPED_TRACE(std::string(e.method) + " " + e.path);
    auto answer = request(e.method, concrete_path(e.path));
    EXPECT_TRUE(is_routed(answer)) << answer.status << " " << answer.body;
    EXPECT_TRUE(documented.contains({lower(e.method), e.path})) << "not in /api/openapi.json";
  }
}

LECTERN_INSTANTIATE_BACKENDS(ApiContractTest);

}  // namespace
}  // namespace lectern
