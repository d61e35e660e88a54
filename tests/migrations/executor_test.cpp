// The executor on both backends: forward, backward, targets, --fake, a
// failing migration leaving nothing behind, irreversible migrations refused,
// empty tables re-created rather than altered.
#include "migrations/executor.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "db/errors.hpp"
#include "migrations/file_format.hpp"
#include "migrations/introspection.hpp"
#include "migrations/operations.hpp"
#include "migrations/recorder.hpp"
#include "migrations/verify.hpp"
#include "support/backends.hpp"

namespace lectern::migrations {
namespace {

using lectern::testing::BackendTest;

// courses: 0001 -> 0002 -> 0003
const char* kInitial = R"(# Lectern migration
migration courses 0001_initial

create_model Course table=courses_course
  field id type=bigauto primary_key
  field title type=varchar(200)
end
create_model Module table=courses_module
  field id type=bigauto primary_key
  field course type=bigint relation=foreign_key target=courses.Course on_delete=cascade
  field position type=integer
end
)";

const char* kAddPrice = R"(# Lectern migration
migration courses 0002_course_price_cents
depends courses 0001_initial

add_field Course
  field price_cents type=integer default=0 min=0
end
alter_field Course
  field title type=text
end
)";

const char* kIrreversible = R"(# Lectern migration
migration courses 0003_backfill
depends courses 0002_course_price_cents

run_sql
  sqlite_forward <<SQL
    UPDATE courses_course SET price_cents = 100 WHERE price_cents = 0;
    SQL
  postgres_forward <<SQL
    UPDATE courses_course SET price_cents = 100 WHERE price_cents = 0;
    SQL
end
)";

// Creates a table, then fails: nothing of it may remain.
const char* kFailing = R"(# Lectern migration
migration courses 0003_broken
depends courses 0002_course_price_cents

create_model Lesson table=courses_lesson
  field id type=bigauto primary_key
end
run_sql
  sqlite_forward <<SQL
    INSERT INTO no_such_table VALUES (1);
    SQL
  sqlite_backward <<SQL
    SELECT 1;
    SQL
  postgres_forward <<SQL
    INSERT INTO no_such_table VALUES (1);
    SQL
  postgres_backward <<SQL
    SELECT 1;
    SQL
end
)";

const char* kAddNote = R"(# Lectern migration
migration courses 0002_module_note
depends courses 0001_initial

add_field Module
  field note type=text default=""
end
)";

const char* kRemovePosition = R"(# Lectern migration
migration courses 0003_remove_position
depends courses 0002_module_note

remove_field Module name=position
)";

class ExecutorTest : public BackendTest {
 protected:
  std::vector<Migration> files(std::initializer_list<const char*> texts) {
    std::vector<Migration> out;
    int i = 0;
    for (const char* t : texts) out.push_back(parse_migration(t, "test" + std::to_string(i++)));
    return out;
  }
  std::set<MigrationKey> applied() {
    std::set<MigrationKey> out;
    for (const auto& [k, v] : MigrationRecorder(conn()).applied()) out.insert(k);
    return out;
  }
  bool has_table(const std::string& name) {
    return read_live_schema(conn()).tables.count(name) > 0;
  }
  bool sqlite() const { return GetParam() == db::Backend::kSqlite; }

  // How SQLite stores the table's CREATE statement: ADD COLUMN appends
  // `, "note" ...` to it, a re-created table has the column on a line of its
  // own.
  std::string stored_sql(const std::string& table) {
    return conn()
        .query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1", table)
        .front()
        .get<std::string>(0);
  }

  // The live schema is exactly what the applied migrations promise.
  void expect_no_drift(const MigrationExecutor& executor) {
    auto differences = compare_schemas(expected_schema(executor.applied_state(), conn().dialect()),
                                       read_live_schema(conn()), GetParam());
    for (const auto& d : differences) ADD_FAILURE() << to_string(d);
  }

  std::int64_t insert_module(std::int64_t course) {
    return conn()
        .query("INSERT INTO courses_module (course_id, position) VALUES ($1, 1) RETURNING id",
               course)
        .front()
        .get<std::int64_t>(0);
  }

  std::int64_t insert_course() {
    return conn()
        .query("INSERT INTO courses_course (title) VALUES ('Intro') RETURNING id")
        .front()
        .get<std::int64_t>(0);
  }
};

