// make_migrations: what `lectern makemigrations` decides, without the binary.
// Nothing to do, an app's first migration, a change after the leaf, the
// --name and app filters, refused unsafe changes, and the written file
// reading back as what was made.
#include "migrations/makemigrations.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

#include "checks_fixture.hpp"
#include "migrations/operations.hpp"

namespace lectern::migrations::testing {
namespace {

std::vector<std::string> described(const Migration& m) {
  std::vector<std::string> out;
  for (const auto& e : m.operations) out.push_back(describe(e.operation));
  return out;
}

ModelRegistry shop_with_quantity() {
  ModelDeclaration order = order_declaration();
  order.fields.push_back(field::integer("quantity").default_int(1));
  ModelRegistry r;
  r.add(item_declaration());
  r.add(order);
  return r;
}

TEST(MakeMigrations, NothingWhenTheFilesMatchTheDeclarations) {
  auto made = make_migrations(std::vector<Migration>{shop_initial()}, shop_registry(), {});
  EXPECT_TRUE(made.migrations.empty());
  EXPECT_TRUE(made.refused.empty());
  EXPECT_TRUE(made.notes.empty());
}

TEST(MakeMigrations, AnAppsFirstMigrationIsItsInitial) {
  auto made = make_migrations(LoadedMigrations{}, shop_registry(), {});
  ASSERT_EQ(made.migrations.size(), 1u);
  EXPECT_EQ(made.migrations[0].key, (MigrationKey{"shop", "0001_initial"}));
  EXPECT_EQ(described(made.migrations[0]),
            (std::vector<std::string>{"Create model Item", "Create model Order"}));
}

TEST(MakeMigrations, AChangeFollowsItsAppsLeaf) {
  auto made = make_migrations(std::vector<Migration>{shop_initial()}, shop_with_quantity(), {});
  ASSERT_EQ(made.migrations.size(), 1u);
  const Migration& m = made.migrations[0];
  EXPECT_EQ(m.key, (MigrationKey{"shop", "0002_order_quantity"}));
  EXPECT_EQ(m.dependencies, (std::vector<MigrationKey>{{"shop", "0001_initial"}}));
  EXPECT_EQ(described(m), std::vector<std::string>{"Add field quantity to Order"});
}

TEST(MakeMigrations, NameAndAppFilter) {
  auto named = make_migrations(std::vector<Migration>{shop_initial()}, shop_with_quantity(),
                               {.name = "quantities"});
  ASSERT_EQ(named.migrations.size(), 1u);
  EXPECT_EQ(named.migrations[0].key.name, "0002_quantities");

  auto other_app = make_migrations(std::vector<Migration>{shop_initial()}, shop_with_quantity(),
                                   {.apps = {"courses"}});
  EXPECT_TRUE(other_app.migrations.empty());
}

TEST(MakeMigrations, UnsafeChangesAreRefusedUnlessAChoiceIsMade) {
  ModelDeclaration item{.app = "shop", .name = "Item"};
  item.fields.push_back(field::integer("name"));  // varchar(100) in the files
  ModelRegistry registry;
  registry.add(item);
  registry.add(order_declaration());
  const std::vector<Migration> files{shop_initial()};

  auto refused = make_migrations(files, registry, {});
  EXPECT_EQ(codes(refused.refused), std::vector<std::string>{"migrations.E007"});
  EXPECT_TRUE(refused.migrations.empty());

  auto kept = make_migrations(files, registry, {.unsafe_change = UnsafeChangeChoice::kKeep});
  EXPECT_TRUE(kept.refused.empty());
  EXPECT_FALSE(kept.notes.empty());
  EXPECT_TRUE(kept.migrations.empty());
}

TEST(MakeMigrations, AnInvalidGraphIsAGraphError) {
  const std::vector<Migration> files{
      migration("shop", "0002_x", {"shop 0001_initial"}, "delete_model Order\n")};
  EXPECT_THROW(make_migrations(files, shop_registry(), {}), GraphError);
}

TEST(MakeMigrations, TheWrittenFileReadsBackAsMade) {
  char dir_template[] = "/tmp/lectern-makemigrations-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::filesystem::path dir = dir_template;
  auto made = make_migrations(std::vector<Migration>{shop_initial()}, shop_with_quantity(), {});
  ASSERT_EQ(made.migrations.size(), 1u);
  write_migration_file(dir, made.migrations[0]);
  const auto path = migration_path(dir, made.migrations[0].key);
  EXPECT_EQ(path, dir / "shop" / "0002_order_quantity.lmig");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), write_migration(made.migrations[0]));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lectern::migrations::testing
