// validate_input and apply_input: the checks that follow from a declared
// model (required on create, a varchar's length and blankness, an integer's
// bounds, choices) on the members an input has, and its present members
// copied onto the record. No database: the model is declared here.
#include "api/model_input.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "schema/fields.hpp"

namespace lectern::api {
namespace {

using namespace schema;

struct Item {
  static constexpr std::string_view kTable = "shop_item";
  std::int64_t id = 0;
  std::string title;
  std::string note;
  std::string size = "m";
  std::int64_t stock = 0;
  std::int64_t position = 0;
  std::optional<std::int64_t> rating;
  std::optional<std::int64_t> shelf_id;
  bool hidden = false;
};
BOOST_DESCRIBE_STRUCT(Item, (), (id, title, note, size, stock, position, rating, shelf_id, hidden))

struct ItemInput {
  std::optional<std::string> title;
  std::optional<std::string> note;
  std::optional<std::string> size;
  std::optional<std::int64_t> stock;
  std::optional<std::int64_t> position;
  std::optional<std::optional<std::int64_t>> rating;
  std::optional<std::optional<std::int64_t>> shelf_id;
  std::optional<bool> hidden;
};
BOOST_DESCRIBE_STRUCT(ItemInput, (), (title, note, size, stock, position, rating, shelf_id, hidden))

DeclaredModels shop() {
  ModelRegistry registry;
  ModelDeclaration shelf{.app = "shop", .name = "Shelf"};
  shelf.fields = {field::varchar("name", 10)};
  registry.add(std::move(shelf));
  ModelDeclaration item{.app = "shop", .name = "Item"};
  item.fields = {
      field::varchar("title", 5),
      field::text("note").default_text(""),
      field::varchar("size", 2).choices({"s", "m", "l"}).default_text("m"),
      field::integer("stock").min(0).default_int(0),
      field::integer("position").min(0),
      field::small_int("rating").null().min(1).max(5),
      field::foreign_key("shelf", "shop.Shelf", OnDelete::kSetNull).null(),
      field::boolean("hidden").default_bool(false),
  };
  registry.add(std::move(item));
  return DeclaredModels(registry);
}

FieldErrors errors_of(const ItemInput& input, InputMode mode,
                      std::initializer_list<std::string_view> by_hand = {}) {
  Validator v;
  validate_input(shop().of<Item>(), input, mode, v, by_hand);
  try {
    v.check();
  } catch (const ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(ValidateInput, OnCreateAFieldWithoutDefaultOrNullMustBeGiven) {
  EXPECT_EQ(
      errors_of({}, InputMode::kCreate),
      (FieldErrors{{"title", "This field is required."}, {"position", "This field is required."}}));
  EXPECT_EQ(errors_of({}, InputMode::kUpdate), FieldErrors{});
}

TEST(ValidateInput, EachPresentMemberMeetsItsDeclaredField) {
  struct Case {
    std::string name;
    ItemInput input;
    FieldErrors expected;
  };
  const std::vector<Case> cases = {
      {"valid",
       {.title = "Mug",
        .note = "",
        .size = "l",
        .stock = 3,
        .position = 0,
        .rating = std::optional<std::int64_t>{5},
        .hidden = true},
       {}},
      {"a required varchar may not be blank",
       {.title = ""},
       {{"title", "This field may not be blank."}}},
      {"varchar length in code points", {.title = "\xc3\xa9t\xc3\xa9s!"}, {}},
      {"too long", {.title = "Teapot"}, {{"title", "Use at most 5 characters."}}},
      {"text with a default: anything", {.note = std::string(10000, 'x')}, {}},
      {"choices", {.size = "xl"}, {{"size", "\"xl\" is not a valid choice (s, m, l)."}}},
      {"min", {.stock = -1}, {{"stock", "Must be between 0 and 2147483647."}}},
      {"min and max",
       {.rating = std::optional<std::int64_t>{6}},
       {{"rating", "Must be between 1 and 5."}}},
      {"null where the field is nullable", {.rating = std::optional<std::int64_t>{}}, {}},
      {"a relation by its column", {.shelf_id = std::optional<std::int64_t>{-7}}, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(errors_of(c.input, InputMode::kUpdate), c.expected);
  }
}

TEST(ValidateInput, MembersCheckedByHandAreLeftToTheService) {
  EXPECT_EQ(errors_of({.title = ""}, InputMode::kCreate, {"title"}),
            (FieldErrors{{"position", "This field is required."}}));
}

TEST(ValidateInput, AModelOrFieldThatIsNotDeclaredIsABug) {
  EXPECT_THROW(shop().of("shop_nothing"), std::logic_error);
  EXPECT_THROW(detail::input_field(shop().of<Item>(), "colour"), std::logic_error);
}

TEST(ApplyInput, CopiesThePresentMembersOnly) {
  Item item{.id = 9, .title = "Mug", .note = "keep", .stock = 2, .rating = 4, .shelf_id = 3};
  apply_input(
      item,
      ItemInput{
          .title = "Cup", .stock = 0, .rating = std::optional<std::int64_t>{}, .hidden = true});
  EXPECT_EQ(item.id, 9);
  EXPECT_EQ(item.title, "Cup");
  EXPECT_EQ(item.note, "keep");
  EXPECT_EQ(item.size, "m");
  EXPECT_EQ(item.stock, 0);
  EXPECT_EQ(item.rating, std::nullopt);  // given as null
  EXPECT_EQ(item.shelf_id, 3);           // absent
  EXPECT_TRUE(item.hidden);
}

}  // namespace
}  // namespace lectern::api
