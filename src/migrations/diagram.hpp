// Diagrams for `lectern graph`: the entity-relationship diagram of a project
// state (tables with their columns and types, foreign keys with their
// cardinality, many-to-many fields through their link tables) and the
// dependency graph of migration files, as Mermaid or Graphviz DOT text.
// Pure functions; output is sorted, so equal input gives equal bytes.
#pragma once

#include <string>
#include <vector>

#include "migrations/migration.hpp"
#include "schema/model.hpp"

namespace lectern::migrations {

enum class DiagramFormat { kMermaid, kDot };

// Mermaid `erDiagram` or DOT `digraph models`. Entities are tables in model
// key order, each model's link tables after it. Relationships, referencing
// table first: foreign key `}o--||` (nullable `}o--o|`), one-to-one `|o--||`
// (nullable `|o--o|`); DOT draws the same ends as crow's-foot arrows.
std::string model_diagram(const schema::ProjectState& state, DiagramFormat format);

// Mermaid `flowchart LR` or DOT `digraph migrations`: one box per migration,
// grouped by app, an arrow from each dependency to the migration that needs
// it (the order they apply in). A dependency on a migration that is not
// there is drawn dashed, labelled "(missing)".
std::string migration_diagram(const std::vector<Migration>& migrations, DiagramFormat format);

}  // namespace lectern::migrations
