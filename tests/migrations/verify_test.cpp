// Live-schema verification on both backends: a freshly migrated database
// verifies clean, and each kind of drift made by hand is reported once, with
// its table and column. Plus the normalization rules on catalogue text.
#include "migrations/verify.hpp"

#include <gtest/gtest.h>

#include "db/transaction.hpp"
#include "migrations/executor.hpp"
#include "migrations/file_format.hpp"
#include "migrations/introspection.hpp"
#include "support/backends.hpp"

namespace lectern::migrations {
namespace {

using lectern::testing::BackendTest;

// FK, one-to-one, unique, index, checks, defaults of every kind, nullable,
// varchar, decimal, json, timestamp, bool, a many-to-many link table, and
// changes by AddField/AddIndex on top.
const char* kInitial = R"(# Lectern migration
migration shop 0001_initial

create_model Item table=shop_item
  field id type=bigauto primary_key
  field name type=varchar(100)
  field sku type=varchar(20) unique
  field price type=decimal(10,2) default=9.5
  field quantity type=integer default=0 min=0
  field stock type=integer default=-1
  field status type=varchar(20) default="draft"
  field attributes type=json default=json'{"size":2, "color": "red"}'
  field active type=boolean default=true
  field created_at type=timestamp default=now
  field note type=text null
  index shop_item_name_idx fields=name
  check shop_item_price_positive price>=0
end
create_model Tag table=shop_tag
  field id type=bigauto primary_key
  field label type=varchar(50)
end
)";

const char* kOrders = R"(# Lectern migration
migration shop 0002_orders
depends shop 0001_initial

create_model Order table=shop_order
  field id type=bigauto primary_key
  field item type=bigint relation=foreign_key target=shop.Item on_delete=cascade
  field coupon type=bigint null relation=foreign_key target=shop.Tag on_delete=set_null
  field placed_at type=timestamp null
  many_to_many tags target=shop.Tag
end
create_model Invoice table=shop_invoice
  field id type=bigauto primary_key
  field order type=bigint relation=one_to_one target=shop.Order on_delete=protect
  field total type=decimal(12,2) default=0
  field starts_on type=date default=now
end
add_field Item
  field weight type=double null
end
add_index Item
  index shop_item_status_created_idx fields=status,created_at
end
)";

class VerifyTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    migrations_ = {parse_migration(kInitial, "0001_initial"),
                   parse_migration(kOrders, "0002_orders")};
    MigrationExecutor(conn(), migrations_).migrate({});
  }

  bool sqlite() const { return GetParam() == db::Backend::kSqlite; }

  std::vector<std::string> differences() {
    MigrationExecutor executor(conn(), migrations_);
    auto expected = expected_schema(executor.applied_state(), conn().dialect());
    std::vector<std::string> lines;
    for (const auto& d : compare_schemas(expected, read_live_schema(conn()), GetParam())) {
      lines.push_back(to_string(d));
    }
    return lines;
  }

  // SQLite has no ALTER COLUMN: rebuilds `table` by hand from its CREATE
  // TABLE text with `from` replaced by `to`, keeping its indexes.
  void sqlite_edit_table(const std::string& table, const std::string& from, const std::string& to) {
    std::string sql = conn()
                          .query("SELECT sql FROM sqlite_master WHERE name = $1", table)
                          .front()
                          .get<std::string>(0);
    auto at = sql.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << sql;
    sql.replace(at, from.size(), to);
    std::string quoted = "\"" + table + "\"";
    sql.replace(sql.find(quoted), quoted.size(), "\"new__" + table + "\"");
    std::vector<std::string> indexes;
    for (const auto& row : conn().query("SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                        "tbl_name = $1 AND sql IS NOT NULL",
                                        table)) {
      indexes.push_back(row.get<std::string>(0));
    }
    conn().execute_script(sql);
    conn().execute_script("INSERT INTO \"new__" + table + "\" SELECT * FROM " + quoted);
    conn().execute_script("DROP TABLE " + quoted);
    conn().execute_script("ALTER TABLE \"new__" + table + "\" RENAME TO " + quoted);
    for (const auto& index : indexes) conn().execute_script(index);
  }

  std::vector<Migration> migrations_;
};

TEST_P(VerifyTest, FreshlyMigratedDatabaseVerifiesClean) {
  EXPECT_EQ(differences(), std::vector<std::string>{});
}

// The whole expected schema, in case a difference hides in what both sides
// leave out: every table the migrations promise is there, link table too.
TEST_P(VerifyTest, ExpectedSchemaHasEveryTableOfTheMigrations) {
  MigrationExecutor executor(conn(), migrations_);
  auto expected = expected_schema(executor.applied_state(), conn().dialect());
  std::vector<std::string> tables;
  for (const auto& [name, table] : expected.tables) tables.push_back(name);
  EXPECT_EQ(tables, (std::vector<std::string>{"shop_invoice", "shop_item", "shop_order",
                                              "shop_order_tags", "shop_tag"}));
}

