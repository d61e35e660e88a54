#include "migrations/operations/run_sql.hpp"

#include "migrations/operations.hpp"

namespace lectern::migrations::ops {

namespace {

// The script without surrounding blanks and its last ';', so that
// to_script() renders it like every other statement.
std::string trimmed(std::string_view sql) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!sql.empty() && blank(sql.front())) sql.remove_prefix(1);
  while (!sql.empty() && blank(sql.back())) sql.remove_suffix(1);
  if (!sql.empty() && sql.back() == ';') sql.remove_suffix(1);
  while (!sql.empty() && blank(sql.back())) sql.remove_suffix(1);
  return std::string(sql);
}

Statements script(std::string_view sql) {
  std::string text = trimmed(sql);
  if (text.empty()) return {};
  return {text};
}

std::string_view forward_sql(const RunSQL& op, db::Backend backend) {
  return backend == db::Backend::kSqlite ? op.sqlite_forward : op.postgres_forward;
}

std::string_view backward_sql(const RunSQL& op, db::Backend backend) {
  return backend == db::Backend::kSqlite ? op.sqlite_backward : op.postgres_backward;
}

}  // namespace

void state_forwards(const RunSQL&, std::string_view, schema::ProjectState&) {}

Statements database_forwards(const RunSQL& op, const DatabaseContext& ctx) {
  return script(forward_sql(op, ctx.dialect.backend()));
}

Statements database_backwards(const RunSQL& op, const DatabaseContext& ctx) {
  const auto backend = ctx.dialect.backend();
  if (!reversible(op, backend)) {
    throw IrreversibleError("irreversible on " + std::string(db::to_string(backend)) +
                            " (it has no backward SQL for this backend)");
  }
  return script(backward_sql(op, backend));
}

std::string describe(const RunSQL&) {
  return "Raw SQL operation";
}

bool reversible(const RunSQL& op, db::Backend backend) {
  return !trimmed(backward_sql(op, backend)).empty() || trimmed(forward_sql(op, backend)).empty();
}

}  // namespace lectern::migrations::ops
