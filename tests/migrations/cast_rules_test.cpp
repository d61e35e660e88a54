// The cast rules against the engines themselves. On PostgreSQL, for every
// pair of column types: a scratch table with a column of the first type and
// one row, then `ALTER COLUMN c TYPE <second>` without USING and with
// `USING c::<second>`, each in a savepoint, compared with the table's
// verdict (so the table cannot drift from the server). On SQLite, every pair
// goes through the engine's table rebuild and keeps its row.
#include "migrations/cast_rules.hpp"

#include <gtest/gtest.h>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "migrations/schema_editor.hpp"
#include "support/backends.hpp"

namespace lectern::migrations {
namespace {

using db::ColumnType;
using db::ColumnTypeSpec;

// Every column type, with the sizes the rules are measured at.
std::vector<ColumnTypeSpec> every_type() {
  std::vector<ColumnTypeSpec> out;
  for (int t = int(ColumnType::kBigAutoId); t <= int(ColumnType::kBytes); ++t) {
    ColumnTypeSpec spec{ColumnType(t)};
    if (spec.type == ColumnType::kVarchar) spec.max_length = 20;
    if (spec.type == ColumnType::kDecimal) spec = {ColumnType::kDecimal, 0, 10, 2};
    out.push_back(spec);
  }
  return out;
}

// Pairs whose verdict depends on the sizes.
std::vector<std::pair<ColumnTypeSpec, ColumnTypeSpec>> sized_pairs() {
  auto vc = [](int n) { return ColumnTypeSpec{ColumnType::kVarchar, n}; };
  auto dec = [](int p, int s) { return ColumnTypeSpec{ColumnType::kDecimal, 0, p, s}; };
  return {{vc(20), vc(40)},         {vc(40), vc(20)},
          {dec(10, 2), dec(12, 2)}, {dec(10, 2), dec(8, 2)},
          {dec(10, 2), dec(10, 3)}, {dec(10, 2), dec(12, 3)},
          {dec(10, 2), dec(10, 1)}, {{ColumnType::kText}, vc(20)}};
}

// A value of each type that converts to as many others as it can ("1" reads
// as a number, a boolean, JSON and bytes), so a data error means the cast
// exists but this value does not fit.
std::string sample(ColumnType type) {
  switch (type) {
    case ColumnType::kBoolean:
      return "true";
    case ColumnType::kTimestamp:
      return "2024-01-02 03:04:05+00";
    case ColumnType::kDate:
      return "2024-01-02";
    case ColumnType::kUuid:
      return "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    default:
      return "1";
  }
}

TEST(CastRulesTest, SameTypeIsNoChangeAndTheProjectKeyIsABigint) {
  for (const auto& a : every_type()) {
    SCOPED_TRACE(postgres_type_name(a));
    EXPECT_EQ(postgres_cast(a, a).kind, CastKind::kSame);
    for (const auto& b : every_type()) {
      if (a.type != ColumnType::kBigInt && b.type != ColumnType::kBigInt) continue;
      auto as_key = [](ColumnTypeSpec s) {
        if (s.type == ColumnType::kBigInt) s.type = ColumnType::kBigAutoId;
        return s;
      };
      auto plain = postgres_cast(a, b);
      auto key = postgres_cast(as_key(a), as_key(b));
      EXPECT_EQ(plain.kind, key.kind);
      EXPECT_EQ(plain.rewrites, key.rewrites);
    }
  }
  EXPECT_EQ(postgres_cast({ColumnType::kBigInt}, {ColumnType::kUuid}).kind, CastKind::kNever);
}

TEST(CastRulesTest, FailingRowsPredicates) {
  struct Case {
    std::string name;
    ColumnTypeSpec from, to;
    std::optional<std::string> sql;
    std::size_t params;
  };
  const std::vector<Case> cases = {
      {"bigint to integer",
       {ColumnType::kBigInt},
       {ColumnType::kInteger},
       "\"c\" < $1 OR \"c\" > $2",
       2},
      {"double to smallint",
       {ColumnType::kDouble},
       {ColumnType::kSmallInt},
       "round(\"c\") < $1 OR round(\"c\") > $2",
       2},
      {"text to varchar",
       {ColumnType::kText},
       {ColumnType::kVarchar, 20},
       "length(CAST(\"c\" AS text)) > $1",
       1},
      {"varchar shorter",
       {ColumnType::kVarchar, 40},
       {ColumnType::kVarchar, 20},
       "length(CAST(\"c\" AS text)) > $1",
       1},
      {"varchar longer", {ColumnType::kVarchar, 20}, {ColumnType::kVarchar, 40}, std::nullopt, 0},
      {"decimal precision down",
       {ColumnType::kDecimal, 0, 10, 2},
       {ColumnType::kDecimal, 0, 8, 2},
       "abs(round(CAST(\"c\" AS numeric), $1)) >= CAST($2 AS numeric)",
       2},
      {"decimal precision up",
       {ColumnType::kDecimal, 0, 10, 2},
       {ColumnType::kDecimal, 0, 12, 2},
       std::nullopt,
       0},
      {"integer to bigint", {ColumnType::kInteger}, {ColumnType::kBigInt}, std::nullopt, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto p = failing_rows_predicate(c.from, c.to, "\"c\"");
    EXPECT_EQ(postgres_cast(c.from, c.to).may_fail_on_data, c.sql.has_value());
    ASSERT_EQ(p.has_value(), c.sql.has_value());
    if (!p) continue;
    EXPECT_EQ(p->sql, *c.sql);
    EXPECT_EQ(p->params.size(), c.params);
  }
}

class CastRulesLiveTest : public lectern::testing::BackendTest {
 protected:
  struct Outcome {
    bool ok = false;
    std::string sqlstate;
    bool rewrote = false;
  };
  std::int64_t filenode() {
    return conn()
        .query("SELECT pg_relation_filenode('cast_probe')::bigint")
        .front()
        .get<std::int64_t>(0);
  }
  // `ALTER COLUMN c TYPE to [USING c::to]` in a savepoint that is rolled back.
  Outcome try_alter(const ColumnTypeSpec& to, bool with_using) {
    std::string type = postgres_type_name(to);
    std::string sql = "ALTER TABLE cast_probe ALTER COLUMN c TYPE " + type;
    if (with_using) sql += " USING c::" + type;
    Outcome out;
    std::int64_t before = filenode();
    db::Transaction savepoint(conn());
    try {
      conn().execute_script(sql);
      out.ok = true;
      out.rewrote = filenode() != before;
    } catch (const db::DatabaseError& e) {
      out.sqlstate = e.sqlstate();
    }
    savepoint.rollback();
    return out;
  }
  // A data error (class 22): the cast exists, this value does not convert.
  static bool cast_exists(const Outcome& o) { return o.ok || o.sqlstate.starts_with("22"); }

  void check_postgres(const ColumnTypeSpec& from, const ColumnTypeSpec& to) {
    SCOPED_TRACE(postgres_type_name(from) + " -> " + postgres_type_name(to));
    db::Transaction tx(conn());
    conn().execute_script("CREATE TABLE cast_probe (c " + postgres_type_name(from) + ")");
    // The type in the text: a prepared statement keeps its parameter types.
    conn().query("INSERT INTO cast_probe (c) VALUES (CAST($1 AS " + postgres_type_name(from) + "))",
                 sample(from.type));
    const PostgresCast rule = postgres_cast(from, to);
    const Outcome plain = try_alter(to, false);
    const Outcome using_cast = try_alter(to, true);
    switch (rule.kind) {
      case CastKind::kSame:
        EXPECT_TRUE(plain.ok) << plain.sqlstate;
        EXPECT_FALSE(plain.rewrote);
        break;
      case CastKind::kAsWritten:
        EXPECT_TRUE(cast_exists(plain)) << plain.sqlstate;
        if (plain.ok) {
          EXPECT_EQ(plain.rewrote, rule.rewrites);
        }
        break;
      case CastKind::kNeedsUsing:
        EXPECT_EQ(plain.sqlstate, "42804");  // "cannot be cast automatically"
        EXPECT_TRUE(cast_exists(using_cast)) << using_cast.sqlstate;
        break;
      case CastKind::kNever:
        EXPECT_EQ(plain.sqlstate, "42804");
        EXPECT_EQ(using_cast.sqlstate, "42846");  // "cannot cast type x to y"
        break;
    }
    tx.rollback();
  }

  // The engine's own rebuild, as the executor runs it on SQLite.
  void check_sqlite(const ColumnTypeSpec& from, const ColumnTypeSpec& to) {
    SCOPED_TRACE(postgres_type_name(from) + " -> " + postgres_type_name(to));
    schema::ModelState model{.app = "probe", .name = "Item", .table = "probe_item"};
    schema::FieldSpec id{
        .name = "id", .column = "id", .type = {ColumnType::kBigAutoId}, .primary_key = true};
    schema::FieldSpec c{.name = "c", .column = "c", .type = from};
    model.fields = {id, c};
    schema::ProjectState before, after;
    before.models.emplace(model.key(), model);
    model.fields[1].type = to;
    after.models.emplace(model.key(), model);
    const auto& dialect = db::dialect_for(db::Backend::kSqlite);
    const schema::ProjectState nothing;
    for (const auto& s :
         make_schema_editor(dialect, nothing, before)->create_model(*before.find("probe.Item")))
      conn().execute_script(s);
    conn().query("INSERT INTO probe_item (c) VALUES ($1)", sample(from.type));
    auto statements = make_schema_editor(dialect, before, after)
                          ->alter_field(*before.find("probe.Item"), *after.find("probe.Item"),
                                        before.find("probe.Item")->fields[1], model.fields[1], "");
    conn().execute_script("PRAGMA foreign_keys=OFF");
    try {
      db::Transaction tx(conn());
      for (const auto& s : statements) conn().execute_script(s);
      tx.commit();
    } catch (const db::CheckViolation& e) {
      // The copy converts by affinity; only the new column's constraints
      // refuse a value, as JSON validity does for text that is not JSON.
      EXPECT_EQ(to.type, ColumnType::kJson) << e.what();
    }
    conn().execute_script("PRAGMA foreign_keys=ON");
    EXPECT_EQ(conn().query("SELECT count(*) FROM probe_item").front().get<std::int64_t>(0), 1);
    conn().execute_script("DROP TABLE probe_item");
  }

  void check(const ColumnTypeSpec& from, const ColumnTypeSpec& to) {
    if (GetParam() == db::Backend::kPostgres) {
      check_postgres(from, to);
    } else {
      check_sqlite(from, to);
    }
  }
};

TEST_P(CastRulesLiveTest, EveryPairOfColumnTypesMatchesTheEngine) {
  for (const auto& from : every_type()) {
    for (const auto& to : every_type()) {
      check(from, to);
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(CastRulesLiveTest, SizeChangesMatchTheEngine) {
  for (const auto& [from, to] : sized_pairs()) check(from, to);
}

LECTERN_INSTANTIATE_BACKENDS(CastRulesLiveTest);

}  // namespace
}  // namespace lectern::migrations
