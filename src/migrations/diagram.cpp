#include "migrations/diagram.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "migrations/schema_editor.hpp"

namespace lectern::migrations {

using schema::FieldSpec;
using schema::ModelState;
using schema::ProjectState;
using schema::Relation;

namespace {

// ---------------------------------------------------------------------------
// Entities and relationships, independent of the output format.

struct Column {
  std::string name;
  std::string type;  // as migration files spell it: "varchar(100)", "bigauto"
  std::string keys;  // "PK", "FK", "PK, FK", "FK, UK"
  bool nullable = false;
};

struct Entity {
  std::string table;
  std::vector<Column> columns;
};

// How many rows of one side go with one row of the other.
enum class End { kZeroOrMany, kZeroOrOne, kExactlyOne };

struct Relationship {
  std::string from;  // the referencing table
  std::string to;    // the referenced table
  std::string label;
  End from_end;
  End to_end;
};

std::string type_name(const db::ColumnTypeSpec& t) {
  switch (t.type) {
    case db::ColumnType::kBigAutoId:
      return "bigauto";
    case db::ColumnType::kBigInt:
      return "bigint";
    case db::ColumnType::kInteger:
      return "integer";
    case db::ColumnType::kSmallInt:
      return "smallint";
    case db::ColumnType::kBoolean:
      return "boolean";
    case db::ColumnType::kText:
      return "text";
    case db::ColumnType::kVarchar:
      return "varchar(" + std::to_string(t.max_length) + ")";
    case db::ColumnType::kDouble:
      return "double";
    case db::ColumnType::kDecimal:
      return "decimal(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case db::ColumnType::kTimestamp:
      return "timestamp";
    case db::ColumnType::kDate:
      return "date";
    case db::ColumnType::kUuid:
      return "uuid";
    case db::ColumnType::kJson:
      return "json";
    case db::ColumnType::kBytes:
      return "bytes";
  }
  return "text";
}

// A relation's column has the type of the key it references (the
// auto-increment key is a plain bigint there), as the schema editor makes it.
std::string column_type(const FieldSpec& f, const ProjectState& state) {
  if (f.relation != Relation::kNone) {
    const ModelState* target = state.find(f.target);
    const FieldSpec* key = target ? target->primary_key() : nullptr;
    if (key) {
      return key->type.type == db::ColumnType::kBigAutoId ? "bigint" : type_name(key->type);
    }
  }
  if (f.type.type == db::ColumnType::kBigAutoId && !f.primary_key) return "bigint";
  return type_name(f.type);
}

Entity entity_of(const ModelState& model, const ProjectState& state) {
  Entity e{model.table, {}};
  for (const auto& f : model.fields) {
    std::vector<std::string> keys;
    if (f.primary_key) keys.push_back("PK");
    if (f.relation != Relation::kNone) keys.push_back("FK");
    if (!f.primary_key && (f.unique || f.relation == Relation::kOneToOne)) keys.push_back("UK");
    std::string joined;
    for (const auto& k : keys) joined += (joined.empty() ? "" : ", ") + k;
    e.columns.push_back({f.column, column_type(f, state), joined, f.null && !f.primary_key});
  }
  return e;
}

void add_relationships(const ModelState& model, const ProjectState& state,
                       std::vector<Relationship>& out) {
  for (const auto& f : model.fields) {
    if (f.relation == Relation::kNone) continue;
    const ModelState* target = state.find(f.target);
    std::string to = target ? target->table : f.target;
    End from_end = f.relation == Relation::kOneToOne ? End::kZeroOrOne : End::kZeroOrMany;
    End to_end = f.null ? End::kZeroOrOne : End::kExactlyOne;
    out.push_back({model.table, to, f.name, from_end, to_end});
  }
}

struct Model {
  std::vector<Entity> entities;
  std::vector<Relationship> relationships;
};

Model model_of(const ProjectState& state) {
  Model m;
  for (const auto& [key, model] : state.models) {
    m.entities.push_back(entity_of(model, state));
    add_relationships(model, state, m.relationships);
    for (const auto& m2m : model.many_to_many) {
      ModelState link = link_model(model, m2m);
      m.entities.push_back(entity_of(link, state));
      add_relationships(link, state, m.relationships);
    }
  }
  return m;
}

// ---------------------------------------------------------------------------
// Mermaid

// Mermaid's attribute types are one word of letters, digits, _ - ( ) [ ]:
// "decimal(10,2)" is written "decimal" with the full type in the comment.
bool mermaid_word(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_-()[]").find(c) != std::string_view::npos;
  });
}

std::string mermaid_end(End end, bool left) {
  switch (end) {
    case End::kZeroOrMany:
      return left ? "}o" : "o{";
    case End::kZeroOrOne:
      return left ? "|o" : "o|";
    case End::kExactlyOne:
      return "||";
  }
  return "||";
}

std::string mermaid_models(const Model& m) {
  std::string out = "erDiagram\n";
  for (const auto& e : m.entities) {
    out += "    " + e.table + " {\n";
    for (const auto& c : e.columns) {
      std::vector<std::string> notes;
      std::string type = c.type;
      if (!mermaid_word(type)) {
        notes.push_back(type);
        type = type.substr(0, type.find('('));
      }
      if (c.nullable) notes.push_back("null");
      out += "        " + type + " " + c.name;
      if (!c.keys.empty()) out += " " + c.keys;
      if (!notes.empty()) {
        std::string comment;
        for (const auto& n : notes) comment += (comment.empty() ? "" : ", ") + n;
        out += " \"" + comment + "\"";
      }
      out += "\n";
    }
    out += "    }\n";
  }
  for (const auto& r : m.relationships) {
    out += "    " + r.from + " " + mermaid_end(r.from_end, true) + "--" +
           mermaid_end(r.to_end, false) + " " + r.to + " : \"" + r.label + "\"\n";
  }
  return out;
}