struct Drift {
  std::string name;
  // SQL per backend; on SQLite a {table, from, to} edit of the CREATE TABLE
  // text when ALTER TABLE cannot make the change.
  std::string postgres;
  std::string sqlite;
  std::vector<std::string> sqlite_edit;
  std::vector<std::string> expected;
  std::vector<std::string> expected_sqlite;  // when SQLite reports other values
};

const std::vector<Drift>& drifts() {
  static const std::vector<Drift> kDrifts = {
      {"retyped column",
       R"(ALTER TABLE "shop_item" ALTER COLUMN "quantity" TYPE bigint)",
       "",
       {"shop_item", R"("quantity" integer NOT NULL)", R"("quantity" bigint NOT NULL)"},
       {"verify.E003 table shop_item column quantity: type is bigint, migrations say integer"},
       {}},
      {"dropped NOT NULL",
       R"(ALTER TABLE "shop_item" ALTER COLUMN "name" DROP NOT NULL)",
       "",
       {"shop_item", R"("name" varchar(100) NOT NULL)", R"("name" varchar(100) NULL)"},
       {"verify.E004 table shop_item column name: nullable, migrations say NOT NULL"},
       {}},
      {"missing index",
       R"(DROP INDEX "shop_item_name_idx")",
       R"(DROP INDEX "shop_item_name_idx")",
       {},
       {"verify.E009 table shop_item column name: index shop_item_name_idx is missing"},
       {}},
      {"extra index",
       R"(CREATE INDEX "stray_idx" ON "shop_item" ("price", "stock"))",
       R"(CREATE INDEX "stray_idx" ON "shop_item" ("price", "stock"))",
       {},
       {"verify.E010 table shop_item columns price, stock: extra index stray_idx not in the "
        "migrations"},
       {}},
      {"extra column",
       R"(ALTER TABLE "shop_item" ADD COLUMN "legacy" text)",
       R"(ALTER TABLE "shop_item" ADD COLUMN "legacy" text)",
       {},
       {"verify.E007 table shop_item column legacy: extra column (text) not in the migrations"},
       {}},
      // The bigint -> integer key trap, and on SQLite a text column rebuilt by hand.
      {"retyped foreign key",
       R"(ALTER TABLE "shop_order" ALTER COLUMN "item_id" TYPE integer)",
       "",
       {"shop_order", R"("item_id" bigint NOT NULL)", R"("item_id" text NOT NULL)"},
       {"verify.E003 table shop_order column item_id: type is integer, migrations say bigint",
        "verify.E016 table shop_order column item_id: foreign key column is integer but the key "
        "it references, shop_item.id, is bigint"},
       {"verify.E003 table shop_order column item_id: type is text, migrations say bigint",
        "verify.E016 table shop_order column item_id: foreign key column is text but the key it "
        "references, shop_item.id, is bigint"}},
      {"changed on delete",
       R"(ALTER TABLE "shop_order" DROP CONSTRAINT "shop_order_item_id_fkey";
          ALTER TABLE "shop_order" ADD CONSTRAINT "shop_order_item_id_fkey" FOREIGN KEY
          ("item_id") REFERENCES "shop_item" ("id") ON DELETE RESTRICT)",
       "",
       {"shop_order", "ON DELETE CASCADE", "ON DELETE RESTRICT"},
       {"verify.E015 table shop_order column item_id: foreign key ON DELETE RESTRICT, migrations "
        "say CASCADE"},
       {}},
      {"missing table",
       R"(DROP TABLE "shop_order_tags")",
       R"(DROP TABLE "shop_order_tags")",
       {},
       {"verify.E001 table shop_order_tags: missing; the migrations create it"},
       {}},
      {"extra table",
       R"(CREATE TABLE "stray" ("id" integer))",
       R"(CREATE TABLE "stray" ("id" integer))",
       {},
       {"verify.E002 table stray: extra table not in the migrations"},
       {}},
      {"changed default",
       R"(ALTER TABLE "shop_item" ALTER COLUMN "status" SET DEFAULT 'open')",
       "",
       {"shop_item", R"(DEFAULT 'draft')", R"(DEFAULT 'open')"},
       {"verify.E005 table shop_item column status: default is 'open', migrations say 'draft'"},
       {}},
      {"dropped check",
       R"(ALTER TABLE "shop_item" DROP CONSTRAINT "shop_item_quantity_range")",
       "",
       {"shop_item", R"( CONSTRAINT "shop_item_quantity_range" CHECK ("quantity" >= 0))", ""},
       {"verify.E017 table shop_item column quantity: check shop_item_quantity_range "
        "(\"quantity\" >= 0) is missing"},
       {}},
  };
  return kDrifts;
}

