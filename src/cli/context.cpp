#include "cli/context.hpp"

#include "migrations/loader.hpp"

namespace lectern::cli {

db::Database& Context::database() {
  if (!database_) database_ = db::Database::open(database_url);
  return *database_;
}

db::Database& Context::database_for_reading() {
  if (!database_) database_ = db::Database::open_for_reading(database_url);
  return *database_;
}

migrations::LoadedMigrations Context::load_migrations() const {
  if (!migrations_dir.empty()) return migrations::load_directory(migrations_dir);
  return migrations::load_embedded();
}

std::string Context::writable_migrations_dir() const {
  return migrations_dir.empty() ? "migrations" : migrations_dir;
}

std::vector<const void*>& Context::kept_until_exit() {
  static auto* kept = new std::vector<const void*>();
  return *kept;
}

schema::ModelRegistry Context::models() const {
  return models_provider ? models_provider() : schema::ModelRegistry{};
}

}  // namespace lectern::cli
