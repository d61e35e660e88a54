// The checks over the declarations and the state the files build: key
// policy, key type trap, foreign-key types, duplicate fields, unknown
// targets, missing migrations. Each case makes one check fire (or shows a
// project staying quiet) and names what the message must say.
#include <gtest/gtest.h>

#include "checks_fixture.hpp"
#include "migrations/checks.hpp"

namespace lectern::migrations::testing {
namespace {

const Mixin kUuidKey{"UUIDPrimaryKeyMixin", {field::uuid("id").primary_key()}};
const Mixin kCreated{"TimeStampedMixin", {field::timestamp("created_at").default_now()}};
const Mixin kAlsoCreated{"AuditMixin", {field::timestamp("created_at").null()}};

struct Expected {
  std::string code;
  std::vector<std::string> in_message;
  std::string in_hint;
};

struct Case {
  std::string name;
  ModelRegistry registry;
  std::vector<Migration> migrations;
  std::vector<Expected> expected;  // every message, in order
};

ModelRegistry with(std::vector<ModelDeclaration> declarations) {
  ModelRegistry r;
  for (auto& d : declarations) r.add(std::move(d));
  return r;
}

ModelDeclaration uuid_item(bool exception) {
  ModelDeclaration item = item_declaration();
  item.mixins.push_back(&kUuidKey);
  if (exception) item.key_policy_exception = "shared ids";
  return item;
}

std::vector<Case> cases() {
  ModelDeclaration duplicate = item_declaration();
  duplicate.mixins = {&kCreated};
  duplicate.fields.push_back(field::timestamp("created_at"));
  ModelDeclaration two_mixins = item_declaration();
  two_mixins.mixins = {&kCreated, &kAlsoCreated};
  ModelDeclaration unknown = order_declaration();
  unknown.fields.push_back(field::foreign_key("coupon", "shop.Coupon", OnDelete::kSetNull));
  ModelDeclaration two_keys = item_declaration();
  two_keys.fields.push_back(field::big_auto("id").primary_key());
  two_keys.fields.push_back(field::uuid("code").primary_key());
  ModelDeclaration priced = item_declaration();
  priced.fields.push_back(field::integer("price").default_int(0));
  ModelDeclaration unindexed_name = item_declaration();
  unindexed_name.fields.push_back(field::varchar("sku", 20).db_index(false));
  ModelDeclaration numeric_name{.app = "shop", .name = "Item"};
  numeric_name.fields.push_back(field::integer("name"));

  return {
      {"the shop project is quiet", shop_registry(), {shop_initial()}, {}},
      {"schema.E001 names the mixin the key came from",
       with({uuid_item(false)}),
       {migration("shop", "0001_initial", {},
                  "create_model Item table=shop_item\n  field id type=uuid primary_key\n"
                  "  field name type=varchar(100)\nend\n")},
       {{"schema.E001",
         {"shop.Item gets primary key \"id\" of type uuid from UUIDPrimaryKeyMixin"},
         "set key_policy_exception"}}},
      {"schema.E002 names the key's origin, its migration and every foreign key",
       with({uuid_item(true), order_declaration()}),
       {shop_initial()},
       {{"schema.E002",
         {"shop.Item: primary key \"id\" is uuid in the declarations (from UUIDPrimaryKeyMixin) "
          "but bigint in the migration files (shop.0001_initial)",
          "foreign keys to it: shop.Order.item (shop_order.item_id)"},
         "PostgreSQL cannot cast type bigint to uuid"},
        {"migrations.E005",
         {"app shop", "Alter field id on Item", "Alter field item on Order"},
         "refuses the key changes of schema.E002"}}},
      {"schema.E003 in the migration files",
       shop_registry(),
       {migration("shop", "0001_initial", {},
                  "create_model Item table=shop_item\n  field id type=bigauto primary_key\n"
                  "  field name type=varchar(100)\nend\n\ncreate_model Order table=shop_order\n"
                  "  field id type=bigauto primary_key\n  field item type=integer "
                  "relation=foreign_key target=shop.Item on_delete=cascade\nend\n")},
       {{"schema.E003",
         {"in the migration files, foreign key shop.Order.item (shop_order.item_id) is integer "
          "but the key of shop.Item (\"id\") is bigint"},
         "creates the column as bigint"},
        {"migrations.E005", {"Alter field item on Order"}, "makemigrations shop"}}},
      {"schema.E004 names both origins, mixin and model",
       with({duplicate}),
       {},
       {{"schema.E004",
         {"\"created_at\" of shop.Item is declared by both TimeStampedMixin and "
          "shop.Item"},
         "declare \"created_at\" once"},
        {"migrations.E005", {"app shop", "Create model Item"}, "makemigrations shop"}}},
      {"schema.E004 names both mixins",
       with({two_mixins}),
       {},
       {{"schema.E004", {"declared by both TimeStampedMixin and AuditMixin"}, ""},
        {"migrations.E005", {"Create model Item"}, ""}}},
      {"schema.E005 names the undeclared target",
       with({item_declaration(), unknown}),
       {shop_initial()},
       {{"schema.E005",
         {"field \"coupon\" of shop.Order refers to undeclared model shop.Coupon"},
         "declare and register the target model"},
        {"migrations.E005", {"Add field coupon to Order"}, ""}}},
      {"schema.E006 for two primary keys",
       with({two_keys}),
       {},
       {{"schema.E006",
         {"shop.Item declares more than one primary key (id from shop.Item, code"},
         "keep one"},
        {"migrations.E005", {"Create model Item"}, ""}}},
      {"schema.E007 for db_index(false) off a foreign key",
       with({unindexed_name, order_declaration()}),
       {shop_initial()},
       {{"schema.E007",
         {"field \"sku\" of shop.Item declares db_index(false) but is not a foreign key"},
         "remove db_index(false) from \"sku\""},
        {"migrations.E005", {"Add field sku to Item"}, ""}}},
      {"migrations.E005 lists the missing operations",
       with({priced, order_declaration()}),
       {shop_initial()},
       {{"migrations.E005",
         {"app shop: the declared models differ from what its migration files build (a "
          "migration is missing): Add field price to Item"},
         "run `lectern makemigrations shop`"}}},
      {"migrations.E007 for a type change still to be written",
       with({numeric_name, order_declaration()}),
       {shop_initial()},
       {{"migrations.E005", {"Alter field name on Item"}, ""},
        {"migrations.E007",
         {"not yet in a migration: shop.Item.name changes type from varchar(100) to integer: "
          "PostgreSQL has no assignment cast from varchar(100) to integer"},
         "`makemigrations --unsafe-change=convert` writes it"}}},
  };
}

TEST(ChecksSchemaTest, EachCheckFiresAndNamesWhatItMust) {
  for (auto& c : cases()) {
    SCOPED_TRACE(c.name);
    auto messages = run_checks(c.registry, c.migrations);
    ASSERT_EQ(messages.size(), c.expected.size()) << printed(messages);
    for (std::size_t i = 0; i < messages.size(); ++i) {
      const auto& want = c.expected[i];
      EXPECT_EQ(messages[i].code, want.code) << printed(messages);
      EXPECT_EQ(messages[i].level, CheckLevel::kError);
      for (const auto& needle : want.in_message) {
        EXPECT_NE(messages[i].message.find(needle), std::string::npos) << needle << "\n"
                                                                       << printed(messages);
      }
      EXPECT_NE(messages[i].hint.find(want.in_hint), std::string::npos) << printed(messages);
    }
  }
}

TEST(ChecksSchemaTest, ForeignKeyTypesInADeclaredState) {
  // The registry gives foreign keys their target's key type, so a declared
  // state can only disagree when built by other means.
  ProjectState state = shop_registry().state();
  state.models.mutate("shop.Order")->field("item")->type = {db::ColumnType::kUuid};
  auto messages = foreign_key_type_checks(state, "the declared models");
  ASSERT_EQ(codes(messages), std::vector<std::string>{"schema.E003"});
  EXPECT_EQ(messages[0].message,
            "in the declared models, foreign key shop.Order.item (shop_order.item_id) is uuid "
            "but the key of shop.Item (\"id\") is bigint");
  EXPECT_TRUE(foreign_key_type_checks(shop_registry().state(), "x").empty());
}

TEST(ChecksSchemaTest, FormatIsOneLineAndAHintLine) {
  CheckMessage m{"schema.E002", CheckLevel::kError, "what", "do this"};
  EXPECT_EQ(format_message(m), "schema.E002 error: what\n  hint: do this\n");
  m.level = CheckLevel::kWarning;
  EXPECT_EQ(format_message(m), "schema.E002 warning: what\n  hint: do this\n");
}

}  // namespace
}  // namespace lectern::migrations::testing
