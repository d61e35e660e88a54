// parse_migration: the grammar of a migration file (docs/migrations.md) on
// top of the Reader's statements and words.
#include <array>
#include <charconv>
#include <initializer_list>
#include <limits>
#include <set>

#include "core/sha256.hpp"
#include "migrations/file_format_reader.hpp"

namespace lectern::migrations {

namespace {

using namespace syntax;
using schema::CheckTerm;
using schema::ConstraintSpec;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ManyToManySpec;
using schema::ModelState;

class Parser : Reader {
 public:
  using Reader::Reader;

  Migration parse(std::optional<MigrationKey> expected, std::string_view checksum);

 private:
  // Blocks: lines up to `end`. `handle` returns false for an unknown keyword.
  template <typename Handle>
  void block(const Statement& opener, std::string_view expected, Handle&& handle);
  // A block of exactly one item: `parse_item(statement, out)` reads it into
  // `out`, or returns false for another keyword.
  template <typename T, typename ParseItem>
  void single_item_block(const Statement& opener, std::string_view what, T& out,
                         ParseItem&& parse_item);

  // The app and name of a `migration` or `depends` line (views into the file).
  std::pair<std::string_view, std::string_view> key_line(const Statement& st) const;
  void operation(const Statement& st, Operation& out);  // into a default Operation
  ModelState create_model_block(const Statement& st, const Words& words);
  void field(const Statement& st, FieldSpec& f) const;  // into a default FieldSpec
  ManyToManySpec many_to_many(const Statement& st) const;
  IndexSpec index(const Statement& st) const;
  ConstraintSpec unique(const Statement& st) const;
  ConstraintSpec check(const Statement& st) const;
  RunSQL run_sql(const Statement& st);
  std::string heredoc(const Statement& st);

