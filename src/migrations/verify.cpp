#include "migrations/verify.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/text.hpp"
#include "migrations/schema_editor.hpp"
#include "migrations/schema_editor_parts.hpp"

namespace lectern::migrations {

using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;
using schema::Relation;
using namespace editor_parts;

namespace {

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// ---------------------------------------------------------------------------
// The expected schema, by the schema editors' own rules (editor_parts): a
// one-to-one is a unique foreign key; a unique column is indexed by its
// constraint alone; a primary key gets neither default, UNIQUE, CHECK nor
// REFERENCES.

std::string on_delete_sql(schema::OnDelete on_delete) {
  switch (on_delete) {
    case schema::OnDelete::kNone:
      return "NO ACTION";
    case schema::OnDelete::kCascade:
      return "CASCADE";
    case schema::OnDelete::kSetNull:
      return "SET NULL";
    case schema::OnDelete::kProtect:  // enforced by the database as RESTRICT
    case schema::OnDelete::kRestrict:
      return "RESTRICT";
  }
  return "NO ACTION";
}

// SQLite names the index of a UNIQUE constraint itself ("sqlite_autoindex_...",
// by position); introspection renames it after its columns.
std::string unique_index_name(bool sqlite, const std::string& name,
                              const std::vector<std::string>& columns) {
  return sqlite ? "unique(" + join(columns, ",") + ")" : name;
}

std::vector<std::string> columns_of(const ModelState& model,
                                    const std::vector<std::string>& fields) {
  std::vector<std::string> out;
  for (const auto& name : fields) {
    const FieldSpec* f = model.field(name);
    if (!f) throw ValidationError("model " + model.key() + " has no field named " + name);
    out.push_back(f->column);
  }
  return out;
}

std::string range_expression(const db::Dialect& d, const FieldSpec& f) {
  std::vector<std::string> terms;
  if (f.min_value) terms.push_back(d.quote(f.column) + " >= " + std::to_string(*f.min_value));
  if (f.max_value) terms.push_back(d.quote(f.column) + " <= " + std::to_string(*f.max_value));
  return join(terms, " AND ");
}

std::string check_expression(const db::Dialect& d, const ModelState& model,
                             const ConstraintSpec& c) {
  std::vector<std::string> terms;
  for (const auto& term : c.check) {
    terms.push_back(d.quote(columns_of(model, {term.field}).front()) + " " + term.op + " " +
                    std::to_string(term.value));
  }
  return join(terms, " AND ");
}

LiveTable expected_table(const ModelState& model, const ProjectState& state,
                         const db::Dialect& dialect, const SchemaEditor& editor) {
  const bool sqlite = dialect.backend() == db::Backend::kSqlite;
  const std::string& table = model.table;
  LiveTable t;
  t.name = table;
  for (const auto& f : model.fields) {
    LiveColumn c;
    c.name = f.column;
    c.primary_key = f.primary_key;
    c.nullable = f.null && !f.primary_key;
    if (f.primary_key && f.type.type == db::ColumnType::kBigAutoId) {
      // The dialect names the whole key clause ("integer NOT NULL PRIMARY KEY
      // AUTOINCREMENT"); the catalogue keeps its first word.
      std::string clause = dialect.type_name(f.type);
      c.type = clause.substr(0, clause.find(' '));
    } else {
      c.type = editor.column_type(f, state);
    }
    if (!f.primary_key) c.default_sql = editor.default_sql(f);
    t.columns.push_back(c);

    if (has_foreign_key_index(f)) {
      t.indexes.push_back({names::foreign_key_index(table, f.column), {f.column}, false});
    }
    if (f.primary_key) continue;
    if (has_relation(f)) {
      const ModelState* target = state.find(f.target);  // column_type() found it
      t.foreign_keys.push_back(
          {f.column, target->table, target->primary_key()->column, on_delete_sql(f.on_delete)});
    }
    if (is_unique(f)) {
      t.indexes.push_back({unique_index_name(sqlite, names::unique(table, f.column), {f.column}),
                           {f.column},
                           true});
    }
    if (has_range(f))
      t.checks.push_back({names::range_check(table, f.column), range_expression(dialect, f)});
    if (sqlite && f.type.type == db::ColumnType::kJson && !has_relation(f)) {
      t.checks.push_back({"", "json_valid(" + dialect.quote(f.column) + ")"});
    }
  }
  for (const auto& index : model.indexes) {
    t.indexes.push_back({index.name, columns_of(model, index.fields), index.unique});
  }
  for (const auto& c : model.constraints) {
    if (c.kind == ConstraintSpec::Kind::kUnique) {
      auto columns = columns_of(model, c.fields);
      t.indexes.push_back({unique_index_name(sqlite, c.name, columns), columns, true});
    } else {
      t.checks.push_back({c.name, check_expression(dialect, model, c)});
    }
  }
  return t;
}

// ---------------------------------------------------------------------------
// Comparing

struct Report {
  std::vector<SchemaDifference>& out;
  const std::string& table;
  void add(std::string_view code, std::string columns, std::string message) {
    out.push_back({"verify." + std::string(code), table, std::move(columns), std::move(message)});
  }
};

std::string or_none(const std::string& s) {
  return s.empty() ? "none" : s;
}

std::string describe_index(const LiveIndex& index) {
  if (index.name.rfind("unique(", 0) == 0) return "unique constraint";  // SQLite's, unnamed
  return (index.unique ? "unique index " : "index ") + index.name;
}

std::string index_shape(const LiveIndex& index) {
  return std::string(index.unique ? "unique " : "") + "on (" + join(index.columns, ", ") + ")";
}

// The columns of `table` that `expression` mentions, in table order.
std::string mentioned_columns(const std::string& expression, const LiveTable& table) {
  std::set<std::string> words;
  std::string word;
  for (char c : expression + " ") {
    if (is_word(c)) {
      word += c;
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  std::vector<std::string> out;
  for (const auto& c : table.columns) {
    if (words.count(c.name)) out.push_back(c.name);
  }
  return join(out, ", ");
}

// The type a foreign key to `key` must have. SQLite's auto-increment key is
// `integer` (the 64-bit rowid) and the schema editor types references to it
// bigint, as on PostgreSQL.
std::string referencing_type(const LiveColumn& key, db::Backend backend) {
  if (backend == db::Backend::kSqlite && key.primary_key && key.type == "integer") return "bigint";
  return key.type;
}

void compare_columns(const LiveTable& e, const LiveTable& l, Report& report) {
  for (const auto& ec : e.columns) {
    const LiveColumn* lc = l.column(ec.name);
    if (!lc) {
      report.add("E006", ec.name, "missing; the migrations add it as " + ec.type);
      continue;
    }
    if (lc->type != ec.type) {
      report.add("E003", ec.name, "type is " + lc->type + ", migrations say " + ec.type);
    }
    if (lc->nullable != ec.nullable) {
      report.add(
          "E004", ec.name,
          lc->nullable ? "nullable, migrations say NOT NULL" : "NOT NULL, migrations say nullable");
    }
    if (lc->default_sql != ec.default_sql) {
      report.add(
          "E005", ec.name,
          "default is " + or_none(lc->default_sql) + ", migrations say " + or_none(ec.default_sql));
    }
    if (lc->primary_key != ec.primary_key) {
      report.add("E008", ec.name,
                 lc->primary_key ? "is part of the primary key, migrations say it is not"
                                 : "is not the primary key, migrations say it is");
    }
  }
  for (const auto& lc : l.columns) {
    if (!e.column(lc.name)) {
      report.add("E007", lc.name, "extra column (" + lc.type + ") not in the migrations");
    }
  }
}

void compare_indexes(const LiveTable& e, const LiveTable& l, Report& report) {
  std::map<std::string, const LiveIndex*> live;
  for (const auto& i : l.indexes) live.emplace(i.name, &i);
  std::set<std::string> expected_names;
  for (const auto& ei : e.indexes) {
    expected_names.insert(ei.name);
    auto it = live.find(ei.name);
    if (it == live.end()) {
      // An index over a missing column cannot exist: the column is reported.
      bool column_missing = std::any_of(ei.columns.begin(), ei.columns.end(),
                                        [&](const std::string& c) { return !l.column(c); });
      if (!column_missing) {
        report.add("E009", join(ei.columns, ", "), describe_index(ei) + " is missing");
      }
      continue;
    }
    const LiveIndex& li = *it->second;
    if (li.columns != ei.columns || li.unique != ei.unique) {
      report.add(
          "E011", join(li.columns, ", "),
          describe_index(ei) + " is " + index_shape(li) + ", migrations say " + index_shape(ei));
    }
  }
  for (const auto& li : l.indexes) {
    if (!expected_names.count(li.name)) {
      report.add("E010", join(li.columns, ", "),
                 "extra " + describe_index(li) + " not in the migrations");
    }
  }
}

void compare_foreign_keys(const LiveTable& e, const LiveTable& l, const LiveSchema& live,
                          db::Backend backend, Report& report) {
  auto target = [](const LiveForeignKey& fk) { return fk.target_table + "." + fk.target_column; };
  std::map<std::string, const LiveForeignKey*> by_column;
  for (const auto& fk : l.foreign_keys) by_column.emplace(fk.column, &fk);
  std::set<std::string> expected_columns;
  for (const auto& efk : e.foreign_keys) {
    expected_columns.insert(efk.column);
    auto it = by_column.find(efk.column);
    if (it == by_column.end()) {
      if (l.column(efk.column)) {
        report.add("E012", efk.column, "foreign key to " + target(efk) + " is missing");
      }
      continue;
    }
    const LiveForeignKey& lfk = *it->second;
    if (target(lfk) != target(efk)) {
      report.add("E014", efk.column,
                 "foreign key references " + target(lfk) + ", migrations say " + target(efk));
    }
    if (lfk.on_delete != efk.on_delete) {
      report.add("E015", efk.column,
                 "foreign key ON DELETE " + lfk.on_delete + ", migrations say " + efk.on_delete);
    }
  }
  for (const auto& lfk : l.foreign_keys) {
    if (!expected_columns.count(lfk.column)) {
      report.add("E013", lfk.column,
                 "extra foreign key to " + target(lfk) + " not in the migrations");
    }
    // Key types: the live column against the live key it references.
    const LiveColumn* column = l.column(lfk.column);
    auto table = live.tables.find(lfk.target_table);
    const LiveColumn* key =
        table == live.tables.end() ? nullptr : table->second.column(lfk.target_column);
    if (!column || !key) continue;
    std::string needed = referencing_type(*key, backend);
    if (column->type != needed) {
      report.add("E016", lfk.column,
                 "foreign key column is " + column->type + " but the key it references, " +
                     target(lfk) + ", is " + needed);
    }
  }
}

void compare_checks(const LiveTable& e, const LiveTable& l, db::Backend backend, Report& report) {
  // Checks pair up by name on PostgreSQL. SQLite never addresses a
  // constraint by name, so the schema editor leaves the names of a renamed
  // table or column as they were (see rename_table_objects): there they pair
  // up by expression, which renames do follow.
  auto key = [backend](const LiveCheck& c) {
    return c.name.empty() || backend == db::Backend::kSqlite
               ? "=" + normalize::expression(c.expression)
               : c.name;
  };
  std::map<std::string, const LiveCheck*> live;
  for (const auto& c : l.checks) live.emplace(key(c), &c);
  std::set<std::string> expected_keys;
  for (const auto& ec : e.checks) {
    expected_keys.insert(key(ec));
    auto it = live.find(key(ec));
    std::string label = ec.name.empty() ? "check" : "check " + ec.name;
    if (it == live.end()) {
      report.add("E017", mentioned_columns(ec.expression, e),
                 label + " (" + ec.expression + ") is missing");
      continue;
    }
    if (normalize::expression(it->second->expression) != normalize::expression(ec.expression)) {
      report.add("E019", mentioned_columns(ec.expression, e),
                 label + " is " + it->second->expression + ", migrations say " + ec.expression);
    }
  }
  for (const auto& lc : l.checks) {
    if (expected_keys.count(key(lc))) continue;
    std::string label = lc.name.empty() ? "check" : "check " + lc.name;
    report.add("E018", mentioned_columns(lc.expression, l),
               "extra " + label + " (" + lc.expression + ") not in the migrations");
  }
}

LiveSchema normalized(LiveSchema schema) {
  for (auto& [name, table] : schema.tables) {
    for (auto& c : table.columns) {
      c.type = normalize::type(c.type);
      c.default_sql = normalize::default_sql(c.default_sql);
    }
  }
  return schema;
}

}  // namespace

std::string to_string(const SchemaDifference& d) {
  std::string out = d.code + " table " + d.table;
  if (!d.columns.empty()) {
    out += (d.columns.find(',') == std::string::npos ? " column " : " columns ") + d.columns;
  }
  return out + ": " + d.message;
}

LiveSchema expected_schema(const ProjectState& state, const db::Dialect& dialect) {
  auto editor_owner = make_schema_editor(dialect, state, state);
  const SchemaEditor& editor = *editor_owner;
  LiveSchema out;
  for (const auto& [key, model] : state.models) {
    out.tables.emplace(model.table, expected_table(model, state, dialect, editor));
    for (const auto& m2m : model.many_to_many) {
      ModelState link = link_model(model, m2m);
      out.tables.emplace(link.table, expected_table(link, state, dialect, editor));
    }
  }
  return out;
}

std::vector<SchemaDifference> compare_schemas(const LiveSchema& expected_raw,
                                              const LiveSchema& live_raw, db::Backend backend) {
  const LiveSchema expected = normalized(expected_raw);
  const LiveSchema live = normalized(live_raw);
  std::set<std::string> names;
  for (const auto& [name, t] : expected.tables) names.insert(name);
  for (const auto& [name, t] : live.tables) names.insert(name);
  std::vector<SchemaDifference> out;
  for (const auto& name : names) {
    Report report{out, name};
    auto e = expected.tables.find(name);
    auto l = live.tables.find(name);
    if (l == live.tables.end()) {
      report.add("E001", "", "missing; the migrations create it");
    } else if (e == expected.tables.end()) {
      report.add("E002", "", "extra table not in the migrations");
    } else {
      compare_columns(e->second, l->second, report);
      compare_indexes(e->second, l->second, report);
      compare_foreign_keys(e->second, l->second, live, backend, report);
      compare_checks(e->second, l->second, backend, report);
    }
  }
  return out;
}

}  // namespace lectern::migrations
