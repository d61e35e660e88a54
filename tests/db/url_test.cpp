#include <gtest/gtest.h>

#include "db/database.hpp"

namespace lectern::db {
namespace {

TEST(DatabaseUrlTest, ParsesEverySupportedForm) {
  struct Case {
    const char* url;
    Backend backend;
    const char* target;
  };
  const Case cases[] = {
      {"sqlite:///./lectern.db", Backend::kSqlite, "./lectern.db"},
      {"sqlite:///data/x.db", Backend::kSqlite, "data/x.db"},
      {"sqlite:////tmp/x.db", Backend::kSqlite, "/tmp/x.db"},
      {"sqlite::memory:", Backend::kSqlite, ":memory:"},
      {"postgresql://u@127.0.0.1:5432/db", Backend::kPostgres, "postgresql://u@127.0.0.1:5432/db"},
      {"postgres://u@h/db", Backend::kPostgres, "postgres://u@h/db"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto parsed = parse_database_url(c.url);
    EXPECT_EQ(parsed.backend, c.backend);
    EXPECT_EQ(parsed.target, c.target);
  }
}

TEST(DatabaseUrlTest, UnknownSchemeIsAUsageErrorNamingIt) {
  try {
    parse_database_url("nosuch://x");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("\"nosuch\""), std::string::npos) << e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
  EXPECT_THROW(parse_database_url("sqlite:relative.db"), UsageError);
  EXPECT_THROW(parse_database_url("sqlite:///"), UsageError);
  EXPECT_THROW(parse_database_url(""), UsageError);
}

TEST(DatabaseUrlTest, UnreachablePostgresIsOneLineConnectionError) {
  try {
    Database::open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    FAIL() << "expected a ConnectionError";
  } catch (const ConnectionError& e) {
    std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("cannot connect to PostgreSQL"), std::string::npos) << message;
    EXPECT_EQ(e.kind(), ErrorKind::kUnavailable);
  }
}

}  // namespace
}  // namespace lectern::db