  std::string_view app_;  // the header's, for create_model
};

template <typename Handle>
void Parser::block(const Statement& opener, std::string_view expected, Handle&& handle) {
  auto closing = [&] {
    return "end (closing " + std::string(opener.keyword) + " from line " +
           std::to_string(opener.line) + ")";
  };
  Statement st;
  while (true) {
    if (!next_statement(st)) fail(end_of_file_line(), closing(), kEndOfFile);
    if (st.keyword == "end") {
      if (!trim_blanks(st.rest).empty()) {
        Words words;
        lex(st, words);
        no_more_words(st, words, 0, "end");
      }
      return;
    }
    if (is_operation_keyword(st.keyword) || st.keyword == "acknowledge" ||
        st.keyword == "state_only") {
      fail(st.line, closing(), quoted_found(st.keyword));
    }
    if (!handle(st)) fail(st.line, expected, quoted_found(st.keyword));
  }
}

template <typename T, typename ParseItem>
void Parser::single_item_block(const Statement& opener, std::string_view what, T& out,
                               ParseItem&& parse_item) {
  bool found = false;
  block(opener, what, [&](const Statement& st) {
    if (!found) return found = parse_item(st, out);
    // A second item is read before it is refused, so its own errors come first.
    T second;
    if (!parse_item(st, second)) return false;
    fail(st.line, "end (" + std::string(opener.keyword) + " takes one item)",
         quoted_found(st.keyword));
  });
  // The last line read is the `end` line.
  if (!found) fail(line_, what, "'end'");
}

// `app name` and nothing else, each a run of a-z, 0-9 and _ (the usual
// `migration` and `depends` line), or nothing.
std::optional<std::pair<std::string_view, std::string_view>> plain_key_line(std::string_view rest) {
  const char* p = rest.data();
  const char* const end = p + rest.size();
  auto skip_spaces = [&] {
    while (p != end && is_space(*p)) ++p;
  };
  // A run of a-z, 0-9 and _ ending where lex would end the word (at a space
  // or the end), or nothing.
  auto take_name = [&]() -> std::optional<std::string_view> {
    const char* start = p;
    while (p != end && (kNameChars[static_cast<unsigned char>(*p)] & kLabelChar)) ++p;
    if (p != end && !is_space(*p)) return std::nullopt;
    return std::string_view(start, std::size_t(p - start));
  };
  skip_spaces();
  const auto app = take_name();
  if (!app) return std::nullopt;
  skip_spaces();
  const auto name = take_name();
  if (!name) return std::nullopt;
  skip_spaces();
  if (p != end) return std::nullopt;
  // The characters are right already: is_valid_app_label and
  // is_valid_migration_name less the scans.
  const bool app_ok = !app->empty() && (*app)[0] >= 'a' && (*app)[0] <= 'z';
  const bool name_ok = name->size() >= 6 && (*name)[4] == '_' && is_digit((*name)[0]) &&
                       is_digit((*name)[1]) && is_digit((*name)[2]) && is_digit((*name)[3]);
  if (!app_ok || !name_ok) return std::nullopt;
  return std::pair{*app, *name};
}

std::pair<std::string_view, std::string_view> Parser::key_line(const Statement& st) const {
  // Read directly when plain: lexing these lines took a tenth of loading a
  // project. Anything else goes through lex, which says what is wrong.
  if (auto plain = plain_key_line(st.rest)) return *plain;
  Words words;
  lex(st, words);
  std::string_view app = positional(st, words, 0, "an app label (a-z, 0-9, _)", is_valid_app_label);
  std::string_view name =
      positional(st, words, 1, "a migration name NNNN_name (four digits, then a-z, 0-9, _)",
                 is_valid_migration_name);
  no_more_words(st, words, 2, "the migration name");
  return {app, name};
}

Migration Parser::parse(std::optional<MigrationKey> expected, std::string_view checksum) {
  Migration m;
  m.source = std::string(source_);
  m.checksum = checksum.empty() ? sha256_hex(text_) : std::string(checksum);
  constexpr std::string_view kHeader = "migration <app> <name>";
  Statement st;
  if (!next_statement(st)) fail(end_of_file_line(), kHeader, kEndOfFile);
  if (st.keyword != "migration") fail(st.line, kHeader, quoted_found(st.keyword));
  const auto [app, name] = key_line(st);
  if (expected && (app != expected->app || name != expected->name)) {
    fail(st.line, "migration " + expected->app + " " + expected->name + " (from the file path)",
         quoted_found("migration " + std::string(app) + " " + std::string(name)));
  }
  // The loader's key is the same: take it rather than allocate another.
  m.key = expected ? std::move(*expected) : MigrationKey{std::string(app), std::string(name)};
  app_ = app;

  std::vector<std::string> acknowledged;
  int acknowledge_line = 0;  // the first line of what the next operation takes
  bool state_only = false;
  while (next_statement(st)) {
    if (st.keyword == "depends") {
      if (!m.operations.empty() || acknowledge_line != 0) {
        fail(st.line, "an operation (depends lines go before the first operation)", "'depends'");
      }
      const auto [dep_app, dep_name] = key_line(st);
      m.dependencies.push_back({std::string(dep_app), std::string(dep_name)});
    } else if (st.keyword == "acknowledge") {
      Words words;
      lex(st, words);
      if (words.empty()) fail(st.line, "a check code (app.W001)", kEndOfLine);
      for (const Word& w : words) {
        if (w.has_value || !is_check_code(w.key)) {
          fail(st.line, "a check code (app.W001)", quoted_found(w.raw));
        }
        acknowledged.emplace_back(w.key);
      }
      if (acknowledge_line == 0) acknowledge_line = st.line;
    } else if (st.keyword == "state_only") {
      Words words;
      lex(st, words);
      no_more_words(st, words, 0, "state_only");
      if (state_only) fail(st.line, "an operation after state_only", "'state_only' again");
      state_only = true;
      if (acknowledge_line == 0) acknowledge_line = st.line;
    } else if (is_operation_keyword(st.keyword)) {
      OperationEntry& entry = m.operations.emplace_back();
      entry.line = st.line;
      entry.acknowledged = std::move(acknowledged);
      entry.state_only = state_only;
      acknowledged.clear();
      state_only = false;
      operation(st, entry.operation);
      acknowledge_line = 0;
    } else {
      fail(st.line, "an operation (" + std::string(kOperations) + "), acknowledge or state_only",
           quoted_found(st.keyword));
    }
  }
  if (acknowledge_line != 0) {
    fail(end_of_file_line(),
         "an operation after " + std::string(state_only ? "state_only" : "acknowledge") +
             " on line " + std::to_string(acknowledge_line),
         kEndOfFile);
  }
  return m;
}

void Parser::operation(const Statement& st, Operation& out) {
  Words words;
  lex(st, words);
  auto model_name = [&] {
    return std::string(positional(st, words, 0, "a model name", is_identifier));
  };
  // Operations of the form `<op> <Model> key=<name> ...` (one or two keys):
  // the values in the order of `keys`.
  auto named = [&](std::initializer_list<std::string_view> keys) {
    std::array<std::string, 2> values;
    std::array<bool, 2> given{};
    auto expected = [&] {
      std::string list;
      for (auto k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
      return "an attribute of " + std::string(st.keyword) + " (" + list + ")";
    };
    attributes(st, words, 1, expected, [&](const Word& w) {
      std::size_t i = 0;
      for (auto k : keys) {
        if (w.key != k) {
          ++i;
          continue;
        }
        std::string value = text_value(st, w);
        if (!is_identifier(value)) {
          fail(st.line, "a name for " + std::string(w.key), quoted_found(w.raw));
        }
        values[i] = std::move(value);
        given[i] = true;
        return true;
      }
      return false;
    });
    std::size_t i = 0;
    for (auto k : keys) {
      if (!given[i++]) fail(st.line, std::string(k) + "=<name>", kEndOfLine);
    }
    return values;
  };

  const std::string_view kw = st.keyword;
  if (kw == "create_model") {
    out = CreateModel{create_model_block(st, words)};
    return;
  }
  if (kw == "delete_model") {
    DeleteModel op{model_name()};
    no_more_words(st, words, 1, "the model name");
    out = std::move(op);
    return;
  }
  if (kw == "rename_model") {
    RenameModel op{model_name(), {}};
    op.new_name = std::move(named({"new"})[0]);
    out = std::move(op);
    return;
  }
  if (kw == "add_field" || kw == "alter_field") {
    std::string model = model_name();
    std::string using_expression;
    std::string sqlite_using_expression;
    bool is_alter = kw == "alter_field";
    attributes(st, words, 1,
               is_alter ? "an attribute of alter_field (using, sqlite_using)" : "end of line",
               [&](const Word& w) {
                 if (!is_alter) return false;
                 if (w.key == "using") {
                   using_expression = text_value(st, w);
                 } else if (w.key == "sqlite_using") {
                   sqlite_using_expression = text_value(st, w);
                 } else {
                   return false;
                 }
                 return true;
               });
    // The field is read in place, in the operation in place: it is the
    // largest part of the operation, and moving it took a visible share of
    // loading a project.
    auto read_field = [&](FieldSpec& f) {
      single_item_block(st, "field", f, [&](const Statement& inner, FieldSpec& item) {
        if (inner.keyword != "field") return false;
        field(inner, item);
        return true;
      });
    };
    if (is_alter) {
      AlterField& op = out.emplace<AlterField>();
      op.model = std::move(model);
      op.using_expression = std::move(using_expression);
      op.sqlite_using_expression = std::move(sqlite_using_expression);
      read_field(op.field);
      return;
    }
    AddField& op = out.emplace<AddField>();
    op.model = std::move(model);
    read_field(op.field);
    return;
  }
  if (kw == "remove_field") {
    RemoveField op{model_name(), {}};
    op.name = std::move(named({"name"})[0]);
    out = std::move(op);
    return;
  }
  if (kw == "rename_field") {
    std::string model = model_name();
    auto values = named({"old", "new"});
    out = RenameField{std::move(model), std::move(values[0]), std::move(values[1])};
    return;
  }
  if (kw == "add_index") {
    AddIndex op{model_name(), {}, false};
    attributes(st, words, 1, "an attribute of add_index (concurrently)", [&](const Word& w) {
      if (w.key != "concurrently") return false;
      flag(st, w);
      op.concurrently = true;
      return true;
    });
    single_item_block(st, "index", op.index, [&](const Statement& inner, IndexSpec& item) {
      if (inner.keyword != "index") return false;
      item = index(inner);
      return true;
    });
    out = std::move(op);
    return;
  }
  if (kw == "add_constraint") {
    AddConstraint op{model_name(), {}};
    no_more_words(st, words, 1, "the model name");
    single_item_block(st, "unique or check", op.constraint,
                      [&](const Statement& inner, ConstraintSpec& item) {
                        if (inner.keyword == "unique") {
                          item = unique(inner);
                        } else if (inner.keyword == "check") {
                          item = check(inner);
                        } else {
                          return false;
                        }
                        return true;
                      });
    out = std::move(op);
    return;
  }
  if (kw == "remove_index" || kw == "remove_constraint") {
    std::string model = model_name();
    std::string name = std::move(named({"name"})[0]);
    if (kw == "remove_index") {
      out = RemoveIndex{std::move(model), std::move(name)};
    } else {
      out = RemoveConstraint{std::move(model), std::move(name)};
    }
    return;
  }
  // The only keyword left (is_operation_keyword was checked).
  no_more_words(st, words, 0, "run_sql");
  out = run_sql(st);
}

ModelState Parser::create_model_block(const Statement& st, const Words& words) {
  ModelState model;
  model.app = std::string(app_);
  model.name = std::string(positional(st, words, 0, "a model name", is_identifier));
  model.table = schema::default_table_name(model.app, model.name);
  attributes(st, words, 1, "an attribute of create_model (table)", [&](const Word& w) {
    if (w.key != "table") return false;
    model.table = text_value(st, w);
    return true;
  });
  // Fields and many-to-many fields share the attribute namespace; indexes and
  // constraints share the database's.
  // (name, line) pairs: a model has few enough for a linear search.
  using Names = std::vector<std::pair<std::string, int>>;
  Names attribute_lines;
  Names database_names;
  auto claim = [&](Names& names, const std::string& name, int line, std::string_view what) {
    for (const auto& [seen, first_line] : names) {
      if (seen != name) continue;
      fail(line, std::string(what) + " not already used in " + model.name,
           quoted_found(name) + " (first on line " + std::to_string(first_line) + ")");
    }
    names.emplace_back(name, line);
  };
  block(st, "field, many_to_many, index, unique, check or end", [&](const Statement& inner) {
    if (inner.keyword == "field") {
      field(inner, model.fields.emplace_back());
      claim(attribute_lines, model.fields.back().name, inner.line, "a field name");
    } else if (inner.keyword == "many_to_many") {
      model.many_to_many.push_back(many_to_many(inner));
      claim(attribute_lines, model.many_to_many.back().name, inner.line, "a field name");
    } else if (inner.keyword == "index") {
      model.indexes.push_back(index(inner));
      claim(database_names, model.indexes.back().name, inner.line, "an index or constraint name");
    } else if (inner.keyword == "unique" || inner.keyword == "check") {
      model.constraints.push_back(inner.keyword == "unique" ? unique(inner) : check(inner));
      claim(database_names, model.constraints.back().name, inner.line,
            "an index or constraint name");
    } else {
      return false;
    }
    return true;
  });
  return model;
}

void Parser::field(const Statement& st, FieldSpec& f) const {
  Words words;
  lex(st, words);
  f.name = std::string(positional(st, words, 0, "a field name", is_identifier));
  bool has_type = false;
  std::optional<std::string> column;
  attributes(
      st, words, 1,
      "a field attribute (type, column, primary_key, null, unique, default, choices, min, max, "
      "min_length, auto_now_add, auto_now, relation, target, on_delete, no_index)",
      [&](const Word& w) {
        const std::string_view k = w.key;
        if (k == "type") {
          f.type = column_type(st, w);
          has_type = true;
        } else if (k == "column") {
          column = text_value(st, w);
        } else if (k == "primary_key" || k == "null" || k == "unique" || k == "auto_now_add" ||
                   k == "auto_now") {
          flag(st, w);
          bool& target = k == "primary_key" ? f.primary_key
                         : k == "null"      ? f.null
                         : k == "unique"    ? f.unique
                         : k == "auto_now"  ? f.auto_now
                                            : f.auto_now_add;
          target = true;
        } else if (k == "default") {
          f.default_value = default_value(st, w);
        } else if (k == "choices") {
          if (!w.has_value) fail(st.line, "choices=<value>,...", quoted_found(w.raw));
          for (const Item& item : w.items) {
            if (!item.tag.empty() || (!item.quoted && item.text.empty())) {
              fail(st.line, "a choice (plain or quoted)", quoted_found(w.raw));
            }
            f.choices.emplace_back(item.text);
          }
        } else if (k == "min") {
          f.min_value = integer_value(st, w);
        } else if (k == "max") {
          f.max_value = integer_value(st, w);
        } else if (k == "min_length") {
          std::int64_t v = integer_value(st, w);
          if (v < 0 || v > std::numeric_limits<int>::max()) {
            fail(st.line, "a length for min_length", quoted_found(w.raw));
          }
          f.min_length = int(v);
        } else if (k == "relation") {
          std::string value = text_value(st, w);
          bool known = false;
          for (const auto& [relation, name] : kRelationNames) {
            if (name == value) {
              f.relation = relation;
              known = true;
            }
          }
          if (!known) fail(st.line, "a relation (foreign_key, one_to_one)", quoted_found(value));
        } else if (k == "target") {
          f.target = text_value(st, w);
          if (!is_model_reference(f.target)) {
            fail(st.line, "a target app.Model", quoted_found(f.target));
          }
        } else if (k == "on_delete") {
          std::string value = text_value(st, w);
          auto on_delete = schema::parse_on_delete(value);
          if (!on_delete) {
            fail(st.line, "an on_delete (cascade, protect, set_null, restrict, none)",
                 quoted_found(value));
          }
          f.on_delete = *on_delete;
        } else if (k == "no_index") {
          flag(st, w);
          f.db_index = false;
        } else {
          return false;
        }
        return true;
      });
  if (!has_type) fail(st.line, "type= for field " + f.name, kEndOfLine);
  if (!f.db_index && f.relation != schema::Relation::kForeignKey) {
    fail(st.line, "no_index only on a field with relation=foreign_key", quoted_found("no_index"));
  }
  f.column = column ? std::move(*column) : default_column(f);
}

ManyToManySpec Parser::many_to_many(const Statement& st) const {
  Words words;
  lex(st, words);
  ManyToManySpec m;
  m.name = std::string(positional(st, words, 0, "a field name", is_identifier));
  attributes(st, words, 1, "an attribute of many_to_many (target)", [&](const Word& w) {
    if (w.key != "target") return false;
    m.target = text_value(st, w);
    if (!is_model_reference(m.target)) fail(st.line, "a target app.Model", quoted_found(m.target));
    return true;
  });
  if (m.target.empty()) fail(st.line, "target= for many_to_many " + m.name, kEndOfLine);
  return m;
}

IndexSpec Parser::index(const Statement& st) const {
  Words words;
  lex(st, words);
  IndexSpec index;
  index.name = std::string(positional(st, words, 0, "an index name", is_identifier));
  attributes(st, words, 1, "an attribute of index (fields, unique)", [&](const Word& w) {
    if (w.key == "fields") {
      index.fields = name_list(st, w);
    } else if (w.key == "unique") {
      flag(st, w);
      index.unique = true;
    } else {
      return false;
    }
    return true;
  });
  if (index.fields.empty()) fail(st.line, "fields= for index " + index.name, kEndOfLine);
  return index;
}

ConstraintSpec Parser::unique(const Statement& st) const {
  Words words;
  lex(st, words);
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kUnique;
  c.name = std::string(positional(st, words, 0, "a constraint name", is_identifier));
  attributes(st, words, 1, "an attribute of unique (fields)", [&](const Word& w) {
    if (w.key != "fields") return false;
    c.fields = name_list(st, w);
    return true;
  });
  if (c.fields.empty()) fail(st.line, "fields= for unique " + c.name, kEndOfLine);
  return c;
}

// `check <name> <field><op><integer> [and ...]`, spaces around the operator optional.
ConstraintSpec Parser::check(const Statement& st) const {
  ConstraintSpec c;
  c.kind = ConstraintSpec::Kind::kCheck;
  std::string_view rest = trim_blanks(st.rest);
  auto take = [&](auto pred) {
    std::size_t n = 0;
    while (n < rest.size() && pred(rest[n])) ++n;
    std::string_view out = rest.substr(0, n);
    rest.remove_prefix(n);
    return out;
  };
  auto skip_spaces = [&] { take(is_space); };
  auto found = [&]() -> std::string {
    if (rest.empty()) return std::string(kEndOfLine);
    return quoted_found(rest.substr(0, std::min(rest.find_first_of(" \t"), rest.size())));
  };
  c.name = std::string(take([](char ch) { return !is_space(ch); }));
  if (!is_identifier(c.name)) {
    fail(st.line, "a constraint name",
         c.name.empty() ? std::string(kEndOfLine) : quoted_found(c.name));
  }
  while (true) {
    skip_spaces();
    if (rest.empty() && !c.check.empty()) return c;
    if (!c.check.empty()) {
      if (rest.substr(0, 3) != "and" || (rest.size() > 3 && !is_space(rest[3]))) {
        fail(st.line, "and or end of line", found());
      }
      rest.remove_prefix(3);
      skip_spaces();
    }
    CheckTerm term;
    std::string_view field_name = take(is_identifier_char);
    if (!is_identifier(field_name)) {
      rest = std::string_view(field_name.data(), rest.data() + rest.size() - field_name.data());
      fail(st.line, "a check term (field>=N)", found());
    }
    term.field = std::string(field_name);
    skip_spaces();
    for (std::string_view op : {">=", "<=", "<>", ">", "<", "="}) {
      if (rest.substr(0, op.size()) == op) {
        term.op = std::string(op);
        rest.remove_prefix(op.size());
        break;
      }
    }
    if (term.op.empty()) fail(st.line, "a comparison (>=, <=, >, <, =, <>)", found());
    skip_spaces();
    std::string_view number = take([](char ch) { return is_digit(ch) || ch == '-'; });
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), term.value);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() ||
        (!rest.empty() && !is_space(rest.front()))) {
      rest = std::string_view(number.data(), rest.data() + rest.size() - number.data());
      fail(st.line, "an integer after " + term.field + term.op, found());
    }
    c.check.push_back(std::move(term));
  }
}

