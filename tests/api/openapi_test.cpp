// The OpenAPI schema of a response built on a record and the request reader
// on such a struct: both show the members the JSON writer shows, in its
// order (core/json_members.hpp), so a hidden member is never documented or
// read.
#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include "api/json_body.hpp"

namespace lectern::api {
namespace {

struct Row {
  std::int64_t id = 0;
  std::int64_t owner_id = 0;
  std::string title;
  std::optional<std::string> created_at;
};
BOOST_DESCRIBE_STRUCT(Row, (), (id, owner_id, title, created_at))

struct RowOut : Row {
  std::string owner;
  static constexpr std::string_view kJsonHidden[] = {"owner_id"};
  static constexpr JsonPlace kJsonPlaces[] = {{"owner", "owner_id"}};
};
BOOST_DESCRIBE_STRUCT(RowOut, (Row), (owner))

TEST(OpenApiSchema, ShowsInheritedMembersInTheWritersOrderWithoutHiddenOnes) {
  JsonWriter w;
  json_schema_of<RowOut>(w);
  EXPECT_EQ(w.str(), R"({"type":"object","properties":{"id":{"type":"integer","format":"int64"},)"
                     R"("owner":{"type":"string"},"title":{"type":"string"},)"
                     R"("created_at":{"oneOf":[{"type":"string"},{"type":"null"}]}},)"
                     R"("required":["id","owner","title"]})");
}

TEST(JsonBodyRead, ReadsInheritedMembersAndNeverAHiddenOne) {
  RowOut row = read_request<RowOut>(
      JsonBody::parse(R"({"id": 3, "owner_id": 99, "title": "t", "owner": "o"})"));
  EXPECT_EQ(row.id, 3);
  EXPECT_EQ(row.owner_id, 0);
  EXPECT_EQ(row.title, "t");
  EXPECT_EQ(row.owner, "o");
}

}  // namespace
}  // namespace lectern::api
