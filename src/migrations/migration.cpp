#include "migrations/migration.hpp"
