// write_migration: the canonical text of a migration, which the parser reads
// back to the same value (file_format_test.cpp checks the round trip).
#include <charconv>
#include <variant>
#include <vector>

#include "core/text.hpp"
#include "migrations/file_format_syntax.hpp"

namespace lectern::migrations {

namespace {

using namespace syntax;
using schema::ColumnType;
using schema::ColumnTypeSpec;
using schema::ConstraintSpec;
using schema::DefaultValue;
using schema::FieldSpec;
using schema::IndexSpec;
using schema::ModelState;

std::string type_text(const ColumnTypeSpec& spec) {
  for (const auto& [type, name] : kTypeNames) {
    if (type != spec.type) continue;
    if (type == ColumnType::kVarchar) return "varchar(" + std::to_string(spec.max_length) + ")";
    if (type == ColumnType::kDecimal) {
      return "decimal(" + std::to_string(spec.precision) + "," + std::to_string(spec.scale) + ")";
    }
    return std::string(name);
  }
  return "text";
}

std::string double_text(double d) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string out(buf, ptr);
  // Keep it a number the parser reads as double, not integer.
  if (out.find_first_not_of("-0123456789") == std::string::npos) out += ".0";
  return out;
}

std::string default_text(const DefaultValue& d) {
  using Kind = DefaultValue::Kind;
  switch (d.kind) {
    case Kind::kNone:
      return "";
    case Kind::kInteger:
      return std::to_string(d.integer);
    case Kind::kDouble:
      return double_text(d.number);
    case Kind::kBool:
      return d.boolean ? "true" : "false";
    case Kind::kText:
      return quote(d.text);
    case Kind::kJson:
      return "json" + quote(d.text);
    case Kind::kNow:
      return "now";
  }
  return "";
}

std::string field_line(const FieldSpec& f) {
  std::string out = "field " + f.name + " type=" + type_text(f.type);
  if (f.column != default_column(f)) out += " column=" + value(f.column);
  if (f.primary_key) out += " primary_key";
  if (f.null) out += " null";
  if (f.unique) out += " unique";
  if (f.default_value.has_value()) out += " default=" + default_text(f.default_value);
  if (!f.choices.empty()) {
    std::vector<std::string> choices;
    for (const auto& choice : f.choices) choices.push_back(value(choice));
    out += " choices=" + join(choices, ",");
  }
  if (f.min_value) out += " min=" + std::to_string(*f.min_value);
  if (f.max_value) out += " max=" + std::to_string(*f.max_value);
  if (f.min_length) out += " min_length=" + std::to_string(*f.min_length);
  if (f.auto_now_add) out += " auto_now_add";
  if (f.auto_now) out += " auto_now";
  for (const auto& [relation, name] : kRelationNames) {
    if (relation == f.relation) out += " relation=" + std::string(name);
  }
  if (!f.target.empty()) out += " target=" + f.target;
  if (f.on_delete != schema::OnDelete::kNone) {
    out += " on_delete=" + std::string(schema::to_string(f.on_delete));
  }
  if (!f.db_index) out += " no_index";
  return out;
}

std::string index_line(const IndexSpec& index) {
  return "index " + index.name + " fields=" + join(index.fields, ",") +
         (index.unique ? " unique" : "");
}

std::string constraint_line(const ConstraintSpec& c) {
  if (c.kind == ConstraintSpec::Kind::kUnique) {
    return "unique " + c.name + " fields=" + join(c.fields, ",");
  }
  std::string out = "check " + c.name;
  for (std::size_t i = 0; i < c.check.size(); ++i) {
    out += i == 0 ? " " : " and ";
    out += c.check[i].field + c.check[i].op + std::to_string(c.check[i].value);
  }
  return out;
}

std::vector<std::string_view> sql_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (true) {
    auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) return lines;
    text.remove_prefix(nl + 1);
  }
}

