// Described enums in requests and in the OpenAPI document: a body member
// read as an enum, and Validator::choice, refuse a value outside the enum
// with the very 422 body (one wording, not_a_choice); the schema of an enum
// is a string.
#include <gtest/gtest.h>

#include "api/json_body.hpp"
#include "api/openapi.hpp"
#include "api/validation.hpp"
#include "http/message.hpp"

namespace lectern::api {
namespace {

enum class Theme { light, dark, system };
BOOST_DESCRIBE_ENUM(Theme, light, dark, system)

struct Item {
  Theme theme = Theme::light;
};
BOOST_DESCRIBE_STRUCT(Item, (), (theme))

struct Request {
  std::optional<Theme> theme;
  std::vector<Item> items;
};
BOOST_DESCRIBE_STRUCT(Request, (), (theme, items))

// The response the one error mapping gives for what `read` throws.
template <typename F>
http::Response refusal(F read) {
  try {
    read();
  } catch (const std::exception& e) {
    return http::error_response_for(e);
  }
  ADD_FAILURE() << "nothing was refused";
  return {};
}

TEST(DescribedEnumRequest, ReadsEnumeratorsByName) {
  auto r = read_request<Request>(
      JsonBody::parse(R"({"theme": "dark", "items": [{"theme": "system"}, {"theme": "light"}]})"));
  EXPECT_EQ(r.theme, Theme::dark);
  ASSERT_EQ(r.items.size(), 2u);
  EXPECT_EQ(r.items[0].theme, Theme::system);
  EXPECT_EQ(r.items[1].theme, Theme::light);
  EXPECT_EQ(read_request<Request>(JsonBody::parse(R"({"items": []})")).theme, std::nullopt);
}

TEST(DescribedEnumRequest, AnUnknownValueIsTheSame422AsTheValidatorGives) {
  const auto from_body =
      refusal([] { read_request<Request>(JsonBody::parse(R"({"theme": "blue", "items": []})")); });
  const auto from_validator = refusal([] {
    Validator v;
    EXPECT_EQ(v.choice<Theme>("theme", std::string("blue")), std::nullopt);
    v.check();
  });
  EXPECT_EQ(from_body.status, 422);
  EXPECT_EQ(from_body.body, from_validator.body);
  EXPECT_EQ(from_body.body,
            R"({"error":{"code":"validation_failed","message":"The request breaks a rule.",)"
            R"("fields":{"theme":"\"blue\" is not a valid choice (light, dark, system)."}}})");
}

TEST(DescribedEnumRequest, WrongTypesAndNestedMembersAreFieldErrors) {
  try {
    read_request<Request>(JsonBody::parse(R"({"theme": 3, "items": [{"theme": "Dark"}, {}]})"));
    FAIL() << "read a wrong body";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.fields(),
              (FieldErrors{
                  {"theme", "Must be a string."},
                  {"items[0].theme", "\"Dark\" is not a valid choice (light, dark, system)."},
                  {"items[1].theme", "This field is required."},
              }));
  }
}

TEST(DescribedEnumRequest, ValidatorChoiceKeepsCollecting) {
  Validator v;
  EXPECT_EQ(v.choice<Theme>("theme", std::nullopt), std::nullopt);
  EXPECT_EQ(v.choice<Theme>("theme", std::string("system")), Theme::system);
  EXPECT_TRUE(v.ok());
  v.choice<Theme>("a", std::string(""));
  v.text("b", std::string(""), 10, true);
  EXPECT_TRUE(v.has("a"));
  EXPECT_TRUE(v.has("b"));
}

TEST(DescribedEnumRequest, SchemaIsAString) {
  JsonWriter w;
  json_schema_of<Theme>(w);
  EXPECT_EQ(std::move(w).str(), R"({"type":"string"})");
  JsonWriter item;
  json_schema_of<Item>(item);
  EXPECT_EQ(std::move(item).str(),
            R"({"type":"object","properties":{"theme":{"type":"string"}},"required":["theme"]})");
}

}  // namespace
}  // namespace lectern::api
