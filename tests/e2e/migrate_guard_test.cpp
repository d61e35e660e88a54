// `migrate` enforces what `check` knows (issue 12), through the real binary
// with migration files only (--migrations-dir), rows in every table, on both
// backends: the bigint -> uuid keys Django's makemigrations wrote, a varchar
// shortened below a stored value and an applied file edited afterwards are
// refused before any statement runs; an explicit conversion of referenced
// keys (using= and sqlite_using=) applies with every row and foreign key
// intact; refusals by the database are explained, never exit 70.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "db/errors.hpp"
#include "support/backends.hpp"
#include "support/process.hpp"

namespace lectern {
namespace {

namespace fs = std::filesystem;
using testing::lectern_binary;
using testing::ProcessResult;
using testing::run_process;

// Five models with keys that foreign keys point at, and a many-to-many link
// table (learning_course_tags) whose two columns point at two of them.
constexpr const char* kInitial = R"(create_model Tag table=learning_tag
  field id type=bigauto primary_key
  field name type=varchar(50)
end

create_model Course table=learning_course
  field id type=bigauto primary_key
  field title type=varchar(200)
  many_to_many tags target=learning.Tag
end

create_model Lesson table=learning_lesson
  field id type=bigauto primary_key
  field course type=bigint relation=foreign_key target=learning.Course on_delete=cascade
  field title type=varchar(200)
end

create_model Student table=learning_student
  field id type=bigauto primary_key
  field name type=varchar(100)
end

create_model Enrollment table=learning_enrollment
  field id type=bigauto primary_key
  field student type=bigint relation=foreign_key target=learning.Student on_delete=cascade
  field course type=bigint relation=foreign_key target=learning.Course on_delete=cascade
end

create_model Note table=learning_note
  field id type=bigauto primary_key
  field lesson type=bigint relation=foreign_key target=learning.Lesson on_delete=cascade
  field student type=bigint relation=foreign_key target=learning.Student on_delete=cascade
  field title type=varchar(100)
end
)";

// As makemigrations writes it: the keys altered, then the foreign keys
// recording their new type (no SQL of their own: a foreign-key column
// follows its key; the link table's columns follow without a line).
std::string uuid_keys(const std::string& attributes) {
  std::string out;
  for (const char* model : {"Course", "Tag", "Lesson", "Student", "Note"}) {
    out += std::string("alter_field ") + model + attributes +
           "\n  field id type=uuid primary_key\nend\n\n";
  }
  const char* foreign_keys[][3] = {{"Lesson", "course", "Course"},
                                   {"Enrollment", "student", "Student"},
                                   {"Enrollment", "course", "Course"},
                                   {"Note", "lesson", "Lesson"},
                                   {"Note", "student", "Student"}};
  for (const auto& [model, field, target] : foreign_keys) {
    out += std::string("alter_field ") + model + "\n  field " + field +
           " type=uuid relation=foreign_key target=learning." + target +
           " on_delete=cascade\nend\n\n";
  }
  return out;
}

// bigint -> uuid by hand: the id in the last twelve hex digits.
constexpr const char* kConversion =
    R"x( using="('00000000-0000-4000-8000-' || lpad(to_hex(id), 12, '0'))::uuid")x"
    R"x( sqlite_using="'00000000-0000-4000-8000-' || printf('%012x', id)")x";

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

class MigrateGuardTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!connection_) return;
    dir_ = fs::temp_directory_path() /
           ("lectern-e2e-guard-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_ / "learning");
    write("0001_initial", "", kInitial);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    BackendTest::TearDown();
  }
  void write(const std::string& name, const std::string& depends, const std::string& body) {
    std::ofstream out(dir_ / "learning" / (name + ".lmig"));
    out << "# Lectern migration\nmigration learning " << name << "\n";
    if (!depends.empty()) out << "depends learning " << depends << "\n";
    out << "\n" << body;
  }
  std::string path(const std::string& name) {
    return (dir_ / "learning" / (name + ".lmig")).string();
  }
  ProcessResult lectern(std::vector<std::string> args) {
    std::vector<std::string> argv = {lectern_binary(), "--database", scratch().url(),
                                     "--migrations-dir", dir_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }
  std::int64_t count(const std::string& sql) {
    return conn().query(sql).front().get<std::int64_t>(0);
  }
  std::int64_t insert(const std::string& sql, std::vector<db::Value> values) {
    return conn().execute(sql + " RETURNING id", values).front().get<std::int64_t>(0);
  }
  std::int64_t recorded(const std::string& name) {
    return conn()
        .query("SELECT count(*) FROM lectern_migrations WHERE name = $1", name)
        .front()
        .get<std::int64_t>(0);
  }
  // Rows in every table, and one note title of 41 characters.
  void seed() {
    for (int i = 0; i < 2; ++i) {
      auto course = insert("INSERT INTO learning_course (title) VALUES ($1)", {"Course"});
      auto tag = insert("INSERT INTO learning_tag (name) VALUES ($1)", {"tag"});
      conn().query("INSERT INTO learning_course_tags (course_id, tag_id) VALUES ($1, $2)", course,
                   tag);
      auto lesson = insert("INSERT INTO learning_lesson (course_id, title) VALUES ($1, $2)",
                           {course, "Lesson"});
      auto student = insert("INSERT INTO learning_student (name) VALUES ($1)", {"Ada"});
      insert("INSERT INTO learning_enrollment (student_id, course_id) VALUES ($1, $2)",
             {student, course});
      insert("INSERT INTO learning_note (lesson_id, student_id, title) VALUES ($1, $2, $3)",
             {lesson, student, i == 0 ? std::string(41, 'n') : std::string("short")});
    }
  }
  // Every foreign key still joins: one row per enrolment and note.
  std::int64_t joined() {
    return count(
        "SELECT count(*) FROM learning_note n "
        "JOIN learning_lesson l ON n.lesson_id = l.id "
        "JOIN learning_student s ON n.student_id = s.id "
        "JOIN learning_course c ON l.course_id = c.id "
        "JOIN learning_enrollment e ON e.course_id = c.id AND e.student_id = s.id "
        "JOIN learning_course_tags ct ON ct.course_id = c.id "
        "JOIN learning_tag t ON ct.tag_id = t.id");
  }
  // The type of learning_course.id's values: "integer" or "text" on SQLite,
  // the column's type on PostgreSQL.
  std::string course_id_type() {
    if (GetParam() == db::Backend::kSqlite) {
      return conn()
          .query("SELECT typeof(id) FROM learning_course LIMIT 1")
          .front()
          .get<std::string>(0);
    }
    return conn()
        .query(
            "SELECT data_type FROM information_schema.columns WHERE table_name = "
            "'learning_course' AND column_name = 'id'")
        .front()
        .get<std::string>(0);
  }
  void migrate_initial() {
    auto r = lectern({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    seed();
  }

  fs::path dir_;
  static inline int counter_ = 0;
};

TEST_P(MigrateGuardTest, UuidKeysAsDjangoWroteThemAreRefusedBeforeAnyStatement) {
  migrate_initial();
  const std::string integer_type = GetParam() == db::Backend::kSqlite ? "integer" : "bigint";
  ASSERT_EQ(course_id_type(), integer_type);
  write("0002_uuid_keys", "0001_initial", uuid_keys(""));
  const std::string e007 = "migrations.E007 error: learning.0002_uuid_keys (" +
                           path("0002_uuid_keys") +
                           ":5): learning.Course.id changes type from bigint to uuid: PostgreSQL "
                           "cannot cast type bigint to uuid";

  auto refused = lectern({"migrate"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_TRUE(has(refused.out, e007)) << refused.out;
  // Every foreign-key column named, the link table's two included.
  for (const char* column : {"learning_lesson.course_id", "learning_enrollment.course_id",
                             "learning_course_tags.course_id", "learning_course_tags.tag_id",
                             "learning_note.lesson_id", "learning_note.student_id"}) {
    EXPECT_TRUE(has(refused.out, column)) << column << "\n" << refused.out;
  }
  EXPECT_TRUE(has(refused.out, "--unsafe-change=keep|public-id|convert")) << refused.out;
  EXPECT_TRUE(has(refused.err, "migrate refused")) << refused.err;
  EXPECT_TRUE(has(refused.err, "nothing was changed")) << refused.err;
  EXPECT_FALSE(has(refused.out, "Applying")) << refused.out;
  EXPECT_EQ(course_id_type(), integer_type);
  EXPECT_EQ(recorded("0002_uuid_keys"), 0);
  EXPECT_EQ(joined(), 2);

  // The same lines from --plan (which changes nothing), sqlmigrate and check.
  auto plan = lectern({"migrate", "--plan"});
  EXPECT_EQ(plan.exit_code, 1) << plan.out << plan.err;
  EXPECT_TRUE(has(plan.out, "learning.0002_uuid_keys\n    Alter field id on Course")) << plan.out;
  EXPECT_TRUE(has(plan.out, e007)) << plan.out;
  auto sql = lectern({"sqlmigrate", "learning", "0002"});
  EXPECT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_TRUE(has(sql.out, "-- " + e007)) << sql.out;
  auto check = lectern({"check"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(has(check.out, e007)) << check.out;
}

TEST_P(MigrateGuardTest, TestmigrationsRefusesTheUuidKeysToo) {
  write("0002_uuid_keys", "0001_initial", uuid_keys(""));
  auto r = lectern({"testmigrations"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "migrations.E007 error: learning.0002_uuid_keys")) << r.out;
  EXPECT_TRUE(has(r.err, "testmigrations refused")) << r.err;
}

TEST_P(MigrateGuardTest, AVarcharShortenedBelowAStoredValueIsRefused) {
  migrate_initial();
  write("0002_short_titles", "0001_initial", R"(alter_field Note
  field title type=varchar(20)
end
)");
  auto refused = lectern({"migrate"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_TRUE(has(refused.out, "migrations.E009 error: learning.0002_short_titles (" +
                                   path("0002_short_titles") +
                                   ":5): learning.Note.title changes type from varchar(100) to "
                                   "varchar(20), and 1 row(s) of learning_note.title do not fit"))
      << refused.out;
  EXPECT_EQ(recorded("0002_short_titles"), 0);
  EXPECT_EQ(count("SELECT max(length(title)) FROM learning_note"), 41);

  // Once the row fits, the same file applies.
  conn().query("UPDATE learning_note SET title = $1 WHERE length(title) > 20", "fits");
  auto applied = lectern({"migrate"});
  EXPECT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_EQ(recorded("0002_short_titles"), 1);
  EXPECT_EQ(lectern({"verify"}).exit_code, 0);
}

TEST_P(MigrateGuardTest, AnEditedAppliedFileIsRefusedUntilItsChecksumIsRecordedOnPurpose) {
  migrate_initial();
  // Edited after it was applied: a different file, whatever the edit.
  std::ofstream(path("0001_initial"), std::ios::app) << "# reviewed\n";
  write("0002_tag_slug", "0001_initial", R"(add_field Tag
  field slug type=varchar(50) default=""
end
)");
  auto refused = lectern({"migrate"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_TRUE(has(refused.out, "migrations.E006 error: " + path("0001_initial") +
                                   ": learning.0001_initial was applied with checksum"))
      << refused.out;
  EXPECT_TRUE(has(refused.out, "lectern repair learning 0001_initial")) << refused.out;
  EXPECT_EQ(recorded("0002_tag_slug"), 0);

  auto repaired = lectern({"repair", "learning", "0001_initial"});
  EXPECT_EQ(repaired.exit_code, 0) << repaired.out << repaired.err;
  EXPECT_TRUE(has(repaired.out, "Recorded the checksum of learning.0001_initial")) << repaired.out;
  auto again = lectern({"repair", "learning", "0001"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_TRUE(has(again.out, "already matches")) << again.out;
  EXPECT_EQ(lectern({"repair", "learning", "0002"}).exit_code, 4);  // not applied

  auto applied = lectern({"migrate"});
  EXPECT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_EQ(recorded("0002_tag_slug"), 1);
}

TEST_P(MigrateGuardTest, AnExplicitConversionOfReferencedKeysKeepsEveryRowAndForeignKey) {
  migrate_initial();
  write("0002_uuid_keys", "0001_initial", uuid_keys(kConversion));
  auto plan = lectern({"migrate", "--plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_FALSE(has(plan.out, " error: ")) << plan.out;
  auto applied = lectern({"migrate"});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  EXPECT_TRUE(has(applied.out, "Applying learning.0002_uuid_keys... OK")) << applied.out;

  EXPECT_EQ(course_id_type(), GetParam() == db::Backend::kSqlite ? "text" : "uuid");
  EXPECT_EQ(count("SELECT count(*) FROM learning_course"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM learning_course_tags"), 2);
  EXPECT_EQ(joined(), 2);
  EXPECT_EQ(count("SELECT count(*) FROM learning_course WHERE id = "
                  "'00000000-0000-4000-8000-000000000001'"),
            1);
  if (GetParam() == db::Backend::kPostgres) {
    // Every foreign-key constraint is there again, the link table's two included.
    EXPECT_EQ(count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND "
                    "conrelid::regclass::text LIKE 'learning\\_%'"),
              7);
  } else {
    EXPECT_TRUE(conn().query("PRAGMA foreign_key_check").empty());
  }
  auto verify = lectern({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // A new row of a referencing table refers to a converted key.
  EXPECT_THROW(conn().query("INSERT INTO learning_lesson (course_id, title) VALUES ($1, $2)",
                            "00000000-0000-4000-8000-00000000ffff", "x"),
               db::DatabaseError);
}

TEST_P(MigrateGuardTest, APostgresOnlyConversionIsRefusedOnSqliteBeforeAnyStatement) {
  migrate_initial();
  write("0002_uuid_keys", "0001_initial",
        uuid_keys(R"x( using="('00000000-0000-4000-8000-' || lpad(to_hex(id), 12, '0'))::uuid")x"));
  auto r = lectern({"migrate"});
  if (GetParam() == db::Backend::kPostgres) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(joined(), 2);
    return;
  }
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "migrations.E012 error: learning.0002_uuid_keys")) << r.out;
  EXPECT_TRUE(has(r.out, "sqlite_using=")) << r.out;
  EXPECT_EQ(course_id_type(), "integer");
}

TEST_P(MigrateGuardTest, AUsingOnAForeignKeyIsNeverDroppedWithoutAWord) {
  write("0002_fk_using", "0001_initial", R"(alter_field Lesson using="course::text"
  field course type=bigint relation=foreign_key target=learning.Course on_delete=cascade
end
)");
  auto r = lectern({"migrate", "--plan"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.out, "migrations.E010 error: learning.0002_fk_using")) << r.out;
  EXPECT_TRUE(has(r.out, "put the conversion on the key's alter_field")) << r.out;
  auto sql = lectern({"sqlmigrate", "learning", "0002"});
  EXPECT_NE(sql.exit_code, 0);
  EXPECT_TRUE(has(sql.err, "using= is given but the column keeps its type")) << sql.err;
}

TEST_P(MigrateGuardTest, ARunSqlThatChangesTheSchemaOnOneBackendOnlyIsFlagged) {
  write("0002_by_hand", "0001_initial", R"(run_sql
  postgres_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN color text;
    SQL
end
)");
  auto r = lectern({"migrate", "--plan"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.out, "migrations.E011 error: learning.0002_by_hand (" + path("0002_by_hand") +
                             ":5): run_sql changes the schema on PostgreSQL and does nothing on "
                             "SQLite"))
      << r.out;
  // Said on purpose, it passes.
  write("0002_by_hand", "0001_initial", R"(run_sql
  sqlite_forward <<SQL
    -- nothing: colors are a PostgreSQL-only report
    SQL
  postgres_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN color text;
    SQL
end
)");
  auto passes = lectern({"migrate", "--plan"});
  EXPECT_EQ(passes.exit_code, 0) << passes.out;
}

TEST_P(MigrateGuardTest, StateOnlyTellsTheStateWhatAHandWrittenChangeDid) {
  migrate_initial();
  write("0002_tag_color", "0001_initial", R"(run_sql
  sqlite_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN color varchar(20) NULL;
    SQL
  postgres_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN color varchar(20) NULL;
    SQL
end

state_only
add_field Tag
  field color type=varchar(20) null
end
)");
  auto sql = lectern({"sqlmigrate", "learning", "0002"});
  EXPECT_TRUE(has(sql.out, "-- Add field color to Tag (state only: no SQL)\n")) << sql.out;
  EXPECT_FALSE(has(sql.out, "-- (no SQL)")) << sql.out;
  auto r = lectern({"migrate"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto verify = lectern({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // Without state_only, the same change would be made twice.
  write("0003_tag_size", "0002_tag_color", R"(run_sql
  sqlite_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN size integer NULL;
    SQL
  postgres_forward <<SQL
    ALTER TABLE learning_tag ADD COLUMN size integer NULL;
    SQL
end

add_field Tag
  field size type=integer null
end
)");
  auto twice = lectern({"migrate"});
  EXPECT_EQ(twice.exit_code, 4) << twice.out << twice.err;
  EXPECT_EQ(recorded("0003_tag_size"), 0);
}

TEST_P(MigrateGuardTest, ARefusalByTheDatabaseIsExplainedWithItsHintNotAnInternalError) {
  migrate_initial();
  // Made by hand before the migration that makes it.
  conn().execute_script("CREATE TABLE learning_badge (id integer)");
  write("0002_badges", "0001_initial", R"(create_model Badge table=learning_badge
  field id type=bigauto primary_key
end
)");
  auto exists = lectern({"migrate"});
  EXPECT_EQ(exists.exit_code, 4) << exists.out << exists.err;
  EXPECT_TRUE(
      has(exists.err, "learning.0002_badges (" + path("0002_badges") + ":5): Create model Badge: "))
      << exists.err;
  EXPECT_TRUE(has(exists.err, "refused it")) << exists.err;
  EXPECT_TRUE(has(exists.err, "already exists")) << exists.err;
  EXPECT_TRUE(has(exists.err, "lectern migrate learning 0002_badges --fake")) << exists.err;
  EXPECT_TRUE(has(exists.err, "was rolled back")) << exists.err;
  EXPECT_EQ(recorded("0002_badges"), 0);

  if (GetParam() != db::Backend::kPostgres) return;
  // PostgreSQL's HINT reaches the user.
  conn().execute_script("DROP TABLE learning_badge");
  write("0002_badges", "0001_initial", R"(run_sql
  sqlite_forward <<SQL
    SELECT 1;
    SQL
  postgres_forward <<SQL
    ALTER TABLE learning_note ALTER COLUMN title TYPE integer;
    SQL
end
)");
  auto cast = lectern({"migrate"});
  EXPECT_EQ(cast.exit_code, 4) << cast.out << cast.err;
  EXPECT_TRUE(has(cast.err, "cannot be cast automatically to type integer")) << cast.err;
  EXPECT_TRUE(has(cast.err, "HINT: You might need to specify \"USING title::integer\"."))
      << cast.err;
}

// Rows for testmigrations to carry through the round trip.
constexpr const char* kTagRows = R"(run_sql
  sqlite_forward <<SQL
    INSERT INTO learning_tag (name) VALUES ('sql'), ('c++');
    SQL
  sqlite_backward <<SQL
    DELETE FROM learning_tag;
    SQL
  postgres_forward <<SQL
    INSERT INTO learning_tag (name) VALUES ('sql'), ('c++');
    SQL
  postgres_backward <<SQL
    DELETE FROM learning_tag;
    SQL
end
)";

TEST_P(MigrateGuardTest, TestmigrationsFailsOnASilentChangeOfStorageClassOnSqlite) {
  write("0002_tags", "0001_initial", kTagRows);
  write("0003_blobs", "0002_tags", R"(run_sql
  sqlite_forward <<SQL
    UPDATE learning_tag SET name = CAST(name AS BLOB);
    SQL
  sqlite_backward <<SQL
    UPDATE learning_tag SET name = CAST(name AS TEXT);
    SQL
  postgres_forward <<SQL
    UPDATE learning_tag SET name = name;
    SQL
  postgres_backward <<SQL
    SELECT 1;
    SQL
end
)");
  auto r = lectern({"testmigrations"});
  if (GetParam() == db::Backend::kPostgres) {
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(has(r.out, "All 3 migrations round-trip on postgres")) << r.out;
    return;
  }
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "learning.0002_tags... OK")) << r.out;
  EXPECT_TRUE(has(r.out,
                  "FAIL learning.0003_blobs leaves values their columns' types cannot hold:\n"
                  "  learning_tag.name holds 2 value(s) varchar(50) cannot hold"))
      << r.out;
}

TEST_P(MigrateGuardTest, TestmigrationsFailsWhenUnapplyingDoesNotRestoreTheData) {
  write("0002_tags", "0001_initial", kTagRows);
  write("0003_rename_tags", "0002_tags", R"(run_sql
  sqlite_forward <<SQL
    UPDATE learning_tag SET name = upper(name);
    SQL
  sqlite_backward <<SQL
    SELECT 1;
    SQL
  postgres_forward <<SQL
    UPDATE learning_tag SET name = upper(name);
    SQL
  postgres_backward <<SQL
    SELECT 1;
    SQL
end
)");
  auto r = lectern({"testmigrations"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "FAIL learning.0003_rename_tags does not round-trip its data")) << r.out;
  // Ids are whatever the sequence gave; the names are what changed.
  EXPECT_TRUE(has(r.out, " | text 'sql'\n")) << r.out;
  EXPECT_TRUE(has(r.out, " | text 'SQL'\n")) << r.out;
  EXPECT_TRUE(has(r.out, "  learning_tag: - integer ")) << r.out;
  EXPECT_TRUE(has(r.out, "  learning_tag: + integer ")) << r.out;
}

TEST_P(MigrateGuardTest, TwoLeavesAreRefusedWithAMergeFileInTheDirectoryInUse) {
  write("0002_tags_color", "0001_initial", "remove_field Tag name=name\n");
  write("0002_course_code", "0001_initial", "remove_field Course name=title\n");
  auto r = lectern({"migrate"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "migrations.E003 error: app learning ")) << r.out;
  EXPECT_TRUE(has(r.out, "(" + (dir_ / "learning").string() +
                             "/0003_merge.lmig: depends learning 0002_course_code; depends "
                             "learning 0002_tags_color)"))
      << r.out;
  EXPECT_FALSE(has(r.out, "Applying")) << r.out;
}

LECTERN_INSTANTIATE_BACKENDS(MigrateGuardTest);

}  // namespace
}  // namespace lectern