void write_heredoc(std::string& out, std::string_view key, std::string_view sql) {
  if (sql.empty()) return;
  const auto lines = sql_lines(sql);
  std::string delimiter = "SQL";
  for (int n = 2;; ++n) {
    bool clash = false;
    for (auto line : lines) clash = clash || trim_blanks(line) == delimiter;
    if (!clash) break;
    delimiter = "SQL" + std::to_string(n);
  }
  out += "  " + std::string(key) + " <<" + delimiter + "\n";
  for (auto line : lines) {
    if (!line.empty()) out += "    " + std::string(line);
    out += '\n';
  }
  out += "    " + delimiter + "\n";
}

// Operations that are one block: `<header>`, then indented lines, then `end`.
std::string block_text(const std::string& header, const std::vector<std::string>& lines) {
  std::string out = header + "\n";
  for (const auto& line : lines) out += "  " + line + "\n";
  return out + "end\n";
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string operation_text(const Operation& operation) {
  return std::visit(
      Overloaded{
          [](const CreateModel& op) {
            const ModelState& m = op.model;
            std::vector<std::string> lines;
            for (const auto& f : m.fields) lines.push_back(field_line(f));
            for (const auto& mm : m.many_to_many) {
              lines.push_back("many_to_many " + mm.name + " target=" + mm.target);
            }
            for (const auto& index : m.indexes) lines.push_back(index_line(index));
            for (const auto& c : m.constraints) lines.push_back(constraint_line(c));
            return block_text("create_model " + m.name + " table=" + value(m.table), lines);
          },
          [](const DeleteModel& op) { return "delete_model " + op.name + "\n"; },
          [](const RenameModel& op) {
            return "rename_model " + op.old_name + " new=" + op.new_name + "\n";
          },
          [](const AddField& op) {
            return block_text("add_field " + op.model, {field_line(op.field)});
          },
          [](const RemoveField& op) {
            return "remove_field " + op.model + " name=" + op.name + "\n";
          },
          [](const AlterField& op) {
            std::string header = "alter_field " + op.model;
            if (!op.using_expression.empty()) header += " using=" + quote(op.using_expression);
            if (!op.sqlite_using_expression.empty()) {
              header += " sqlite_using=" + quote(op.sqlite_using_expression);
            }
            return block_text(header, {field_line(op.field)});
          },
          [](const RenameField& op) {
            return "rename_field " + op.model + " old=" + op.old_name + " new=" + op.new_name +
                   "\n";
          },
          [](const AddIndex& op) {
            return block_text("add_index " + op.model + (op.concurrently ? " concurrently" : ""),
                              {index_line(op.index)});
          },
          [](const RemoveIndex& op) {
            return "remove_index " + op.model + " name=" + op.name + "\n";
          },
          [](const AddConstraint& op) {
            return block_text("add_constraint " + op.model, {constraint_line(op.constraint)});
          },
          [](const RemoveConstraint& op) {
            return "remove_constraint " + op.model + " name=" + op.name + "\n";
          },
          [](const RunSQL& op) {
            std::string out = "run_sql\n";
            write_heredoc(out, "sqlite_forward", op.sqlite_forward);
            write_heredoc(out, "sqlite_backward", op.sqlite_backward);
            write_heredoc(out, "postgres_forward", op.postgres_forward);
            write_heredoc(out, "postgres_backward", op.postgres_backward);
            return out + "end\n";
          },
      },
      operation);
}

}  // namespace

std::string write_migration(const Migration& m) {
  std::string out = "# Lectern migration\n";
  out += "migration " + m.key.app + " " + m.key.name + "\n";
  for (const auto& dep : m.dependencies) out += "depends " + dep.app + " " + dep.name + "\n";
  for (const auto& entry : m.operations) {
    out += '\n';
    if (!entry.acknowledged.empty()) out += "acknowledge " + join(entry.acknowledged, " ") + "\n";
    if (entry.state_only) out += "state_only\n";
    out += operation_text(entry.operation);
  }
  return out;
}

}  // namespace lectern::migrations