TEST_P(VerifyTest, EachDriftIsReportedWithTableAndColumn) {
  for (const auto& drift : drifts()) {
    SCOPED_TRACE(drift.name);
    // Each drift in a transaction rolled back after (DDL is transactional on
    // both backends); SQLite's rebuilds by hand need foreign keys off, which
    // only takes effect outside a transaction.
    if (sqlite()) conn().execute_script("PRAGMA foreign_keys=OFF");
    {
      db::Transaction tx(conn());
      if (!sqlite()) {
        conn().execute_script(drift.postgres);
      } else if (!drift.sqlite.empty()) {
        conn().execute_script(drift.sqlite);
      } else {
        sqlite_edit_table(drift.sqlite_edit[0], drift.sqlite_edit[1], drift.sqlite_edit[2]);
      }
      auto expected =
          sqlite() && !drift.expected_sqlite.empty() ? drift.expected_sqlite : drift.expected;
      EXPECT_EQ(differences(), expected);
    }
    if (sqlite()) conn().execute_script("PRAGMA foreign_keys=ON");
    EXPECT_EQ(differences(), std::vector<std::string>{}) << "the rollback left a difference";
  }
}

LECTERN_INSTANTIATE_BACKENDS(VerifyTest);

// ---------------------------------------------------------------------------
// Normalization: what each backend's catalogue prints, and what the schema
// editor writes, compare equal.

struct Spelling {
  std::string name;
  std::string catalogue;
  std::string editor;
};

TEST(VerifyNormalize, TypesOfBothSpellingsCompareEqual) {
  const std::vector<Spelling> cases = {
      {"varchar", "character varying(200)", "varchar(200)"},
      {"numeric spacing", "numeric(10,2)", "numeric(10, 2)"},
      {"sqlite decimal", "DECIMAL(10, 2)", "decimal(10, 2)"},
      {"timestamp", "timestamp with time zone", "timestamp with time zone"},
      {"alias", "int8", "bigint"},
      {"char", "character(36)", "char(36)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize::type(c.catalogue), normalize::type(c.editor));
  }
  EXPECT_NE(normalize::type("integer"), normalize::type("bigint"));
  EXPECT_EQ(normalize::type("character varying(200)"), "varchar(200)");
}

TEST(VerifyNormalize, DefaultsOfBothSpellingsCompareEqual) {
  const std::vector<Spelling> cases = {
      {"text cast", "'x'::character varying", "'x'"},
      {"text type cast", "'it''s'::text", "'it''s'"},
      {"negative integer", "'-1'::integer", "-1"},
      {"large bigint", "'5000000000'::bigint", "5000000000"},
      {"numeric scale", "9.50", "9.5"},
      {"double cast", "'1e+300'::double precision", "1e+300"},
      {"json spacing", R"('{"a": 1, "b": [1, 2]}'::jsonb)", R"('{"a":1,"b":[1,2]}'::jsonb)"},
      {"json key order", R"('{"a": 2, "b": {"d": null, "c": "x y"}}'::jsonb)",
       R"('{"b":{"c":"x y","d":null},"a":2.0}'::jsonb)"},
      {"sqlite expression", "(strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))",
       "(strftime('%Y-%m-%dT%H:%M:%f000Z', 'now'))"},
      {"keyword case", "CURRENT_TIMESTAMP", "current_timestamp"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize::default_sql(c.catalogue), normalize::default_sql(c.editor));
  }
  EXPECT_NE(normalize::default_sql("'x'::character varying"), normalize::default_sql("'X'"));
  EXPECT_NE(normalize::default_sql("'a b'::text"), normalize::default_sql("'ab'"));
  EXPECT_NE(normalize::default_sql(R"('{"a": "x y"}'::jsonb)"),
            normalize::default_sql(R"('{"a":"xy"}'::jsonb)"));
  EXPECT_EQ(normalize::default_sql("'x'::character varying"), "'x'");
}

TEST(VerifyNormalize, CheckExpressionsOfBothSpellingsCompareEqual) {
  const std::vector<Spelling> cases = {
      {"postgres range", "CHECK (((quantity >= 0) AND (quantity <= 100)))",
       R"("quantity" >= 0 AND "quantity" <= 100)"},
      {"negative bound", "CHECK ((stock >= '-6'::integer))", R"("stock" >= -6)"},
      {"json", R"(json_valid("attributes"))", R"(json_valid("attributes"))"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(normalize::expression(c.catalogue), normalize::expression(c.editor));
  }
  EXPECT_NE(normalize::expression("CHECK ((a >= 0))"), normalize::expression(R"("a" >= 1)"));
}

}  // namespace
}  // namespace lectern::migrations
