// Malformed migration files: each fails with "<file>:<line>: expected <what>,
// found <what>", the exact message asserted.
#include <gtest/gtest.h>

#include "migrations/file_format.hpp"

namespace lectern::migrations {
namespace {

struct Case {
  std::string name;
  std::string text;      // after the header line, unless it starts with '!'
  std::string expected;  // the whole message
};

constexpr std::string_view kHeader = "migration courses 0002_x\n";
constexpr std::string_view kSource = "migrations/courses/0002_x.lmig";

const std::string kOperationsList =
    "create_model, delete_model, rename_model, add_field, remove_field, alter_field, "
    "rename_field, add_index, remove_index, add_constraint, remove_constraint, run_sql";
const std::string kTypesList =
    "bigauto, bigint, integer, smallint, boolean, text, varchar(N), double, decimal(P,S), "
    "timestamp, date, uuid, json, bytes";
const std::string kFieldAttributes =
    "type, column, primary_key, null, unique, default, choices, min, max, min_length, "
    "auto_now_add, auto_now, relation, target, on_delete, no_index";
const std::string kDefaults = "integer, number, true, false, now, \"text\" or json'...'";

std::vector<Case> cases() {
  const std::string at = std::string(kSource) + ":";
  return {
      // The header.
      {"empty_file", "!", at + "1: expected migration <app> <name>, found end of file"},
      {"missing_header", "!# comment\n\ncreate_model A\nend\n",
       at + "3: expected migration <app> <name>, found 'create_model'"},
      {"bad_app_label", "!migration Courses 0002_x\n",
       at + "1: expected an app label (a-z, 0-9, _), found 'Courses'"},
      {"bad_migration_name", "!migration courses 2_x\n",
       at + "1: expected a migration name NNNN_name (four digits, then a-z, 0-9, _), found '2_x'"},
      {"missing_migration_name", "!migration courses\n",
       at + "1: expected a migration name NNNN_name (four digits, then a-z, 0-9, _), found end of "
            "line"},
      {"header_extra_word", "!migration courses 0002_x extra\n",
       at + "1: expected end of line after the migration name, found 'extra'"},
      {"header_not_the_file", "!migration courses 0003_y\n",
       at + "1: expected migration courses 0002_x (from the file path), found 'migration courses "
            "0003_y'"},
      {"header_twice", "migration courses 0002_x\n",
       at + "2: expected an operation (" + kOperationsList +
           "), acknowledge or state_only, found 'migration'"},
      {"depends_after_operation", "delete_model A\ndepends courses 0001_initial\n",
       at + "3: expected an operation (depends lines go before the first operation), found "
            "'depends'"},
      {"bad_dependency", "depends courses initial\n",
       at + "2: expected a migration name NNNN_name (four digits, then a-z, 0-9, _), found "
            "'initial'"},
      // Keywords and blocks.
      {"unknown_keyword", "crate_model A\nend\n",
       at + "2: expected an operation (" + kOperationsList +
           "), acknowledge or state_only, found 'crate_model'"},
      {"unknown_keyword_in_block", "create_model A\n  feild a type=text\nend\n",
       at + "3: expected field, many_to_many, index, unique, check or end, found 'feild'"},
      {"missing_end_at_eof", "create_model A\n  field a type=text\n",
       at + "4: expected end (closing create_model from line 2), found end of file"},
      {"missing_end_before_operation", "add_field A\n  field a type=text\ndelete_model B\n",
       at + "4: expected end (closing add_field from line 2), found 'delete_model'"},
      {"end_with_words", "create_model A\n  field a type=text\nend now\n",
       at + "4: expected end of line after end, found 'now'"},
      {"empty_add_field", "add_field A\nend\n", at + "3: expected field, found 'end'"},
      {"two_fields_in_add_field", "add_field A\n  field a type=text\n  field b type=text\nend\n",
       at + "4: expected end (add_field takes one item), found 'field'"},
      {"wrong_item_in_add_index", "add_index A\n  field a type=text\nend\n",
       at + "3: expected index, found 'field'"},
      {"wrong_item_in_add_constraint", "add_constraint A\n  index i fields=a\nend\n",
       at + "3: expected unique or check, found 'index'"},
      // Operation lines.
      {"missing_model_name", "delete_model\n", at + "2: expected a model name, found end of line"},
      {"bad_model_name", "delete_model 9A\n", at + "2: expected a model name, found '9A'"},
      {"delete_model_extra", "delete_model A B\n",
       at + "2: expected end of line after the model name, found 'B'"},
      {"missing_required_attribute", "remove_field A\n",
       at + "2: expected name=<name>, found end of line"},
      {"unknown_operation_attribute", "rename_field A old=a nwe=b\n",
       at + "2: expected an attribute of rename_field (old, new), found 'nwe=b'"},
      {"attribute_needs_name", "rename_model A new=\"B C\"\n",
       at + "2: expected a name for new, found 'new=\"B C\"'"},
      {"add_field_attribute", "add_field A using=x\n  field a type=text\nend\n",
       at + "2: expected end of line, found 'using=x'"},
      {"flag_with_value", "add_index A concurrently=yes\n",
       at + "2: expected concurrently without a value, found 'concurrently=yes'"},
      // Fields.
      {"bad_type", "add_field A\n  field a type=varchr(200)\nend\n",
       at + "3: expected a column type (" + kTypesList + "), found 'varchr(200)'"},
      {"varchar_without_length", "add_field A\n  field a type=varchar\nend\n",
       at + "3: expected a column type (" + kTypesList + "), found 'varchar'"},
      {"decimal_bad_size", "add_field A\n  field a type=decimal(10,x)\nend\n",
       at + "3: expected a column type (" + kTypesList + "), found 'decimal(10,x)'"},
      {"missing_type", "add_field A\n  field a null\nend\n",
       at + "3: expected type= for field a, found end of line"},
      {"unknown_attribute", "add_field A\n  field a type=text nul\nend\n",
       at + "3: expected a field attribute (" + kFieldAttributes + "), found 'nul'"},
      {"duplicate_attribute", "add_field A\n  field a type=text null null\nend\n",
       at + "3: expected each attribute once, found 'null' again"},
      {"bad_number", "add_field A\n  field a type=integer min=1x\nend\n",
       at + "3: expected an integer for min, found 'min=1x'"},
      {"number_too_large", "add_field A\n  field a type=integer max=99999999999999999999\nend\n",
       at + "3: expected an integer for max, found 'max=99999999999999999999'"},
      {"missing_value", "add_field A\n  field a type=text column=\nend\n",
       at + "3: expected a value after column=, found end of line"},
      {"bad_default", "add_field A\n  field a type=text default=hello\nend\n",
       at + "3: expected a default (" + kDefaults + "), found 'default=hello'"},
      {"bad_default_tag", "add_field A\n  field a type=text default=xml'<a/>'\nend\n",
       at + "3: expected a default (" + kDefaults + "), found 'default=xml'<a/>''"},
      {"unterminated_quote", "add_field A\n  field a type=text default=\"abc\nend\n",
       at + "3: expected a closing \", found end of line"},
      {"bad_escape", "add_field A\n  field a type=text default=\"a\\qb\"\nend\n",
       at + "3: expected an escape (\\\\, \\\", \\', \\n, \\r, \\t, \\xNN), found '\\q'"},
      {"text_after_quote", "add_field A\n  field a type=text default=\"a\"b\nend\n",
       at + "3: expected a space between words, found 'default=\"a\"b'"},
      {"bad_relation", "add_field A\n  field b type=bigint relation=fk target=x.B\nend\n",
       at + "3: expected a relation (foreign_key, one_to_one), found 'fk'"},
      {"bad_target", "add_field A\n  field b type=bigint relation=foreign_key target=B\nend\n",
       at + "3: expected a target app.Model, found 'B'"},
      {"bad_on_delete", "add_field A\n  field b type=bigint on_delete=nothing\nend\n",
       at + "3: expected an on_delete (cascade, protect, set_null, restrict, none), found "
            "'nothing'"},
      {"no_index_without_foreign_key", "add_field A\n  field a type=bigint no_index\nend\n",
       at + "3: expected no_index only on a field with relation=foreign_key, found 'no_index'"},
      {"no_index_on_one_to_one",
       "add_field A\n  field b type=bigint relation=one_to_one target=x.B no_index\nend\n",
       at + "3: expected no_index only on a field with relation=foreign_key, found 'no_index'"},
      {"no_index_with_value",
       "add_field A\n  field b type=bigint relation=foreign_key target=x.B no_index=yes\nend\n",
       at + "3: expected no_index without a value, found 'no_index=yes'"},
      {"empty_choice", "add_field A\n  field a type=text choices=a,,b\nend\n",
       at + "3: expected a choice (plain or quoted), found 'choices=a,,b'"},
      {"duplicate_field", "create_model A\n  field a type=text\n  many_to_many a target=x.B\nend\n",
       at + "4: expected a field name not already used in A, found 'a' (first on line 3)"},
      {"duplicate_index_name",
       "create_model A\n  field a type=text\n  index a_idx fields=a\n  unique a_idx "
       "fields=a\nend\n",
       at +
           "5: expected an index or constraint name not already used in A, found 'a_idx' (first on "
           "line 4)"},
      {"many_to_many_without_target", "create_model A\n  many_to_many tags\nend\n",
       at + "3: expected target= for many_to_many tags, found end of line"},
      // Indexes and constraints.
      {"index_without_fields", "add_index A\n  index a_idx unique\nend\n",
       at + "3: expected fields= for index a_idx, found end of line"},
      {"index_bad_field", "add_index A\n  index a_idx fields=a,\"b c\"\nend\n",
       at + "3: expected a field name in fields=, found 'fields=a,\"b c\"'"},
      {"check_without_terms", "add_constraint A\n  check a_check\nend\n",
       at + "3: expected a check term (field>=N), found end of line"},
      {"check_bad_operator", "add_constraint A\n  check a_check rating=>1\nend\n",
       at + "3: expected an integer after rating=, found '>1'"},
      {"check_missing_operator", "add_constraint A\n  check a_check rating 1\nend\n",
       at + "3: expected a comparison (>=, <=, >, <, =, <>), found '1'"},
      {"check_bad_value", "add_constraint A\n  check a_check rating>=one\nend\n",
       at + "3: expected an integer after rating>=, found 'one'"},
      {"check_missing_and", "add_constraint A\n  check a_check a>=1 or a<=5\nend\n",
       at + "3: expected and or end of line, found 'or'"},
      // run_sql.
      {"run_sql_unknown_section", "run_sql\n  mysql_forward <<SQL\n    x\n    SQL\nend\n",
       at + "3: expected sqlite_forward, sqlite_backward, postgres_forward, postgres_backward or "
            "end, found 'mysql_forward'"},
      {"heredoc_without_delimiter", "run_sql\n  sqlite_forward SELECT 1;\nend\n",
       at + "3: expected <<DELIMITER (such as <<SQL), found 'SELECT'"},
      {"unterminated_heredoc", "run_sql\n  sqlite_forward <<SQL\n    SELECT 1;\nend\n",
       at + "6: expected SQL (closing the heredoc from line 3), found end of file"},
      {"heredoc_under_indented", "run_sql\n  sqlite_forward <<SQL\n  SELECT 1;\n    SQL\nend\n",
       at + "4: expected a line indented like its closing SQL, found 'SELECT 1;'"},
      {"duplicate_section",
       "run_sql\n  sqlite_forward <<SQL\n  SQL\n  sqlite_forward <<SQL\n  SQL\nend\n",
       at + "5: expected each SQL section once, found 'sqlite_forward' again"},
      // Acknowledgements.
      {"bad_check_code", "acknowledge W001\ndelete_model A\n",
       at + "2: expected a check code (app.W001), found 'W001'"},
      {"acknowledge_nothing", "delete_model A\nacknowledge migrations.W001\n",
       at + "4: expected an operation after acknowledge on line 3, found end of file"},
      {"acknowledge_inside_block", "add_field A\nacknowledge migrations.W001\nend\n",
       at + "3: expected end (closing add_field from line 2), found 'acknowledge'"},
      // state_only.
      {"state_only_nothing", "delete_model A\nstate_only\n",
       at + "4: expected an operation after state_only on line 3, found end of file"},
      {"state_only_twice", "state_only\nstate_only\ndelete_model A\n",
       at + "3: expected an operation after state_only, found 'state_only' again"},
      {"state_only_words", "state_only now\ndelete_model A\n",
       at + "2: expected end of line after state_only, found 'now'"},
      {"alter_field_unknown_attribute", "alter_field A usng=\"x\"\n  field a type=text\nend\n",
       at + "2: expected an attribute of alter_field (using, sqlite_using), found 'usng=\"x\"'"},
  };
}

TEST(FileFormatErrors, ReportFileLineAndWhatWasExpected) {
  const MigrationKey expected{"courses", "0002_x"};
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    const std::string text =
        c.text.starts_with('!') ? c.text.substr(1) : std::string(kHeader) + c.text;
    try {
      parse_migration(text, kSource, expected);
      ADD_FAILURE() << "parsed without error";
    } catch (const MigrationFileError& e) {
      EXPECT_EQ(std::string(e.what()), c.expected);
      EXPECT_EQ(e.kind(), ErrorKind::kValidation);
      EXPECT_EQ(e.source(), kSource);
    }
  }
}

// What is echoed stays one printable line: control bytes and invalid UTF-8
// are escaped, whatever the token holds (issue 13: a NUL cut the message, an
// ESC reached the terminal).
TEST(FileFormatErrors, EchoedBytesAreEscapedIntoOnePrintableLine) {
  struct Bytes {
    std::string token;
    std::string shown;
  };
  const std::vector<Bytes> cases = {
      {std::string("del\0ete", 7), "del\\x00ete"},
      {"\x1b[2Jboom", "\\x1b[2Jboom"},
      {"a\x1d"
       "b",
       "a\\x1db"},
      {"a\x7f"
       "b",
       "a\\x7fb"},
      {"caf\xff\xfe", "caf\\xff\\xfe"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.shown);
    const std::string text = std::string(kHeader) + "delete_model A\n" + c.token + " B\n";
    try {
      parse_migration(text, "f.lmig");
      ADD_FAILURE() << "parsed without error";
    } catch (const MigrationFileError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message, "f.lmig:3: expected an operation (" + kOperationsList +
                             "), acknowledge or state_only, found '" + c.shown + "'");
      for (char ch : message) EXPECT_TRUE(static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f);
    }
  }
}

TEST(FileFormatErrors, LongTokensAreCutShort) {
  const std::string text = std::string(kHeader) + "delete_model " + std::string(60, '9') + "\n";
  try {
    parse_migration(text, "f.lmig");
    ADD_FAILURE() << "parsed without error";
  } catch (const MigrationFileError& e) {
    EXPECT_EQ(std::string(e.what()),
              "f.lmig:2: expected a model name, found '" + std::string(40, '9') + "...'");
    EXPECT_EQ(e.line(), 2);
  }
}

}  // namespace
}  // namespace lectern::migrations
