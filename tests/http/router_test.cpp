#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace lectern::http {
namespace {

Request make(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.target = r.path;
  return r;
}

Router sample_router() {
  Router router;
  router.add("GET", "/api/courses/{id}", [](const Request&, const PathParams& p) {
    return json_response(200, "course " + p.at("id"));
  });
  router.add("POST", "/api/courses/{id}/enroll", [](const Request&, const PathParams& p) {
    return json_response(201, "enrolled " + p.at("id"));
  });
  router.add("GET", "/api/courses",
             [](const Request&, const PathParams&) { return json_response(200, "list"); });
  return router;
}

TEST(RouterTest, DispatchesByMethodAndPattern) {
  Router router = sample_router();
  struct Case {
    const char* method;
    const char* path;
    int status;
    const char* body;
  };
  const Case cases[] = {
      {"GET", "/api/courses/7", 200, "course 7"},
      {"GET", "/api/courses/7/", 200, "course 7"},
      {"POST", "/api/courses/9/enroll", 201, "enrolled 9"},
      {"GET", "/api/courses", 200, "list"},
      {"HEAD", "/api/courses", 200, "list"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.method) + " " + c.path);
    Response r = router.dispatch(make(c.method, c.path));
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.body, c.body);
  }
}

TEST(RouterTest, UnknownPathIsJson404) {
  Response r = sample_router().dispatch(make("GET", "/api/nope"));
  EXPECT_EQ(r.status, 404);
  auto body = boost::json::parse(r.body);
  EXPECT_EQ(body.at("error").at("code").as_string(), "not_found");
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST(RouterTest, KnownPathWithOtherMethodIsJson405WithAllow) {
  Response r = sample_router().dispatch(make("DELETE", "/api/courses/7"));
  EXPECT_EQ(r.status, 405);
  auto body = boost::json::parse(r.body);
  EXPECT_EQ(body.at("error").at("code").as_string(), "method_not_allowed");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  EXPECT_EQ(r.headers[0].second, "GET");
}

TEST(RouterTest, SegmentsAreDecodedAfterTheSplit) {
  Router router = sample_router();
  struct Case {
    const char* path;
    int status;
    const char* body;  // null: any
  };
  const Case cases[] = {
      {"/api/courses/%37", 200, "course 7"},
      {"/api/courses/7%2Fenroll", 200, "course 7/enroll"},  // one segment, the {id}
      {"/api/courses%2F7", 404, nullptr},
      {"/api/%63ourses", 200, "list"},
      {"/api/courses/%zz", 400, nullptr},
      {"/api/courses/7%", 400, nullptr},
      {"/api/courses/%4", 400, nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    Response r = router.dispatch(make("GET", c.path));
    EXPECT_EQ(r.status, c.status);
    if (c.body) {
      EXPECT_EQ(r.body, c.body);
    }
    if (c.status == 400) {
      EXPECT_EQ(boost::json::parse(r.body).at("error").at("code").as_string(), "malformed_request");
    }
  }
}

}  // namespace
}  // namespace lectern::http

namespace lectern::http {
namespace {

TEST(RouterTest, SetNotFoundAnswersUnknownPathsOnAHandlerThread) {
  Router router = sample_router();
  EXPECT_TRUE(router.runs_inline(make("GET", "/nope")));  // the JSON 404 never blocks
  router.set_not_found([](const Request& r, const PathParams&) {
    Response page;
    page.status = 404;
    page.content_type = "text/html; charset=utf-8";
    page.body = "no page at " + r.path;
    return page;
  });
  Response r = router.dispatch(make("GET", "/nope"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "no page at /nope");
  EXPECT_FALSE(router.runs_inline(make("GET", "/nope")));  // it may ask the database
  // A known path with another method is still the router's 405.
  EXPECT_EQ(router.dispatch(make("DELETE", "/api/courses/7")).status, 405);
  EXPECT_EQ(router.dispatch(make("GET", "/api/courses/7")).body, "course 7");
}

}  // namespace
}  // namespace lectern::http
