#include "schema/fields.hpp"

namespace lectern::schema {

Field::Field(std::string name, ColumnTypeSpec type) {
  spec_.column = name;
  spec_.name = std::move(name);
  spec_.type = type;
}

Field& Field::null(bool value) {
  spec_.null = value;
  return *this;
}
Field& Field::unique(bool value) {
  spec_.unique = value;
  return *this;
}
Field& Field::primary_key(bool value) {
  spec_.primary_key = value;
  return *this;
}
Field& Field::default_int(std::int64_t value) {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kInteger;
  spec_.default_value.integer = value;
  return *this;
}
Field& Field::default_double(double value) {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kDouble;
  spec_.default_value.number = value;
  return *this;
}
Field& Field::default_bool(bool value) {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kBool;
  spec_.default_value.boolean = value;
  return *this;
}
Field& Field::default_text(std::string_view value) {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kText;
  spec_.default_value.text = std::string(value);
  return *this;
}
Field& Field::default_json(std::string json_text) {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kJson;
  spec_.default_value.text = std::move(json_text);
  return *this;
}
Field& Field::default_now() {
  spec_.default_value = DefaultValue{};
  spec_.default_value.kind = DefaultValue::Kind::kNow;
  return *this;
}
Field& Field::choices(std::vector<std::string> values) {
  spec_.choices = std::move(values);
  return *this;
}
Field& Field::min(std::int64_t value) {
  spec_.min_value = value;
  return *this;
}
Field& Field::max(std::int64_t value) {
  spec_.max_value = value;
  return *this;
}
Field& Field::min_length(int value) {
  spec_.min_length = value;
  return *this;
}
Field& Field::auto_now_add() {
  spec_.auto_now_add = true;
  return *this;
}
Field& Field::auto_now() {
  spec_.auto_now = true;
  return *this;
}
Field& Field::column(std::string name) {
  spec_.column = std::move(name);
  return *this;
}
Field& Field::relation(Relation kind, std::string target, OnDelete on_delete) {
  spec_.relation = kind;
  spec_.target = std::move(target);
  spec_.on_delete = on_delete;
  return *this;
}

Field& Field::db_index(bool value) {
  spec_.db_index = value;
  return *this;
}

namespace field {

Field big_auto(std::string name) {
  return Field(std::move(name), {ColumnType::kBigAutoId}).primary_key();
}
Field big_int(std::string name) {
  return Field(std::move(name), {ColumnType::kBigInt});
}
Field integer(std::string name) {
  return Field(std::move(name), {ColumnType::kInteger});
}
Field small_int(std::string name) {
  return Field(std::move(name), {ColumnType::kSmallInt});
}
Field boolean(std::string name) {
  return Field(std::move(name), {ColumnType::kBoolean});
}
Field text(std::string name) {
  return Field(std::move(name), {ColumnType::kText});
}
Field varchar(std::string name, int max_length) {
  return Field(std::move(name), {ColumnType::kVarchar, max_length});
}
Field floating(std::string name) {
  return Field(std::move(name), {ColumnType::kDouble});
}
Field decimal(std::string name, int precision, int scale) {
  return Field(std::move(name), {ColumnType::kDecimal, 0, precision, scale});
}
Field timestamp(std::string name) {
  return Field(std::move(name), {ColumnType::kTimestamp});
}
Field date(std::string name) {
  return Field(std::move(name), {ColumnType::kDate});
}
Field uuid(std::string name) {
  return Field(std::move(name), {ColumnType::kUuid});
}
Field json(std::string name) {
  return Field(std::move(name), {ColumnType::kJson});
}
Field bytes(std::string name) {
  return Field(std::move(name), {ColumnType::kBytes});
}

Field foreign_key(std::string name, std::string target, OnDelete on_delete) {
  std::string column = name + "_id";
  Field f(std::move(name), {ColumnType::kBigInt});
  f.column(std::move(column)).relation(Relation::kForeignKey, std::move(target), on_delete);
  return f;
}

Field one_to_one(std::string name, std::string target, OnDelete on_delete) {
  Field f = foreign_key(std::move(name), std::move(target), on_delete);
  f.relation(Relation::kOneToOne, f.spec().target, on_delete);
  return f;
}

}  // namespace field

}  // namespace lectern::schema
