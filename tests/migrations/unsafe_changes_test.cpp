// What makemigrations writes for an unsafe change, per --unsafe-change:
// refused with the check's explanation by default; keep, public-id and
// convert each write what their name says, or refuse what they cannot.
#include "migrations/unsafe_changes.hpp"

#include <gtest/gtest.h>

#include "checks_fixture.hpp"
#include "migrations/operations.hpp"

namespace lectern::migrations::testing {
namespace {

const Mixin kUuidKey{"UUIDPrimaryKeyMixin", {field::uuid("id").primary_key()}};

struct Project {
  std::vector<Migration> files;
  ModelRegistry registry;
};

UnsafeChangePlan plan(const Project& p, UnsafeChangeChoice choice) {
  std::vector<const Migration*> order;
  for (const auto& m : p.files) order.push_back(&m);
  ProjectState from = state_after(order);
  auto changes = detect_changes(from, p.registry.state(), rename_hints(p.registry));
  return plan_unsafe_changes(order, from, p.registry, std::move(changes), choice);
}

std::vector<std::string> described(const UnsafeChangePlan& plan) {
  std::vector<std::string> out;
  for (const auto& c : plan.changes) {
    for (const auto& e : c.operations) out.push_back(c.app + ": " + describe(e.operation));
  }
  return out;
}

// shop.Item got a uuid key from a mixin; the files made it bigint.
Project key_trap() {
  ModelDeclaration item = item_declaration();
  item.mixins.push_back(&kUuidKey);
  item.key_policy_exception = "shared ids";
  ModelDeclaration priced = order_declaration();
  priced.fields.push_back(field::integer("quantity").default_int(1));
  ModelRegistry r;
  r.add(item);
  r.add(priced);
  return {{shop_initial()}, std::move(r)};
}

// shop.Item.name declared as `type`, from `was` in the files.
Project name_becomes(db::ColumnTypeSpec type, const std::string& was = "varchar(100)") {
  ModelDeclaration item{.app = "shop", .name = "Item"};
  item.fields.push_back(schema::Field("name", type));
  ModelRegistry r;
  r.add(item);
  r.add(order_declaration());
  std::string initial = kShopInitial;
  initial.replace(initial.find("varchar(100)"), 12, was);
  return {{migration("shop", "0001_initial", {}, initial)}, std::move(r)};
}

TEST(UnsafeChangesTest, RefusedByDefaultWithTheCheckExplanation) {
  auto p = plan(key_trap(), UnsafeChangeChoice::kRefuse);
  ASSERT_EQ(codes(p.refused), std::vector<std::string>{"schema.E002"});
  EXPECT_NE(p.refused[0].message.find("(from UUIDPrimaryKeyMixin)"), std::string::npos);
  EXPECT_TRUE(p.notes.empty());

  auto cast = plan(name_becomes({db::ColumnType::kInteger}), UnsafeChangeChoice::kRefuse);
  ASSERT_EQ(codes(cast.refused), std::vector<std::string>{"migrations.E007"});
  EXPECT_NE(cast.refused[0].message.find("not yet in a migration: shop.Item.name"),
            std::string::npos);
}

TEST(UnsafeChangesTest, KeepLeavesTheKeyAndItsForeignKeysOut) {
  auto p = plan(key_trap(), UnsafeChangeChoice::kKeep);
  EXPECT_TRUE(p.refused.empty());
  EXPECT_EQ(described(p), std::vector<std::string>{"shop: Add field quantity to Order"});
  ASSERT_EQ(p.notes.size(), 1u);
  EXPECT_NE(p.notes[0].find("Kept the bigint key of shop.Item"), std::string::npos);
  EXPECT_NE(p.notes[0].find("remove UUIDPrimaryKeyMixin from shop.Item"), std::string::npos);

  auto cast = plan(name_becomes({db::ColumnType::kInteger}), UnsafeChangeChoice::kKeep);
  EXPECT_TRUE(cast.changes.empty());
  EXPECT_NE(cast.notes.at(0).find("Kept shop.Item.name as varchar(100)"), std::string::npos);
}

TEST(UnsafeChangesTest, PublicIdAddsAFilledInUniqueUuidAndKeepsTheKey) {
  auto p = plan(key_trap(), UnsafeChangeChoice::kPublicId);
  ASSERT_TRUE(p.refused.empty()) << printed(p.refused);
  EXPECT_EQ(described(p), (std::vector<std::string>{
                              "shop: Add field quantity to Order",
                              "shop: Add field public_id to Item",
                              "shop: Raw SQL operation",
                              "shop: Alter field public_id on Item",
                          }));
  EXPECT_EQ(p.name, "item_public_id");
  const auto& ops = p.changes[0].operations;
  const auto& added = std::get<AddField>(ops[1].operation).field;
  EXPECT_TRUE(added.null);
  const auto& sql = std::get<RunSQL>(ops[2].operation);
  EXPECT_EQ(sql.postgres_forward,
            "UPDATE \"shop_item\"\n   SET \"public_id\" = gen_random_uuid()\n"
            " WHERE \"public_id\" IS NULL;");
  EXPECT_NE(sql.sqlite_forward.find("randomblob(4)"), std::string::npos);
  EXPECT_FALSE(sql.postgres_backward.empty()) << "reversible: the column goes with the add_field";
  const auto& made = std::get<AlterField>(ops[3].operation).field;
  EXPECT_EQ(made, FieldSpec(field::uuid("public_id").unique()));

  // Only keys get a public_id.
  auto cast = plan(name_becomes({db::ColumnType::kUuid}), UnsafeChangeChoice::kPublicId);
  ASSERT_EQ(codes(cast.refused), std::vector<std::string>{"migrations.E007"});
  EXPECT_NE(cast.refused[0].hint.find("--unsafe-change=public-id cannot write this one"),
            std::string::npos);
}

TEST(UnsafeChangesTest, ConvertWritesWhatPostgresCanRun) {
  struct Case {
    std::string name;
    Project project;
    std::vector<std::string> refused;
    std::string using_expression;  // of the written alter_field, when one is written
  };
  // A key PostgreSQL converts as written: integer -> bigint.
  Project widened{{migration("shop", "0001_initial", {},
                             "create_model Item table=shop_item\n  field id type=integer "
                             "primary_key\n  field name type=varchar(100)\nend\n")},
                  {}};
  ModelDeclaration item = item_declaration();
  item.fields.insert(item.fields.begin(), field::big_int("id").primary_key());
  item.key_policy_exception = "legacy";
  widened.registry.add(item);
  std::vector<Case> cases;
  cases.push_back({"a key with a cast", std::move(widened), {}, ""});
  cases.push_back({"a key with no cast", key_trap(), {"schema.E002"}, ""});
  cases.push_back(
      {"a cast that needs USING", name_becomes({db::ColumnType::kInteger}), {}, "name::integer"});
  cases.push_back(
      {"no cast at all", name_becomes({db::ColumnType::kUuid}, "date"), {"migrations.E007"}, ""});
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto p = plan(c.project, UnsafeChangeChoice::kConvert);
    ASSERT_EQ(codes(p.refused), c.refused) << printed(p.refused);
    if (!c.refused.empty()) {
      EXPECT_NE(p.refused[0].hint.find("--unsafe-change=convert cannot write this one"),
                std::string::npos);
      continue;
    }
    ASSERT_FALSE(p.changes.empty());
    const auto* alter = std::get_if<AlterField>(&p.changes[0].operations[0].operation);
    ASSERT_NE(alter, nullptr);
    EXPECT_EQ(alter->using_expression, c.using_expression);
    EXPECT_FALSE(p.notes.empty());
  }
}

TEST(UnsafeChangesTest, SafeChangesPassThrough) {
  auto p = plan(name_becomes({db::ColumnType::kText}), UnsafeChangeChoice::kRefuse);
  EXPECT_TRUE(p.refused.empty());
  EXPECT_TRUE(p.notes.empty());
  EXPECT_EQ(described(p), std::vector<std::string>{"shop: Alter field name on Item"});
  EXPECT_EQ(parse_unsafe_change_choice("public-id"), UnsafeChangeChoice::kPublicId);
  EXPECT_EQ(parse_unsafe_change_choice("other"), std::nullopt);
}

}  // namespace
}  // namespace lectern::migrations::testing
