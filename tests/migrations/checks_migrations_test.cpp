// The checks over the migration files: the graph (cycle, missing
// dependency, two leaves), operations that do not replay, type changes
// PostgreSQL refuses, and the warnings for dangerous changes with their
// acknowledgements and scope. The project's declarations follow the files in
// every case (operation_checks alone), so only the file checks speak.
#include <gtest/gtest.h>

#include "checks_fixture.hpp"
#include "migrations/checks.hpp"

namespace lectern::migrations::testing {
namespace {

// The checks over files alone, for a project with these migrations.
std::vector<CheckMessage> file_checks(const std::vector<Migration>& files,
                                      db::Backend backend = db::Backend::kPostgres,
                                      const std::set<MigrationKey>& applied = {}) {
  const LoadedMigrations loaded(files);
  MigrationHistory history = replay_migrations(loaded);
  std::vector<CheckMessage> out = history.problems;
  auto ops = operation_checks(history, applied, backend);
  out.insert(out.end(), ops.begin(), ops.end());
  return out;
}

Migration second(const std::string& body, const std::string& name = "0002_change") {
  return migration("shop", name, {"shop 0001_initial"}, body);
}

// Graph problems. In the drawings "->" reads "depends on".
TEST(ChecksMigrationsTest, GraphProblems) {
  struct Case {
    std::string name;
    std::vector<Migration> files;
    std::string code;
    std::string message;
    std::string in_hint;
  };
  const std::vector<Case> cases = {
      // a.0001_x -> b.0001_y -> a.0001_x
      {"a cycle is printed",
       {migration("a", "0001_x", {"b 0001_y"}, ""), migration("b", "0001_y", {"a 0001_x"}, "")},
       "migrations.E001",
       "dependency cycle: a.0001_x -> b.0001_y -> a.0001_x",
       "drop one of its `depends` lines"},
      // shop.0002_change -> accounts.0001_initial (missing)
      {"a missing dependency",
       {shop_initial(),
        migration("shop", "0002_change", {"shop 0001_initial", "accounts 0001_initial"}, "")},
       "migrations.E002",
       "shop.0002_change depends on accounts.0001_initial, which does not exist",
       "restore the missing migration file"},
      // 0002_a -> 0001_initial <- 0002_b
      {"two leaves suggest a merge migration",
       {shop_initial(), second("", "0002_a"), second("", "0002_b")},
       "migrations.E003",
       "app shop has 2 leaf migrations (0002_a, 0002_b)",
       "(migrations/shop/0003_merge.lmig: depends shop 0002_a; depends shop 0002_b)"},
      {"an operation that does not replay",
       {shop_initial(), second("remove_field Item name=price\n")},
       "migrations.E008",
       "shop.0002_change (migrations/shop/0002_change.lmig:5): Remove field price from Item",
       "does not apply"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto messages = file_checks(c.files);
    ASSERT_EQ(codes(messages), std::vector<std::string>{c.code}) << printed(messages);
    EXPECT_NE(messages[0].message.find(c.message), std::string::npos) << printed(messages);
    EXPECT_NE(messages[0].hint.find(c.in_hint), std::string::npos) << printed(messages);
  }
}

TEST(ChecksMigrationsTest, OperationChecks) {
  struct Case {
    std::string name;
    std::string body;  // of shop.0002_change, after shop.0001_initial
    std::vector<std::string> codes;
    std::string message;  // of the first
    std::string in_hint;
  };
  const std::string alter_name = "alter_field Item\n  field name type=integer\nend\n";
  const std::vector<Case> cases = {
      {"E007: a cast that needs USING",
       alter_name,
       {"migrations.E007"},
       "shop.0002_change (migrations/shop/0002_change.lmig:5): shop.Item.name changes type from "
       "varchar(100) to integer: PostgreSQL has no assignment cast from varchar(100) to integer, "
       "so ALTER COLUMN TYPE fails without USING",
       "alter_field Item using=\"name::integer\""},
      {"with USING it applies, and rewrites the table",
       "alter_field Item using=\"name::integer\"\n  field name type=integer\nend\n",
       {"migrations.W002"},
       "shop.Item.name changes type from varchar(100) to integer, which rewrites shop_item",
       "acknowledge migrations.W002"},
      {"E007: no cast, on a key with a foreign key to it",
       "alter_field Item\n  field id type=uuid primary_key\nend\n",
       {"migrations.E007"},
       "shop.Item.id changes type from bigint to uuid: PostgreSQL cannot cast type bigint to "
       "uuid (no cast exists); foreign keys to it: shop.Order.item (shop_order.item_id)",
       "alter_field Item using=\"<expression of id>\" sqlite_using=\"<the same for SQLite>\" "
       "(each foreign-key column is converted by the same expressions"},
      {"USING on a key converts its foreign keys too: no E007, the rewrite warned",
       "alter_field Item using=\"gen_random_uuid()\"\n  field id type=uuid primary_key\nend\n",
       {"migrations.W002"},
       "shop.Item.id changes type from bigint to uuid, which rewrites shop_item, shop_order under",
       ""},
      {"W001: NOT NULL without a default on an existing table",
       "add_field Item\n  field sku type=varchar(20)\nend\n",
       {"migrations.W001"},
       "adds NOT NULL column shop_item.sku without a default",
       "give it a default"},
      {"W001 is quiet with a default or null",
       "add_field Item\n  field sku type=varchar(20) default=\"\"\nend\n\nadd_field Item\n"
       "  field note type=text null\nend\n",
       {},
       "",
       ""},
      {"W001 and W004 are quiet on a table made in the same migration",
       "create_model Tag table=shop_tag\n  field id type=bigauto primary_key\nend\n\n"
       "add_field Tag\n  field label type=text\nend\n\nadd_index Tag\n"
       "  index shop_tag_label_idx fields=label\nend\n",
       {},
       "",
       ""},
      {"varchar to text neither rewrites nor warns",
       "alter_field Item\n  field name type=text\nend\n",
       {},
       "",
       ""},
      {"W002: integer to bigint rewrites",
       "add_field Item\n  field stock type=integer default=0\nend\n\nalter_field Item\n"
       "  field stock type=bigint default=0\nend\n",
       {"migrations.W002"},
       "shop.Item.stock changes type from integer to bigint, which rewrites shop_item under an "
       "ACCESS EXCLUSIVE lock on PostgreSQL",
       "add a new column, fill it in batches"},
      {"W002 says a narrowing may fail on values",
       "alter_field Item\n  field name type=varchar(10)\nend\n",
       {"migrations.W002"},
       "it fails if a value does not fit varchar(10) (`lectern check --database URL` counts them)",
       ""},
      {"W003: dropping a column",
       "remove_field Item name=name\n",
       {"migrations.W003"},
       "drops column shop_item.name and the data in it",
       "deploy code that no longer reads"},
      {"W003: dropping a table",
       "delete_model Order\n",
       {"migrations.W003"},
       "drops table shop_order and every row in it",
       "acknowledge migrations.W003"},
      {"W004: an index without CONCURRENTLY on an existing table",
       "add_index Item\n  index shop_item_name_idx fields=name\nend\n",
       {"migrations.W004"},
       "builds index shop_item_name_idx on shop_item without CONCURRENTLY",
       "add_index Item concurrently"},
      {"W004 is quiet with CONCURRENTLY",
       "add_index Item concurrently\n  index shop_item_name_idx fields=name\nend\n",
       {},
       "",
       ""},
      {"acknowledged warnings are silent, each for its own operation",
       "acknowledge migrations.W003\nremove_field Item name=name\n\n"
       "acknowledge migrations.W004 migrations.W003\ndelete_model Order\n\n"
       "add_index Item\n  index shop_item_id_idx fields=id\nend\n",
       {"migrations.W004"},
       "builds index shop_item_id_idx",
       ""},
      {"an acknowledgement does not silence an error",
       "acknowledge migrations.E007\n" + alter_name,
       {"migrations.E007"},
       "",
       ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto messages = file_checks({shop_initial(), second(c.body)});
    ASSERT_EQ(codes(messages), c.codes) << printed(messages);
    if (messages.empty()) continue;
    EXPECT_NE(messages[0].message.find(c.message), std::string::npos) << printed(messages);
    EXPECT_NE(messages[0].hint.find(c.in_hint), std::string::npos) << printed(messages);
    EXPECT_EQ(messages[0].level, c.codes[0].find(".W") != std::string::npos ? CheckLevel::kWarning
                                                                            : CheckLevel::kError);
  }
}

TEST(ChecksMigrationsTest, WarningsCoverUnappliedMigrationsErrorsCoverAll) {
  std::vector<Migration> files = {
      shop_initial(),
      second("remove_field Item name=name\n\nalter_field Order\n  field id type=uuid primary_key\n"
             "end\n")};
  EXPECT_EQ(codes(file_checks(files)),
            (std::vector<std::string>{"migrations.W003", "migrations.E007"}));
  std::set<MigrationKey> applied = {{"shop", "0001_initial"}, {"shop", "0002_change"}};
  EXPECT_EQ(codes(file_checks(files, db::Backend::kPostgres, applied)),
            std::vector<std::string>{"migrations.E007"});
}

TEST(ChecksMigrationsTest, SqliteProjectsAreToldAboutTheRebuild) {
  std::vector<Migration> files = {shop_initial(),
                                  second("alter_field Item\n  field name type=text\nend\n")};
  auto messages = file_checks(files, db::Backend::kSqlite);
  ASSERT_EQ(codes(messages), std::vector<std::string>{"migrations.I001"});
  EXPECT_EQ(messages[0].level, CheckLevel::kInfo);
  EXPECT_NE(messages[0].message.find("SQLite has no ALTER COLUMN TYPE: the engine rebuilds "
                                     "shop_item"),
            std::string::npos);
  EXPECT_TRUE(file_checks(files, db::Backend::kPostgres).empty());
  // What PostgreSQL refuses is reported on SQLite too: the files serve both.
  files[1] = second("alter_field Item\n  field name type=integer\nend\n");
  EXPECT_EQ(codes(file_checks(files, db::Backend::kSqlite)),
            (std::vector<std::string>{"migrations.E007"}));
}

}  // namespace
}  // namespace lectern::migrations::testing