TEST_P(ExecutorTest, AppliesEverythingInOrderAndRecordsChecksums) {
  auto migrations = files({kInitial, kAddPrice});
  MigrationExecutor executor(conn(), migrations);
  std::vector<std::string> seen;
  auto steps = executor.migrate({}, {}, [&](const PlanStep& s, std::string_view outcome) {
    if (!outcome.empty()) seen.push_back(s.key.str() + " " + std::string(outcome));
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"courses.0001_initial OK",
                                            "courses.0002_course_price_cents OK"}));
  auto history = MigrationRecorder(conn()).applied();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history.at({"courses", "0001_initial"}).checksum, migrations[0].checksum);
  auto live = read_live_schema(conn());
  ASSERT_TRUE(live.tables.count("courses_course"));
  EXPECT_NE(live.tables.at("courses_course").column("price_cents"), nullptr);
  // A second run has nothing to do.
  EXPECT_TRUE(executor.migrate({}).empty());
}

TEST_P(ExecutorTest, MigratesBackToATargetKeepingRows) {
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice}));
  executor.migrate({});
  conn().query("INSERT INTO courses_course (title, price_cents) VALUES ($1, $2)", "Intro", 5);
  auto steps = executor.migrate({{"courses", "0001"}});
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_TRUE(steps[0].backwards);
  EXPECT_EQ(applied(), (std::set<MigrationKey>{{"courses", "0001_initial"}}));
  auto rows = conn().query("SELECT * FROM courses_course");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<std::string>("title"), "Intro");
  EXPECT_EQ(rows.columns().size(), 2u);  // id, title: price_cents is gone
}

TEST_P(ExecutorTest, ChangingATableKeepsItsIdCounter) {
  // 0002 changes a column's type: on SQLite, the table rebuild.
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice}));
  executor.migrate({{"courses", "0001_initial"}});
  conn().query("INSERT INTO courses_course (title) VALUES ('Intro')");
  const auto last =
      conn()
          .query("INSERT INTO courses_course (title) VALUES ('Advanced') RETURNING id")
          .front()
          .get<std::int64_t>(0);
  conn().query("DELETE FROM courses_course WHERE id = $1", last);

  executor.migrate({});

  // The deleted row's id is not handed out again.
  EXPECT_GT(conn()
                .query("INSERT INTO courses_course (title) VALUES ('Next') RETURNING id")
                .front()
                .get<std::int64_t>(0),
            last);
}

TEST_P(ExecutorTest, ZeroUnappliesTheWholeApp) {
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice}));
  executor.migrate({});
  executor.migrate({{"courses", "zero"}});
  EXPECT_TRUE(applied().empty());
  EXPECT_FALSE(has_table("courses_course"));
  EXPECT_FALSE(has_table("courses_module"));
}

TEST_P(ExecutorTest, FakeRecordsWithoutRunningSql) {
  MigrationExecutor executor(conn(), files({kInitial}));
  executor.migrate({}, {.fake = true});
  EXPECT_EQ(applied().size(), 1u);
  EXPECT_FALSE(has_table("courses_course"));
}

TEST_P(ExecutorTest, FailingMigrationLeavesNeitherSchemaNorHistory) {
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice, kFailing}));
  EXPECT_THROW(executor.migrate({}), MigrationRefused);
  EXPECT_EQ(applied(), (std::set<MigrationKey>{{"courses", "0001_initial"},
                                               {"courses", "0002_course_price_cents"}}));
  EXPECT_FALSE(has_table("courses_lesson"));
  EXPECT_TRUE(conn().is_healthy());
  if (GetParam() == db::Backend::kSqlite) {
    // Foreign keys are back on after the failed migration.
    EXPECT_EQ(conn().query("PRAGMA foreign_keys").front().get<int>(0), 1);
  }
}

TEST_P(ExecutorTest, IrreversibleMigrationRefusesToUnapplyAndChangesNothing) {
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice, kIrreversible}));
  executor.migrate({});
  try {
    executor.migrate({{"courses", "0002"}});
    FAIL() << "expected IrreversibleError";
  } catch (const IrreversibleError& e) {
    EXPECT_NE(std::string(e.what()).find("courses.0003_backfill"), std::string::npos) << e.what();
  }
  EXPECT_EQ(applied().size(), 3u);
}

TEST_P(ExecutorTest, PlanShowsWhatWouldRunAndRunsNothing) {
  MigrationExecutor executor(conn(), files({kInitial, kAddPrice}));
  auto plan = executor.plan({});
  EXPECT_EQ(plan, (std::vector<PlanStep>{{{"courses", "0001_initial"}, false},
                                         {{"courses", "0002_course_price_cents"}, false}}));
  EXPECT_FALSE(has_table("courses_course"));
}

