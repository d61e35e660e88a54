// What every command gets: the global options (database URL, migrations
// directory) and a lazily opened Database. Commands are registered by
// functions in commands.hpp, one file per command.
#pragma once

#include <memory>
#include <string>

#include "db/database.hpp"

namespace CLI {
class App;
}

namespace lectern::cli {

struct Context {
  std::string database_url;
  std::string migrations_dir;  // empty: the migrations embedded in the binary

  // Opens the database on first use (UsageError / ConnectionError on failure).
  db::Database& database();

 private:
  std::unique_ptr<db::Database> database_;
};

void register_version(CLI::App& app, Context& context);
void register_serve(CLI::App& app, Context& context);
void register_migrate(CLI::App& app, Context& context);

}  // namespace lectern::cli
