// What makemigrations does with a change PostgreSQL cannot make safely in
// place: a primary-key type change (schema.E002, the bigint -> uuid trap) or
// a column type change with no assignment cast (migrations.E007). By default
// it refuses with the check's explanation; --unsafe-change picks one of the
// options that explanation names, and this writes it. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/autodetector.hpp"
#include "migrations/checks.hpp"
#include "schema/declaration.hpp"

namespace lectern::migrations {

enum class UnsafeChangeChoice {
  kRefuse,    // write nothing; explain each unsafe change and its options
  kKeep,      // leave the unsafe changes out (the old type stays; the declarations must follow)
  kPublicId,  // keys: keep the key, add a unique uuid column `public_id`, filled in per backend
  kConvert,   // write the change: as is when PostgreSQL can, with USING c::type when it needs it
};

// "keep", "public-id", "convert"; nullopt for anything else.
std::optional<UnsafeChangeChoice> parse_unsafe_change_choice(std::string_view text);

// The name of the column --unsafe-change=public-id adds.
inline constexpr std::string_view kPublicIdField = "public_id";

struct UnsafeChangePlan {
  std::vector<AppChanges> changes;    // what to write (apps left without operations dropped)
  std::vector<CheckMessage> refused;  // not empty: write nothing, print these
  std::vector<std::string> notes;     // what the choice did and what is left to the author
  std::string name;                   // a migration name for what public-id wrote, or ""
};

// `order` are the existing migrations in plan order and `from` the state they
// build; `changes` what the autodetector proposes towards the declarations.
UnsafeChangePlan plan_unsafe_changes(const std::vector<const Migration*>& order,
                                     const schema::ProjectState& from,
                                     const schema::ModelRegistry& registry,
                                     std::vector<AppChanges> changes, UnsafeChangeChoice choice);

}  // namespace lectern::migrations
