// What the engine derives from a model instead of reading it from a file:
// the names of the constraints, indexes and link tables of its fields, and
// the link model of a many-to-many field. Functions of table, column and
// model only, so that every tool (editor, verify, diagram, type changes)
// computes the same.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

namespace lectern::migrations {

// PostgreSQL limits identifiers to 63 bytes: longer names keep their suffix
// and replace the tail of the middle with a hash, like Django's names.
namespace names {
inline constexpr std::size_t kMaxIdentifier = 63;
// `<table>_<col1>_<col2>..._<suffix>`, shortened to kMaxIdentifier.
std::string derived(std::string_view table, const std::vector<std::string>& columns,
                    std::string_view suffix);
std::string foreign_key_index(std::string_view table, std::string_view column);  // _idx
std::string foreign_key(std::string_view table, std::string_view column);        // _fkey
std::string unique(std::string_view table, std::string_view column);             // _key
std::string range_check(std::string_view table, std::string_view column);        // _range
std::string primary_key(std::string_view table);                                 // _pkey
// A many-to-many link table: `<owner table>_<field>`.
std::string link_table(std::string_view owner_table, std::string_view field);
}  // namespace names

// The link table of a many-to-many field as a model: id, <owner>_id and
// <target>_id (from_/to_ when a model links to itself), both foreign keys
// CASCADE, unique together. The names come from the owner and from the
// target's "app.Model", so no state is needed.
schema::ModelState link_model(const schema::ModelState& owner, const schema::ManyToManySpec& m2m);

}  // namespace lectern::migrations
