// Shared by the checks tests: migrations written as the text of their files
// (parsed, so each has a source and line numbers like the real ones), a
// small "shop" project whose declarations and initial migration agree, and
// look-ups over the check messages. Header-only: each *_test.cpp is its own
// binary.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "migrations/checks.hpp"
#include "migrations/file_format.hpp"
#include "schema/declaration.hpp"
#include "schema/fields.hpp"

namespace lectern::migrations::testing {

using namespace schema;

// migrations/<app>/<name>.lmig holding `body` after its header and `depends`.
inline Migration migration(const std::string& app, const std::string& name,
                           const std::vector<std::string>& depends, const std::string& body) {
  std::string text = "# Lectern migration\nmigration " + app + " " + name + "\n";
  for (const auto& d : depends) text += "depends " + d + "\n";
  text += "\n" + body;
  return parse_migration(text, "migrations/" + app + "/" + name + ".lmig");
}

// shop.Item(name varchar(100)) and shop.Order(item -> Item), as declared
// and as their initial migration creates them.
inline ModelDeclaration item_declaration() {
  ModelDeclaration item{.app = "shop", .name = "Item"};
  item.fields.push_back(field::varchar("name", 100));
  return item;
}
inline ModelDeclaration order_declaration() {
  ModelDeclaration order{.app = "shop", .name = "Order"};
  order.fields.push_back(field::foreign_key("item", "shop.Item", OnDelete::kCascade));
  return order;
}
inline ModelRegistry shop_registry() {
  ModelRegistry r;
  r.add(item_declaration());
  r.add(order_declaration());
  return r;
}
inline const std::string kShopInitial = R"(create_model Item table=shop_item
  field id type=bigauto primary_key
  field name type=varchar(100)
end

create_model Order table=shop_order
  field id type=bigauto primary_key
  field item type=bigint relation=foreign_key target=shop.Item on_delete=cascade
end
)";
inline Migration shop_initial() {
  return migration("shop", "0001_initial", {}, kShopInitial);
}

inline std::vector<std::string> codes(const std::vector<CheckMessage>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.code);
  return out;
}

// Every message as format_message prints it, for failure output.
inline std::string printed(const std::vector<CheckMessage>& messages) {
  std::string out;
  for (const auto& m : messages) out += format_message(m);
  return out;
}

// The message with `code` whose text holds `needle`, or nullptr.
inline const CheckMessage* find(const std::vector<CheckMessage>& messages, const std::string& code,
                                const std::string& needle = "") {
  auto it = std::find_if(messages.begin(), messages.end(), [&](const CheckMessage& m) {
    return m.code == code && m.message.find(needle) != std::string::npos;
  });
  return it == messages.end() ? nullptr : &*it;
}

}  // namespace lectern::migrations::testing
