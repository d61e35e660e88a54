// The diagrams of `lectern graph` as exact text (golden style): a small
// state with every relationship kind, and a migration graph with a missing
// dependency, in Mermaid and DOT.
#include "migrations/diagram.hpp"

#include <gtest/gtest.h>

#include "migrations/file_format.hpp"
#include "migrations/operations.hpp"

namespace lectern::migrations {
namespace {

// shop: Item, Tag, Order (item: FK, gift: nullable FK, tags: many-to-many);
// billing: Invoice (order: one-to-one, refund_of: nullable one-to-one to itself).
const char* kShop = R"(# Lectern migration
migration shop 0001_initial

create_model Item table=shop_item
  field id type=bigauto primary_key
  field name type=varchar(100) unique
  field price type=decimal(10,2) null
end
create_model Tag table=shop_tag
  field id type=bigauto primary_key
end
create_model Order table=shop_order
  field id type=bigauto primary_key
  field item type=bigint relation=foreign_key target=shop.Item on_delete=cascade
  field gift type=bigint null relation=foreign_key target=shop.Item on_delete=set_null
  many_to_many tags target=shop.Tag
end
)";

const char* kBilling = R"(# Lectern migration
migration billing 0001_initial
depends shop 0001_initial
depends accounts 0001_initial

create_model Invoice table=billing_invoice
  field id type=bigauto primary_key
  field order type=bigint relation=one_to_one target=shop.Order on_delete=protect
  field refund_of type=bigint null relation=one_to_one target=billing.Invoice on_delete=set_null
end
)";

std::vector<Migration> migrations() {
  return {parse_migration(kShop, "shop"), parse_migration(kBilling, "billing")};
}

schema::ProjectState state() {
  auto files = migrations();
  return state_after({&files[0], &files[1]});
}

struct Golden {
  std::string name;
  DiagramFormat format;
  std::string expected;
};

TEST(ModelDiagram, MatchesGolden) {
  const std::vector<Golden> cases = {
      {"mermaid", DiagramFormat::kMermaid, R"golden(erDiagram
    billing_invoice {
        bigauto id PK
        bigint order_id FK, UK
        bigint refund_of_id FK, UK "null"
    }
    shop_item {
        bigauto id PK
        varchar(100) name UK
        decimal price "decimal(10,2), null"
    }
    shop_order {
        bigauto id PK
        bigint item_id FK
        bigint gift_id FK "null"
    }
    shop_order_tags {
        bigauto id PK
        bigint order_id FK
        bigint tag_id FK
    }
    shop_tag {
        bigauto id PK
    }
    billing_invoice |o--|| shop_order : "order"
    billing_invoice |o--o| billing_invoice : "refund_of"
    shop_order }o--|| shop_item : "item"
    shop_order }o--o| shop_item : "gift"
    shop_order_tags }o--|| shop_order : "order"
    shop_order_tags }o--|| shop_tag : "tag"
)golden"},
      {"dot", DiagramFormat::kDot, R"golden(digraph models {
  graph [rankdir=LR, fontname="Helvetica"];
  node [shape=plain, fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9, dir=both];
  "billing_invoice" [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">
    <tr><td bgcolor="lightgrey"><b>billing_invoice</b></td></tr>
    <tr><td align="left">id bigauto PK</td></tr>
    <tr><td align="left">order_id bigint FK, UK</td></tr>
    <tr><td align="left">refund_of_id bigint null FK, UK</td></tr>
  </table>>];
  "shop_item" [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">
    <tr><td bgcolor="lightgrey"><b>shop_item</b></td></tr>
    <tr><td align="left">id bigauto PK</td></tr>
    <tr><td align="left">name varchar(100) UK</td></tr>
    <tr><td align="left">price decimal(10,2) null</td></tr>
  </table>>];
  "shop_order" [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">
    <tr><td bgcolor="lightgrey"><b>shop_order</b></td></tr>
    <tr><td align="left">id bigauto PK</td></tr>
    <tr><td align="left">item_id bigint FK</td></tr>
    <tr><td align="left">gift_id bigint null FK</td></tr>
  </table>>];
  "shop_order_tags" [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">
    <tr><td bgcolor="lightgrey"><b>shop_order_tags</b></td></tr>
    <tr><td align="left">id bigauto PK</td></tr>
    <tr><td align="left">order_id bigint FK</td></tr>
    <tr><td align="left">tag_id bigint FK</td></tr>
  </table>>];
  "shop_tag" [label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">
    <tr><td bgcolor="lightgrey"><b>shop_tag</b></td></tr>
    <tr><td align="left">id bigauto PK</td></tr>
  </table>>];
  "billing_invoice" -> "shop_order" [label="order", arrowtail=teeodot, arrowhead=teetee];
  "billing_invoice" -> "billing_invoice" [label="refund_of", arrowtail=teeodot, arrowhead=teeodot];
  "shop_order" -> "shop_item" [label="item", arrowtail=crowodot, arrowhead=teetee];
  "shop_order" -> "shop_item" [label="gift", arrowtail=crowodot, arrowhead=teeodot];
  "shop_order_tags" -> "shop_order" [label="order", arrowtail=crowodot, arrowhead=teetee];
  "shop_order_tags" -> "shop_tag" [label="tag", arrowtail=crowodot, arrowhead=teetee];
}
)golden"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(model_diagram(state(), c.format), c.expected);
  }
}

TEST(ModelDiagram, EmptyStateIsAnEmptyDiagram) {
  EXPECT_EQ(model_diagram({}, DiagramFormat::kMermaid), "erDiagram\n");
  EXPECT_EQ(model_diagram({}, DiagramFormat::kDot).rfind("digraph models {\n", 0), 0u);
}

// The graph drawn (arrows point from a dependency to its dependant):
//
//   shop.0001_initial -------> billing.0001_initial
//                                   ^
//   accounts.0001_initial - - - - - '   (not there: dashed)
TEST(MigrationDiagram, MatchesGolden) {
  const std::vector<Golden> cases = {
      {"mermaid", DiagramFormat::kMermaid, R"golden(flowchart LR
    subgraph app_billing["billing"]
        billing__0001_initial["0001_initial"]
    end
    subgraph app_shop["shop"]
        shop__0001_initial["0001_initial"]
    end
    accounts__0001_initial["accounts.0001_initial (missing)"]:::missing
    accounts__0001_initial -.-> billing__0001_initial
    shop__0001_initial --> billing__0001_initial
    classDef missing stroke-dasharray: 5 5
)golden"},
      {"dot", DiagramFormat::kDot, R"golden(digraph migrations {
  graph [rankdir=LR, fontname="Helvetica"];
  node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];
  subgraph "cluster_billing" {
    label="billing";
    "billing.0001_initial" [label="0001_initial"];
  }
  subgraph "cluster_shop" {
    label="shop";
    "shop.0001_initial" [label="0001_initial"];
  }
  "accounts.0001_initial" [label="accounts.0001_initial (missing)", style="rounded,dashed"];
  "accounts.0001_initial" -> "billing.0001_initial" [style=dashed];
  "shop.0001_initial" -> "billing.0001_initial";
}
)golden"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(migration_diagram(migrations(), c.format), c.expected);
  }
}

TEST(MigrationDiagram, OrderOfTheFilesDoesNotMatter) {
  auto files = migrations();
  std::vector<Migration> reversed(files.rbegin(), files.rend());
  EXPECT_EQ(migration_diagram(reversed, DiagramFormat::kDot),
            migration_diagram(files, DiagramFormat::kDot));
}

}  // namespace
}  // namespace lectern::migrations