TEST_P(ExecutorTest, UnknownTargetIsNotFound) {
  MigrationExecutor executor(conn(), files({kInitial}));
  EXPECT_THROW(executor.plan({{"courses", "0009"}}), NotFoundError);
  EXPECT_THROW(executor.plan({{"nosuchapp", ""}}), NotFoundError);
}

// Adding or removing a column of an empty table: on SQLite the executor
// re-creates the table instead of altering it (EmptyTableRecreation in
// schema_editor.hpp). On both backends the outcome must be the same: the
// schema the migrations promise, the id counter kept, and nothing the
// migrations do not know about (an index or trigger added by hand) lost.

TEST_P(ExecutorTest, AnEmptyTableIsRecreatedKeepingItsIdCounterAndIndexes) {
  MigrationExecutor executor(conn(), files({kInitial, kAddNote}));
  executor.migrate({{"courses", "0001_initial"}});
  const auto course = insert_course();
  const auto first = insert_module(course);
  conn().query("DELETE FROM courses_module");

  executor.migrate({});

  if (sqlite()) {
    EXPECT_NE(stored_sql("courses_module").find(",\n    \"note\" text"), std::string::npos)
        << stored_sql("courses_module");
  }
  expect_no_drift(executor);
  // The deleted row's id is not handed out again.
  EXPECT_GT(insert_module(course), first);
  // The foreign key still holds: a module of a missing course is refused.
  EXPECT_ANY_THROW(insert_module(course + 1000));
}

TEST_P(ExecutorTest, ATableWithRowsIsAlteredAndKeepsThem) {
  MigrationExecutor executor(conn(), files({kInitial, kAddNote}));
  executor.migrate({{"courses", "0001_initial"}});
  const auto module = insert_module(insert_course());

  executor.migrate({});

  if (sqlite()) {
    EXPECT_NE(stored_sql("courses_module").find(", \"note\" text"), std::string::npos)
        << stored_sql("courses_module");
  }
  expect_no_drift(executor);
  auto rows = conn().query("SELECT id, note FROM courses_module");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get<std::int64_t>(0), module);
  EXPECT_EQ(rows[0].get<std::string>(1), "");
}

TEST_P(ExecutorTest, WhenToldToAlterAnEmptyTableIsAltered) {
  MigrationExecutor executor(conn(), files({kInitial, kAddNote}));
  executor.migrate({{"courses", "0001_initial"}});

  executor.migrate({}, {.recreate_empty_tables = false});

  if (sqlite()) {
    EXPECT_NE(stored_sql("courses_module").find(", \"note\" text"), std::string::npos)
        << stored_sql("courses_module");
  }
  expect_no_drift(executor);
}

TEST_P(ExecutorTest, AnIndexOrTriggerTheMigrationsDoNotKnowIsKept) {
  MigrationExecutor executor(conn(), files({kInitial, kAddNote}));
  executor.migrate({{"courses", "0001_initial"}});
  conn().execute_script("CREATE INDEX courses_module_by_hand ON courses_module (position)");
  if (sqlite()) {
    conn().execute_script(
        "CREATE TRIGGER courses_module_touch AFTER INSERT ON courses_module "
        "BEGIN UPDATE courses_course SET title = 'touched' WHERE id = NEW.course_id; END");
  }

  executor.migrate({});

  auto live = read_live_schema(conn());
  const auto& indexes = live.tables.at("courses_module").indexes;
  EXPECT_TRUE(std::any_of(indexes.begin(), indexes.end(), [](const LiveIndex& index) {
    return index.name == "courses_module_by_hand";
  }));
  EXPECT_NE(live.tables.at("courses_module").column("note"), nullptr);
  if (sqlite()) {
    const auto course = insert_course();
    insert_module(course);
    EXPECT_EQ(conn()
                  .query("SELECT title FROM courses_course WHERE id = $1", course)
                  .front()
                  .get<std::string>(0),
              "touched");
  }
}

TEST_P(ExecutorTest, RemovingAndRestoringColumnsOfAnEmptyTableRoundTrips) {
  MigrationExecutor executor(conn(), files({kInitial, kAddNote, kRemovePosition}));
  executor.migrate({{"courses", "0001_initial"}});
  const auto course = insert_course();
  const auto first = insert_module(course);
  conn().query("DELETE FROM courses_module");

  executor.migrate({});
  expect_no_drift(executor);
  EXPECT_EQ(read_live_schema(conn()).tables.at("courses_module").column("position"), nullptr);

  // Back to 0001: both columns change again, on the still empty table.
  executor.migrate({{"courses", "0001_initial"}});
  expect_no_drift(executor);
  auto live = read_live_schema(conn());
  EXPECT_EQ(live.tables.at("courses_module").column("note"), nullptr);
  EXPECT_NE(live.tables.at("courses_module").column("position"), nullptr);
  EXPECT_GT(insert_module(course), first);
}

