// A real database (SQLite and PostgreSQL, via BackendTest) holding the base
// project of operations_fixture.hpp, with operations applied and unapplied
// the way the executor will: each step's statements in one transaction, on
// SQLite between PRAGMA foreign_keys=OFF and ON with a foreign_key_check
// before COMMIT. schema() reads the schema back from the catalogue, so a test
// can check that unapplying restores it exactly.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "migrations/operations.hpp"
#include "operations_fixture.hpp"
#include "support/backends.hpp"

namespace lectern::migrations::testing {

class ApplyTest : public lectern::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const auto& [app, op] : base_operations()) apply(op, app);
  }

  const db::Dialect& dialect() const { return db::dialect_for(GetParam()); }
  bool sqlite() const { return GetParam() == db::Backend::kSqlite; }

  // Runs statements as the executor does (see schema_editor.hpp).
  void run(const Statements& statements, bool in_transaction = true) {
    if (sqlite()) conn().execute_script("PRAGMA foreign_keys=OFF");
    struct ForeignKeysOn {
      ApplyTest* t;
      ~ForeignKeysOn() {
        if (t->sqlite()) t->conn().execute_script("PRAGMA foreign_keys=ON");
      }
    } on{this};
    if (!in_transaction) {
      for (const auto& s : statements) conn().execute_script(s);
      return;
    }
    db::Transaction tx(conn());
    for (const auto& s : statements) conn().execute_script(s);
    if (sqlite()) {
      auto violations = conn().query("PRAGMA foreign_key_check");
      if (!violations.empty()) throw db::ForeignKeyViolation("foreign_key_check found rows");
    }
    tx.commit();
  }

  // Applies `op` forwards (state and database) and remembers how to undo it.
  void apply(const Operation& op, const std::string& app = "courses") {
    ProjectState next = state_;
    state_forwards(op, app, next);
    run(database_forwards(op, app, state_, next, dialect()),
        !runs_outside_transaction(op, GetParam()));
    steps_.push_back({op, app, state_});
    state_ = std::move(next);
  }

  // Undoes the last applied operation.
  void unapply() {
    ASSERT_FALSE(steps_.empty());
    Step step = steps_.back();
    steps_.pop_back();
    run(database_backwards(step.op, step.app, state_, step.before, dialect()),
        !runs_outside_transaction(step.op, GetParam()));
    state_ = std::move(step.before);
  }

  // One row inserted with bound values; returns its id.
  template <typename... Args>
  std::int64_t insert(const std::string& sql, Args&&... args) {
    return conn()
        .query(sql + " RETURNING \"id\"", std::forward<Args>(args)...)
        .front()
        .template get<std::int64_t>(0);
  }
  std::int64_t user(const std::string& name) {
    return insert("INSERT INTO accounts_user (username) VALUES ($1)", name);
  }
  std::int64_t course(const std::string& slug, std::int64_t instructor) {
    return insert("INSERT INTO courses_course (title, slug, instructor_id) VALUES ($1, $2, $3)",
                  "Title " + slug, slug, instructor);
  }

  // Runs `fn` in a transaction that must fail with Error (PostgreSQL's
  // deferred foreign keys fail at COMMIT, the rest at the statement).
  template <typename Error, typename Fn>
  void expect_rejected(Fn&& fn) {
    EXPECT_THROW(
        {
          db::Transaction tx(conn());
          fn();
          tx.commit();
        },
        Error);
  }

  // The schema as sorted lines read from the catalogue: columns (type,
  // nullability, default), foreign keys, indexes and constraints.
  std::vector<std::string> schema() {
    std::vector<std::string> lines;
    auto add = [&](const db::ResultSet& rows, const std::string& prefix = "") {
      for (const auto& row : rows) {
        std::string line = prefix;
        for (std::size_t i = 0; i < rows.columns().size(); ++i) line += " | " + text(row.at(i));
        lines.push_back(line);
      }
    };
    if (!sqlite()) {
      add(conn().query(
          "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, "
          "column_default, is_identity FROM information_schema.columns WHERE table_schema = "
          "'public'"));
      add(conn().query(
          "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
          "WHERE connamespace = 'public'::regnamespace"));
      add(conn().query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"));
    } else {
      auto tables = conn().query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
      for (const auto& t : tables) {
        auto name = t.get<std::string>(0);
        add(conn().query(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1)", name),
            name);
        add(conn().query("SELECT \"table\", \"from\", \"to\", on_delete FROM "
                         "pragma_foreign_key_list($1)",
                         name),
            name);
        auto indexes = conn().query("SELECT name, \"unique\" FROM pragma_index_list($1)", name);
        for (const auto& index : indexes) {
          add(conn().query("SELECT group_concat(name) FROM pragma_index_info($1)",
                           index.get<std::string>(0)),
              name + " index " + index.get<std::string>(0) + " " + text(index.at(1)));
        }
      }
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  ProjectState state_;

 private:
  static std::string text(const db::Value& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (db::is_null(v)) return "NULL";
    return std::string(db::type_name(v));
  }

  struct Step {
    Operation op;
    std::string app;
    ProjectState before;
  };
  std::vector<Step> steps_;
};

}  // namespace lectern::migrations::testing
