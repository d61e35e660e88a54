// The migration file format: the canonical text of every operation, exact
// round trips, and the checksum. Malformed files: file_format_errors_test.cpp.
//
// Equality: parse(write(m)) is compared with m after clearing what the text
// itself decides (operation line numbers, source, checksum); those are
// checked on their own below.
#include <gtest/gtest.h>

#include "core/sha256.hpp"
#include "migrations/file_format.hpp"

namespace lectern::migrations {
namespace {

using schema::ColumnType;
using schema::ConstraintSpec;
using schema::DefaultValue;
using schema::FieldSpec;
using schema::ModelState;
using schema::OnDelete;
using schema::Relation;

FieldSpec field(std::string name, ColumnType type) {
  FieldSpec f;
  f.column = name;
  f.name = std::move(name);
  f.type.type = type;
  return f;
}

FieldSpec relation(std::string name, Relation kind, std::string target, OnDelete on_delete) {
  FieldSpec f = field(name, ColumnType::kBigInt);
  f.column = name + "_id";
  f.relation = kind;
  f.target = std::move(target);
  f.on_delete = on_delete;
  return f;
}

DefaultValue default_of(DefaultValue::Kind kind) {
  DefaultValue d;
  d.kind = kind;
  return d;
}

Migration strip(Migration m) {
  m.source.clear();
  m.checksum.clear();
  for (auto& entry : m.operations) entry.line = 0;
  return m;
}

Migration migration(std::vector<Operation> operations) {
  Migration m;
  m.key = {"courses", "0002_courseprogress_and_more"};
  m.dependencies = {{"courses", "0001_initial"}, {"accounts", "0001_initial"}};
  for (auto& op : operations) m.operations.push_back({std::move(op), 0, {}});
  return m;
}

// A model using every attribute of every part of a model.
ModelState course_progress() {
  ModelState m;
  m.app = "courses";
  m.name = "CourseProgress";
  m.table = "courses_courseprogress";
  FieldSpec id = field("id", ColumnType::kBigAutoId);
  id.primary_key = true;
  FieldSpec created = field("created_at", ColumnType::kTimestamp);
  created.auto_now_add = true;
  created.default_value = default_of(DefaultValue::Kind::kNow);
  FieldSpec updated = field("updated_at", ColumnType::kTimestamp);
  updated.auto_now = true;
  updated.null = true;
  FieldSpec enrollment =
      relation("enrollment", Relation::kOneToOne, "courses.Enrollment", OnDelete::kCascade);
  enrollment.unique = true;
  FieldSpec lesson =
      relation("last_lesson", Relation::kForeignKey, "courses.Lesson", OnDelete::kSetNull);
  lesson.column = "lesson_ref";
  lesson.db_index = false;
  lesson.null = true;
  FieldSpec percent = field("progress_percent", ColumnType::kSmallInt);
  percent.default_value = default_of(DefaultValue::Kind::kInteger);
  percent.min_value = 0;
  percent.max_value = 100;
  FieldSpec level = field("level", ColumnType::kVarchar);
  level.type.max_length = 20;
  level.choices = {"beginner", "intermediate", "advanced", "a, b", "it's \"quoted\""};
  level.min_length = 3;
  FieldSpec title = field("title", ColumnType::kText);
  title.default_value = default_of(DefaultValue::Kind::kText);
  title.default_value.text = "some \"quoted\" text\\ with\nnew line\tand tab";
  title.column = "title text";
  FieldSpec price = field("price", ColumnType::kDecimal);
  price.type.precision = 10;
  price.type.scale = 2;
  FieldSpec ratio = field("ratio", ColumnType::kDouble);
  ratio.default_value = default_of(DefaultValue::Kind::kDouble);
  ratio.default_value.number = 0.1;
  FieldSpec whole = field("whole", ColumnType::kDouble);
  whole.default_value = default_of(DefaultValue::Kind::kDouble);
  whole.default_value.number = -3;
  FieldSpec active = field("active", ColumnType::kBoolean);
  active.default_value = default_of(DefaultValue::Kind::kBool);
  active.default_value.boolean = true;
  FieldSpec meta = field("meta", ColumnType::kJson);
  meta.default_value = default_of(DefaultValue::Kind::kJson);
  meta.default_value.text = R"({"tags": [], "level": 1})";
  FieldSpec count = field("count", ColumnType::kBigInt);
  count.default_value = default_of(DefaultValue::Kind::kInteger);
  count.default_value.integer = -9223372036854775807LL - 1;
  count.min_value = -5;
  m.fields = {id,
              created,
              updated,
              enrollment,
              lesson,
              percent,
              level,
              title,
              price,
              ratio,
              whole,
              active,
              meta,
              count,
              field("token", ColumnType::kUuid),
              field("day", ColumnType::kDate),
              field("blob", ColumnType::kBytes),
              field("small", ColumnType::kInteger)};
  m.many_to_many = {{"selected_answers", "courses.Answer"}};
  m.indexes = {{"courses_progress_created_idx", {"enrollment", "created_at"}, false},
               {"courses_progress_token_idx", {"token"}, true}};
  ConstraintSpec unique;
  unique.name = "courses_progress_uniq";
  unique.fields = {"enrollment", "last_lesson"};
  ConstraintSpec check;
  check.kind = ConstraintSpec::Kind::kCheck;
  check.name = "courses_progress_percent_range";
  check.check = {{"progress_percent", ">=", 0}, {"progress_percent", "<=", 100}};
  ConstraintSpec all_ops = check;
  all_ops.name = "courses_progress_ops";
  all_ops.check = {{"count", ">", -1}, {"count", "<", 9}, {"count", "=", 1}, {"count", "<>", 2}};
  m.constraints = {unique, check, all_ops};
  return m;
}

ConstraintSpec rating_check() {
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kCheck;
  c.name = "courses_review_rating_range";
  c.check = {{"rating", ">=", 1}, {"rating", "<=", 5}};
  return c;
}

struct RoundTrip {
  std::string name;
  Migration migration;
  std::string text;  // the canonical text, "" when the case only checks the round trip
};

std::vector<RoundTrip> round_trips() {
  FieldSpec foo = field("foo", ColumnType::kInteger);
  foo.null = true;
  FieldSpec price = field("price_cents", ColumnType::kBigInt);
  Migration acknowledged = migration({RemoveField{"Course", "legacy"}, DeleteModel{"Old"}});
  acknowledged.operations[0].acknowledged = {"migrations.W003", "migrations.W004"};
  acknowledged.operations[1].acknowledged = {"migrations.W005"};
  Migration state_only = migration({AddField{"Course", foo}, RemoveField{"Course", "bar"}});
  state_only.operations[0].acknowledged = {"migrations.W001"};
  state_only.operations[0].state_only = true;
  Migration bare;
  bare.key = {"accounts", "0001_initial"};
  constexpr std::string_view kHeader =
      "# Lectern migration\n"
      "migration courses 0002_courseprogress_and_more\n"
      "depends courses 0001_initial\n"
      "depends accounts 0001_initial\n\n";
  auto text = [&](std::string_view body) { return std::string(kHeader) + std::string(body); };
  return {
      {"no_operations", bare, "# Lectern migration\nmigration accounts 0001_initial\n"},
      {"create_model_every_attribute", migration({CreateModel{course_progress()}}), ""},
      {"create_model",
       migration({CreateModel{ModelState{
           "courses", "Tag", "courses_tag", {field("label", ColumnType::kText)}, {}, {}, {}}}}),
       text("create_model Tag table=courses_tag\n  field label type=text\nend\n")},
      {"delete_model", migration({DeleteModel{"Course"}}), text("delete_model Course\n")},
      {"rename_model", migration({RenameModel{"Old", "New"}}), text("rename_model Old new=New\n")},
      {"add_field", migration({AddField{"Course", foo}}),
       text("add_field Course\n  field foo type=integer null\nend\n")},
      {"remove_field", migration({RemoveField{"Course", "foo"}}),
       text("remove_field Course name=foo\n")},
      {"alter_field", migration({AlterField{"Course", price, "price_cents::bigint"}}),
       text("alter_field Course using=\"price_cents::bigint\"\n"
            "  field price_cents type=bigint\nend\n")},
      {"alter_field_sqlite_using",
       migration(
           {AlterField{"Course", price, "price_cents::bigint", "CAST(price_cents AS integer)"}}),
       text("alter_field Course using=\"price_cents::bigint\" "
            "sqlite_using=\"CAST(price_cents AS integer)\"\n"
            "  field price_cents type=bigint\nend\n")},
      {"alter_field_without_using", migration({AlterField{"Course", price, ""}}),
       text("alter_field Course\n  field price_cents type=bigint\nend\n")},
      {"rename_field", migration({RenameField{"Course", "a", "b"}}),
       text("rename_field Course old=a new=b\n")},
      {"add_index",
       migration({AddIndex{"Note", {"courses_note_idx", {"user", "created_at"}}, true}}),
       text("add_index Note concurrently\n  index courses_note_idx fields=user,created_at\nend\n")},
      {"remove_index", migration({RemoveIndex{"Note", "courses_note_idx"}}),
       text("remove_index Note name=courses_note_idx\n")},
      {"add_unique_constraint",
       migration({AddConstraint{"Enrollment",
                                {ConstraintSpec::Kind::kUnique, "uniq", {"user", "course"}, {}}}}),
       text("add_constraint Enrollment\n  unique uniq fields=user,course\nend\n")},
      {"add_check_constraint", migration({AddConstraint{"Review", rating_check()}}),
       text("add_constraint Review\n"
            "  check courses_review_rating_range rating>=1 and rating<=5\nend\n")},
      {"remove_constraint", migration({RemoveConstraint{"Review", "uniq"}}),
       text("remove_constraint Review name=uniq\n")},
      {"run_sql",
       migration(
           {RunSQL{"UPDATE t SET a = 1;", "", "UPDATE t\n  SET a = 1;\n", "UPDATE t SET a = 0;"}}),
       text("run_sql\n"
            "  sqlite_forward <<SQL\n    UPDATE t SET a = 1;\n    SQL\n"
            "  postgres_forward <<SQL\n    UPDATE t\n      SET a = 1;\n\n    SQL\n"
            "  postgres_backward <<SQL\n    UPDATE t SET a = 0;\n    SQL\n"
            "end\n")},
      {"run_sql_awkward_text",
       migration({RunSQL{"SQL\n  SQL2\n\n\n  -- end\n", "  leading", "\n", ""}}), ""},
      {"run_sql_empty", migration({RunSQL{}}), text("run_sql\nend\n")},
      {"acknowledgements", acknowledged,
       text("acknowledge migrations.W003 migrations.W004\nremove_field Course name=legacy\n\n"
            "acknowledge migrations.W005\ndelete_model Old\n")},
      {"state_only", state_only,
       text("acknowledge migrations.W001\nstate_only\nadd_field Course\n"
            "  field foo type=integer null\nend\n\nremove_field Course name=bar\n")},
  };
}

TEST(FileFormat, RoundTripsEveryOperation) {
  for (const auto& c : round_trips()) {
    SCOPED_TRACE(c.name);
    const std::string written = write_migration(c.migration);
    if (!c.text.empty()) {
      EXPECT_EQ(written, c.text);
    }
    const Migration parsed = parse_migration(written, "courses/x.lmig");
    EXPECT_EQ(write_migration(parsed), written);
    EXPECT_TRUE(strip(parsed) == c.migration);
  }
}

TEST(FileFormat, RecordsSourceChecksumAndLines) {
  const std::string text =
      "# Lectern migration\n"
      "migration courses 0003_x\n"
      "\n"
      "delete_model A\n"
      "# why: the table moved\n"
      "acknowledge migrations.W002\n"
      "rename_model B new=C\n"
      "add_field C\n"
      "  field f type=text\n"
      "end\n"
      "run_sql\n"
      "  sqlite_forward <<SQL\n"
      "    SELECT 1;\n"
      "    SQL\n"
      "end\n"
      "remove_field C name=f\n";
  const Migration m = parse_migration(text, "migrations/courses/0003_x.lmig");
  EXPECT_EQ(m.source, "migrations/courses/0003_x.lmig");
  EXPECT_EQ(m.checksum, sha256_hex(text));
  std::vector<int> lines;
  for (const auto& entry : m.operations) lines.push_back(entry.line);
  EXPECT_EQ(lines, (std::vector<int>{4, 7, 8, 11, 16}));
  EXPECT_EQ(m.operations[1].acknowledged, std::vector<std::string>{"migrations.W002"});
}

TEST(FileFormat, AcceptsLenientSpellingAndWritesItCanonically) {
  // Any attribute order, single quotes, optional table, spaces in checks,
  // deeper indentation: all read back, then written one way.
  const std::string text =
      "migration courses 0001_initial\n"
      "create_model Review\n"
      "      field rating null type=integer default=5 min=1\n"
      "      field body type='text' default='say \"hi\"'\n"
      "      check courses_review_rating   rating >= 1   and rating<=5\n"
      "end\n";
  const std::string canonical =
      "# Lectern migration\n"
      "migration courses 0001_initial\n"
      "\n"
      "create_model Review table=courses_review\n"
      "  field rating type=integer null default=5 min=1\n"
      "  field body type=text default='say \"hi\"'\n"
      "  check courses_review_rating rating>=1 and rating<=5\n"
      "end\n";
  EXPECT_EQ(write_migration(parse_migration(text, "x.lmig")), canonical);
}

TEST(FileFormat, ReadsCrlfLineEnds) {
  // Statements read as with LF; SQL keeps its bytes, '\r' included.
  const std::string text =
      "migration courses 0001_initial\r\n"
      "remove_field Course name=foo\r\n"
      "run_sql\r\n"
      "  sqlite_forward <<SQL\r\n"
      "    SELECT 1;\r\n"
      "\r\n"
      "    SQL\r\n"
      "end\r\n";
  const Migration m = parse_migration(text, "x.lmig");
  EXPECT_EQ(m.key, (MigrationKey{"courses", "0001_initial"}));
  ASSERT_EQ(m.operations.size(), 2u);
  EXPECT_TRUE(m.operations[0].operation == Operation(RemoveField{"Course", "foo"}));
  EXPECT_EQ(std::get<RunSQL>(m.operations[1].operation).sqlite_forward, "SELECT 1;\r\n\r");
}

TEST(FileFormat, NameRules) {
  struct Case {
    std::string_view text;
    bool app;
    bool migration;
  };
  const Case cases[] = {
      {"courses", true, false},
      {"instructor_portal", true, false},
      {"0001_initial", false, true},
      {"0002_add_price_2", false, true},
      {"Courses", false, false},
      {"1app", false, false},
      {"", false, false},
      {"001_initial", false, false},
      {"0001_", false, false},
      {"0001initial", false, false},
      {"0001_Initial", false, false},
      {"0001_add-price", false, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(is_valid_app_label(c.text), c.app);
    EXPECT_EQ(is_valid_migration_name(c.text), c.migration);
  }
}

}  // namespace
}  // namespace lectern::migrations
