// A request's input against the model it writes, Django's ModelForm in two
// calls: validate_input checks each present member with the rules that follow
// from the declared field it names (required on create, the length of a
// varchar, the min/max of an integer, the choices); apply_input copies the
// present members onto the record members of the same name (checked when it
// compiles; text onto an enum member is its enumerator). Rules the declaration does not say (a
// slug's pattern, one field against another, uniqueness, who may write) stay with the service.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "api/type_traits.hpp"
#include "api/validation.hpp"
#include "core/described_enum.hpp"
#include "core/json_members.hpp"
#include "schema/declaration.hpp"

namespace lectern::api {

// kCreate: a member whose field has no default (and is not nullable) must be
// present; kUpdate: absent members keep the record's value.
enum class InputMode { kCreate, kUpdate };

// The declared models by table, for finding a record's (Record::kTable).
class DeclaredModels {
 public:
  explicit DeclaredModels(const schema::ModelRegistry& registry);
  // The model stored in `table`; a table no model declares is a bug.
  const schema::ModelState& of(std::string_view table) const;
  template <typename Record>
  const schema::ModelState& of() const {
    return of(Record::kTable);
  }

 private:
  std::map<std::string, schema::ModelState, std::less<>> by_table_;
};

namespace detail {

// One input member as the checks see it: absent, null, text or an integer.
struct InputValue {
  bool present = false;
  const std::string* text = nullptr;
  std::optional<std::int64_t> integer;
};

template <typename T>
InputValue input_value(const T& value) {
  if constexpr (is_optional<T>::value) {
    if (!value) return {};
    InputValue inner = input_value(*value);
    inner.present = true;
    return inner;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return {.present = true, .text = &value};
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    return {.present = true, .integer = value};
  } else {
    return {.present = true};
  }
}

// The field a member names: by name, or by column (`category_id`).
const schema::FieldSpec& input_field(const schema::ModelState& model, std::string_view member);
void check_field(const schema::FieldSpec& field, std::string_view member, const InputValue& value,
                 InputMode mode, Validator& v);

}  // namespace detail

// Checks each member of `input` against the field of `model` it names, but
// the members in `by_hand` (which the service checks itself).
template <typename Input>
void validate_input(const schema::ModelState& model, const Input& input, InputMode mode,
                    Validator& v, std::initializer_list<std::string_view> by_hand = {}) {
  for_each_json_member<Input>([&](auto member) {
    for (std::string_view name : by_hand) {
      if (name == member.name) return;
    }
    detail::check_field(detail::input_field(model, member.name), member.name,
                        detail::input_value(input.*member.pointer), mode, v);
  });
}

// Sets each record member that `input` has a value for (its std::optional
// members that are engaged); every input member must name a record member.
template <typename Record, typename Input>
void apply_input(Record& record, const Input& input) {
  for_each_json_member<Input>([&](auto member) {
    using In = decltype(member);
    constexpr std::size_t i = lectern::detail::member_index<Record>(In::name);
    static_assert(i < lectern::detail::kMemberNames<Record>.size(),
                  "an input member that the record does not have");
    using Out = boost::mp11::mp_at_c<lectern::detail::AllMembers<Record>, i>;
    const auto& value = input.*In::pointer;
    static_assert(detail::is_optional<std::remove_cvref_t<decltype(value)>>::value,
                  "input members are std::optional: absent keeps the record's value");
    using Target = std::remove_cvref_t<decltype(record.*Out::pointer)>;
    if constexpr (DescribedEnum<Target>) {
      // Text naming an enumerator (validate_input checked the choices).
      if (value) {
        if (auto named = enum_from_name<Target>(*value)) record.*Out::pointer = *named;
      }
    } else {
      if (value) record.*Out::pointer = *value;
    }
  });
}

}  // namespace lectern::api
