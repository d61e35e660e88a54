#include "api/model_input.hpp"

#include <cassert>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace lectern::api {

DeclaredModels::DeclaredModels(const schema::ModelRegistry& registry) {
  for (const auto& [key, model] : registry.state().models) by_table_.emplace(model.table, model);
}

const schema::ModelState& DeclaredModels::of(std::string_view table) const {
  auto it = by_table_.find(table);
  if (it == by_table_.end()) throw std::logic_error("no model is stored in " + std::string(table));
  return it->second;
}

namespace detail {

const schema::FieldSpec& input_field(const schema::ModelState& model, std::string_view member) {
  for (const auto& field : model.fields) {
    if (field.name == member || field.column == member) return field;
  }
  throw std::logic_error("model " + model.key() + " has no field " + std::string(member));
}

void check_field(const schema::FieldSpec& field, std::string_view member, const InputValue& value,
                 InputMode mode, Validator& v) {
  const bool optional = field.null || field.default_value.has_value() || field.primary_key ||
                        field.auto_now || field.auto_now_add;
  if (!value.present) {
    if (mode == InputMode::kCreate && !optional) v.required(member, false);
    return;
  }
  const auto type = field.type.type;
  if (value.text) {
    const std::optional<std::string> text = *value.text;
    if (!field.choices.empty()) v.choice(member, text, field.choices);
    const bool varchar = type == db::ColumnType::kVarchar;
    const std::size_t max = varchar ? static_cast<std::size_t>(field.type.max_length)
                                    : std::numeric_limits<std::size_t>::max();
    if (!optional) {
      v.text(member, text, max, false);  // a text that must be given may not be blank
    } else if (varchar) {
      v.max_length(member, text, max);
    }
  }
  if (value.integer && (field.min_value || field.max_value)) {
    v.range(member, value.integer, field.min_value.value_or(INT32_MIN),
            field.max_value.value_or(INT32_MAX));
  }
}

}  // namespace detail

}  // namespace lectern::api