// ---------------------------------------------------------------------------
// DOT

std::string html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string dot_id(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Crow's foot ends; Graphviz draws the first shape nearest the node.
std::string dot_end(End end) {
  switch (end) {
    case End::kZeroOrMany:
      return "crowodot";
    case End::kZeroOrOne:
      return "teeodot";
    case End::kExactlyOne:
      return "teetee";
  }
  return "teetee";
}

std::string dot_models(const Model& m) {
  std::string out =
      "digraph models {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
      "  node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, dir=both];\n";
  for (const auto& e : m.entities) {
    out += "  " + dot_id(e.table) +
           " [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n";
    out += "    <tr><td bgcolor=\"lightgrey\"><b>" + html(e.table) + "</b></td></tr>\n";
    for (const auto& c : e.columns) {
      std::string text = c.name + " " + c.type;
      if (c.nullable) text += " null";
      if (!c.keys.empty()) text += " " + c.keys;
      out += "    <tr><td align=\"left\">" + html(text) + "</td></tr>\n";
    }
    out += "  </table>>];\n";
  }
  for (const auto& r : m.relationships) {
    out += "  " + dot_id(r.from) + " -> " + dot_id(r.to) + " [label=" + dot_id(r.label) +
           ", arrowtail=" + dot_end(r.from_end) + ", arrowhead=" + dot_end(r.to_end) + "];\n";
  }
  return out + "}\n";
}

// ---------------------------------------------------------------------------
// Migrations

struct Dependencies {
  std::vector<MigrationKey> nodes;  // sorted
  std::set<MigrationKey> missing;
  std::vector<std::pair<MigrationKey, MigrationKey>> edges;  // (dependency, dependant), sorted
};

Dependencies dependencies_of(const std::vector<Migration>& migrations) {
  Dependencies d;
  for (const auto& m : migrations) d.nodes.push_back(m.key);
  std::sort(d.nodes.begin(), d.nodes.end());
  std::set<MigrationKey> known(d.nodes.begin(), d.nodes.end());
  for (const auto& m : migrations) {
    for (const auto& dep : m.dependencies) {
      d.edges.emplace_back(dep, m.key);
      if (!known.count(dep)) d.missing.insert(dep);
    }
  }
  // Dependants first, so each migration's arrows come together.
  std::sort(d.edges.begin(), d.edges.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });
  d.edges.erase(std::unique(d.edges.begin(), d.edges.end()), d.edges.end());
  return d;
}

std::string mermaid_id(const MigrationKey& key) {
  return key.app + "__" + key.name;
}

std::string mermaid_migrations(const Dependencies& d) {
  std::string out = "flowchart LR\n";
  std::string app;
  for (const auto& key : d.nodes) {
    if (key.app != app) {
      if (!app.empty()) out += "    end\n";
      app = key.app;
      out += "    subgraph app_" + app + "[\"" + app + "\"]\n";
    }
    out += "        " + mermaid_id(key) + "[\"" + key.name + "\"]\n";
  }
  if (!app.empty()) out += "    end\n";
  for (const auto& key : d.missing) {
    out += "    " + mermaid_id(key) + "[\"" + key.str() + " (missing)\"]:::missing\n";
  }
  for (const auto& [dependency, dependant] : d.edges) {
    out += "    " + mermaid_id(dependency) + (d.missing.count(dependency) ? " -.-> " : " --> ") +
           mermaid_id(dependant) + "\n";
  }
  if (!d.missing.empty()) out += "    classDef missing stroke-dasharray: 5 5\n";
  return out;
}

std::string dot_migrations(const Dependencies& d) {
  std::string out =
      "digraph migrations {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
      "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n";
  std::string app;
  for (const auto& key : d.nodes) {
    if (key.app != app) {
      if (!app.empty()) out += "  }\n";
      app = key.app;
      out += "  subgraph " + dot_id("cluster_" + app) + " {\n    label=" + dot_id(app) + ";\n";
    }
    out += "    " + dot_id(key.str()) + " [label=" + dot_id(key.name) + "];\n";
  }
  if (!app.empty()) out += "  }\n";
  for (const auto& key : d.missing) {
    out += "  " + dot_id(key.str()) + " [label=" + dot_id(key.str() + " (missing)") +
           ", style=\"rounded,dashed\"];\n";
  }
  for (const auto& [dependency, dependant] : d.edges) {
    out += "  " + dot_id(dependency.str()) + " -> " + dot_id(dependant.str()) +
           (d.missing.count(dependency) ? " [style=dashed]" : "") + ";\n";
  }
  return out + "}\n";
}

}  // namespace

std::string model_diagram(const ProjectState& state, DiagramFormat format) {
  Model m = model_of(state);
  return format == DiagramFormat::kMermaid ? mermaid_models(m) : dot_models(m);
}

std::string migration_diagram(const std::vector<Migration>& migrations, DiagramFormat format) {
  Dependencies d = dependencies_of(migrations);
  return format == DiagramFormat::kMermaid ? mermaid_migrations(d) : dot_migrations(d);
}

}  // namespace lectern::migrations
