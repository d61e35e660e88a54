// Builders that make model declarations read like the spec:
//   field::varchar("title", 200), field::foreign_key("course", "courses.Course",
//   OnDelete::kCascade), field::integer("rating").min(1).max(5).
// Each returns a Field; modifiers chain; Field converts to its FieldSpec.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

namespace lectern::schema {

class Field {
 public:
  Field(std::string name, ColumnTypeSpec type);

  Field& null(bool value = true);
  Field& unique(bool value = true);
  Field& primary_key(bool value = true);
  Field& default_int(std::int64_t value);
  Field& default_double(double value);
  Field& default_bool(bool value);
  Field& default_text(std::string_view value);
  Field& default_json(std::string json_text);
  Field& default_now();
  // The values the column may hold: an enum's names (enum_names<E>()) where
  // the code reads the column as a described enum.
  Field& choices(std::vector<std::string> values);
  Field& min(std::int64_t value);
  Field& max(std::int64_t value);
  Field& min_length(int value);
  Field& auto_now_add();
  Field& auto_now();
  Field& column(std::string name);
  Field& relation(Relation kind, std::string target, OnDelete on_delete);
  // A foreign key without an index of its own (one whose column leads
  // another index): each index costs every insert a page write.
  Field& db_index(bool value);

  const FieldSpec& spec() const { return spec_; }
  operator FieldSpec() const { return spec_; }  // NOLINT: builders read as values

 private:
  FieldSpec spec_;
};

namespace field {
Field big_auto(std::string name = "id");
Field big_int(std::string name);
Field integer(std::string name);
Field small_int(std::string name);
Field boolean(std::string name);
Field text(std::string name);
Field varchar(std::string name, int max_length);
Field floating(std::string name);
Field decimal(std::string name, int precision, int scale);
Field timestamp(std::string name);
Field date(std::string name);
Field uuid(std::string name);
Field json(std::string name);
Field bytes(std::string name);
// Many-to-one; the column is <name>_id with the type of the target's key
// (bigint under the project policy; resolved when the state is built).
Field foreign_key(std::string name, std::string target, OnDelete on_delete);
Field one_to_one(std::string name, std::string target, OnDelete on_delete);
}  // namespace field

}  // namespace lectern::schema