RunSQL Parser::run_sql(const Statement& st) {
  RunSQL op;
  std::set<std::string> seen;
  block(st, "sqlite_forward, sqlite_backward, postgres_forward, postgres_backward or end",
        [&](const Statement& inner) {
          std::string* target = inner.keyword == "sqlite_forward"      ? &op.sqlite_forward
                                : inner.keyword == "sqlite_backward"   ? &op.sqlite_backward
                                : inner.keyword == "postgres_forward"  ? &op.postgres_forward
                                : inner.keyword == "postgres_backward" ? &op.postgres_backward
                                                                       : nullptr;
          if (!target) return false;
          if (!seen.emplace(inner.keyword).second) {
            fail(inner.line, "each SQL section once", quoted_found(inner.keyword) + " again");
          }
          *target = heredoc(inner);
          return true;
        });
  return op;
}

// `<<DELIM`, then raw lines up to a line holding DELIM alone. The closing
// line's indentation is taken off every line (as PHP's flexible heredoc), so
// SQL keeps its own indentation exactly; lines joined by '\n'.
std::string Parser::heredoc(const Statement& st) {
  Words words;
  lex(st, words);
  constexpr std::string_view kWhat = "<<DELIMITER (such as <<SQL)";
  if (words.empty()) fail(st.line, kWhat, kEndOfLine);
  const Word& w = words[0];
  std::string_view delimiter = w.key;
  bool valid = !w.has_value && delimiter.substr(0, 2) == "<<" && delimiter.size() > 2;
  for (std::size_t i = 2; valid && i < delimiter.size(); ++i) {
    char c = delimiter[i];
    valid = (c >= 'A' && c <= 'Z') || c == '_' || (i > 2 && is_digit(c));
  }
  if (!valid) fail(st.line, kWhat, quoted_found(w.raw));
  delimiter.remove_prefix(2);
  no_more_words(st, words, 1, w.raw);

  // Find the closing line first (its indentation applies to every line),
  // then read the lines before it again.
  const std::size_t first = next_;
  const int first_line = line_;
  std::string_view line;
  bool closed = false;
  while (!closed && next_line(line)) closed = trim_blanks(line) == delimiter;
  if (!closed) {
    fail(
        end_of_file_line(),
        std::string(delimiter) + " (closing the heredoc from line " + std::to_string(st.line) + ")",
        kEndOfFile);
  }
  const std::string_view closing = line;
  const std::size_t after = next_;
  const int closing_line = line_;
  std::string_view indent = closing.substr(0, closing.find_first_not_of(" \t"));
  std::string out;
  next_ = first;
  line_ = first_line;
  while (line_ + 1 < closing_line) {
    next_line(line);
    if (line_ > first_line + 1) out += '\n';
    if (line.empty() || line == "\r") {  // an empty line, LF or CRLF
      out += line;
      continue;
    }
    if (line.substr(0, indent.size()) != indent) {
      fail(line_, "a line indented like its closing " + std::string(delimiter),
           quoted_found(trim_blanks(line)));
    }
    out += line.substr(indent.size());
  }
  next_ = after;
  line_ = closing_line;
  return out;
}

}  // namespace

Migration parse_migration(std::string_view text, std::string_view source,
                          std::optional<MigrationKey> expected, std::string_view checksum) {
  return Parser(text, source).parse(std::move(expected), checksum);
}

}  // namespace lectern::migrations
