#include "apps/courses/users.hpp"

#include <vector>

#include "apps/accounts/users.hpp"
#include "apps/courses/stats.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

void delete_user(db::Connection& db, Id user_id, Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    std::vector<Id> courses;
    for (const auto& row : c.query(
             "SELECT course_id FROM courses_enrollment WHERE user_id = $1 "
             "UNION SELECT course_id FROM courses_review WHERE user_id = $1 "
             "UNION SELECT a.course_id FROM courses_assessmentattempt t JOIN courses_assessment a "
             "ON a.id = t.assessment_id WHERE t.user_id = $1",
             user_id)) {
      courses.push_back(row.get<Id>(0));
    }
    accounts::delete_user(c, user_id);
    for (Id course : courses) refresh_course_stats(c, course, now);
  });
}

}  // namespace lectern::apps::courses
