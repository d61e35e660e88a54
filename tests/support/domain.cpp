#include "support/domain.hpp"

#include "apps/accounts/users.hpp"
#include "apps/courses/catalogue.hpp"
#include "db/record.hpp"
#include "migrations/executor.hpp"
#include "migrations/loader.hpp"

namespace lectern::testing {

using namespace apps;

void DomainTest::SetUp() {
  BackendTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  now_ = *parse_timestamp("2026-03-02T09:00:00Z");
  migrations::MigrationExecutor executor(conn(), migrations::load_embedded());
  executor.migrate({});
}

accounts::User DomainTest::make_user(const std::string& username, const std::string& role) {
  return accounts::create_user(conn(),
                               {.username = username,
                                .email = username + "@example.com",
                                .password = "password-2026",
                                .display_name = "User " + username,
                                .role = role},
                               accounts::PasswordCost::minimal(), now_);
}

courses::Course DomainTest::make_course(const api::Actor& owner, int modules, int lessons,
                                        bool published) {
  const int n = ++course_counter_;
  courses::Course course = courses::create_course(
      conn(), owner,
      {.title = "Course " + std::to_string(n), .description = "About " + std::to_string(n)}, now_);
  for (int m = 1; m <= modules; ++m) {
    auto module = courses::create_module(
        conn(), owner, course.id, {.title = "Module " + std::to_string(m), .position = m}, now_);
    for (int l = 1; l <= lessons; ++l) {
      courses::create_lesson(conn(), owner, module.id,
                             {.title = "Lesson " + std::to_string(m) + "." + std::to_string(l),
                              .content = "Content " + std::to_string(l),
                              .duration_minutes = 10,
                              .position = l},
                             now_);
    }
  }
  if (published) course = courses::publish_course(conn(), owner, course.id, now_);
  return course;
}

std::vector<courses::Lesson> DomainTest::lessons_of(courses::Id course_id) {
  static const std::string sql =
      "SELECT " + db::select_list<courses::Lesson>("l") +
      " FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id WHERE m.course_id = $1 "
      "ORDER BY m.position, l.position";
  return db::read_records<courses::Lesson>(conn().query(sql, course_id));
}

}  // namespace lectern::testing
