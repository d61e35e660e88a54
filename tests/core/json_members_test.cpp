// for_each_json_member and the JSON writer on it: a struct built on another
// shows the base's members first, less the ones it hides, with the ones it
// places moved before their anchor; the order is worked out when it compiles.
#include "core/json_members.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json_writer.hpp"

namespace lectern {
namespace {

struct Row {
  std::int64_t id = 1;
  std::int64_t owner_id = 2;
  std::string title = "t";
  std::int64_t position = 3;
  std::string created_at = "c";
};
BOOST_DESCRIBE_STRUCT(Row, (), (id, owner_id, title, position, created_at))

struct Plain : Row {
  std::int64_t extra = 4;
};
BOOST_DESCRIBE_STRUCT(Plain, (Row), (extra))

struct Shaped : Row {
  std::string owner = "o";
  std::vector<std::int64_t> items{5};
  std::string note = "n";
  static constexpr std::string_view kJsonHidden[] = {"owner_id"};
  // owner takes owner_id's place; items and note go before created_at, in this order.
  static constexpr JsonPlace kJsonPlaces[] = {
      {"owner", "owner_id"}, {"items", "created_at"}, {"note", "created_at"}};
};
BOOST_DESCRIBE_STRUCT(Shaped, (Row), (owner, items, note))

struct Nothing {};
BOOST_DESCRIBE_STRUCT(Nothing, (), ())

template <typename T>
std::vector<std::string> shown() {
  std::vector<std::string> names;
  for_each_json_member<T>([&](auto member) { names.emplace_back(member.name); });
  return names;
}

TEST(JsonMembers, ABaseComesFirstAndOwnMembersFollow) {
  EXPECT_EQ(shown<Row>(),
            (std::vector<std::string>{"id", "owner_id", "title", "position", "created_at"}));
  EXPECT_EQ(shown<Plain>(), (std::vector<std::string>{"id", "owner_id", "title", "position",
                                                      "created_at", "extra"}));
  EXPECT_TRUE(shown<Nothing>().empty());
}

TEST(JsonMembers, HiddenMembersAreLeftOutAndPlacedOnesMoveBeforeTheirAnchor) {
  EXPECT_EQ(shown<Shaped>(), (std::vector<std::string>{"id", "owner", "title", "position", "items",
                                                       "note", "created_at"}));
}

TEST(JsonMembers, TheWriterFollowsTheSameOrder) {
  EXPECT_EQ(to_json(Shaped{}),
            R"({"id":1,"owner":"o","title":"t","position":3,"items":[5],"note":"n",)"
            R"("created_at":"c"})");
  EXPECT_EQ(to_json(Plain{}),
            R"({"id":1,"owner_id":2,"title":"t","position":3,"created_at":"c","extra":4})");
  EXPECT_EQ(to_json(Nothing{}), "{}");
}

// Names that are no member (a renamed column) fail the static_assert in
// shown_order() when such a type is written; here the rule itself.
struct HidesAStranger : Row {
  static constexpr std::string_view kJsonHidden[] = {"owner"};
};
BOOST_DESCRIBE_STRUCT(HidesAStranger, (Row), ())

struct PlacesBeforeAStranger : Row {
  std::string owner;
  static constexpr JsonPlace kJsonPlaces[] = {{"owner", "user_id"}};
};
BOOST_DESCRIBE_STRUCT(PlacesBeforeAStranger, (Row), (owner))

struct PlacesAHiddenMember : Row {
  static constexpr std::string_view kJsonHidden[] = {"title"};
  static constexpr JsonPlace kJsonPlaces[] = {{"title", "id"}};
};
BOOST_DESCRIBE_STRUCT(PlacesAHiddenMember, (Row), ())

TEST(JsonMembers, NamesThatAreNotShownMembersAreRefusedWhenItCompiles) {
  static_assert(detail::json_names_consistent<Shaped>());
  static_assert(!detail::json_names_consistent<HidesAStranger>());
  static_assert(!detail::json_names_consistent<PlacesBeforeAStranger>());
  static_assert(!detail::json_names_consistent<PlacesAHiddenMember>());
  SUCCEED();
}

}  // namespace
}  // namespace lectern