// The executor refuses on its own, without migrate's checks before it (a
// caller that skips them, or rows that changed since): the same refusal on
// both backends, and nothing of the migration applied or recorded.
const char* kUuidKeys = R"(# Lectern migration
migration courses 0002_uuid_keys
depends courses 0001_initial

alter_field Course
  field id type=uuid primary_key
end
)";

const char* kShortTitles = R"(# Lectern migration
migration courses 0002_short_titles
depends courses 0001_initial

alter_field Course
  field title type=varchar(5)
end
)";

const char* kIntegerPositionsAsText = R"(# Lectern migration
migration courses 0002_position_text
depends courses 0001_initial

alter_field Module
  field position type=text
end
)";

TEST_P(ExecutorTest, AKeyTypePostgresCannotCastIsRefusedOnBothBackends) {
  MigrationExecutor executor(conn(), files({kInitial, kUuidKeys}));
  executor.migrate({{"courses", "0001_initial"}});
  auto course = insert_course();
  insert_module(course);
  try {
    executor.migrate({});
    FAIL() << "applied";
  } catch (const MigrationRefused& e) {
    EXPECT_NE(std::string(e.what()).find("courses.0002_uuid_keys"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Alter field id on Course"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
  }
  EXPECT_EQ(applied(), (std::set<MigrationKey>{{"courses", "0001_initial"}}));
  auto id = conn().query("SELECT id FROM courses_course").front();
  EXPECT_EQ(id.get<std::int64_t>(0), course);
  if (sqlite()) {
    EXPECT_EQ(conn().query("SELECT typeof(id) FROM courses_course").front().get<std::string>(0),
              "integer");
  }
  expect_no_drift(executor);
}

TEST_P(ExecutorTest, AValueTooLongForTheNewVarcharIsRefusedOnBothBackends) {
  MigrationExecutor executor(conn(), files({kInitial, kShortTitles}));
  executor.migrate({{"courses", "0001_initial"}});
  insert_course();  // "Intro" fits varchar(5)
  conn().query("INSERT INTO courses_course (title) VALUES ('Advanced')");
  EXPECT_THROW(executor.migrate({}), MigrationRefused);
  EXPECT_EQ(applied().size(), 1u);
  EXPECT_EQ(conn()
                .query("SELECT count(*) FROM courses_course WHERE title = 'Advanced'")
                .front()
                .get<std::int64_t>(0),
            1);
  expect_no_drift(executor);

  conn().query("DELETE FROM courses_course WHERE title = 'Advanced'");
  executor.migrate({});
  EXPECT_EQ(applied().size(), 2u);
  expect_no_drift(executor);
}

TEST_P(ExecutorTest, AConversionToTextStoresTextOnBothBackends) {
  MigrationExecutor executor(conn(), files({kInitial, kIntegerPositionsAsText}));
  executor.migrate({{"courses", "0001_initial"}});
  insert_module(insert_course());
  executor.migrate({});
  auto row = conn().query("SELECT position FROM courses_module").front();
  EXPECT_EQ(row.get<std::string>(0), "1");
  if (sqlite()) {
    EXPECT_EQ(
        conn().query("SELECT typeof(position) FROM courses_module").front().get<std::string>(0),
        "text");
  }
  expect_no_drift(executor);
}

TEST_P(ExecutorTest, TheSqliteRebuildShowsItsRowGuard) {
  auto migrations = files({kInitial, kShortTitles});
  auto sql =
      migration_sql(migrations[1], state_after(std::vector<const Migration*>{&migrations[0]}),
                    conn().dialect(), Direction::kForwards);
  const std::string script = sql.script();
  if (sqlite()) {
    EXPECT_NE(script.find(std::string(kRefuseIfRowMarker) +
                          "SELECT count(*) || ' row(s) of courses_course.title cannot hold "
                          "varchar(5)"),
              std::string::npos)
        << script;
  } else {
    EXPECT_EQ(script.find(std::string(kRefuseIfRowMarker)), std::string::npos) << script;
  }
}

LECTERN_INSTANTIATE_BACKENDS(ExecutorTest);

}  // namespace
}  // namespace lectern::migrations
