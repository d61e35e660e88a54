#include "apps/courses/learning.hpp"

#include "apps/courses/access.hpp"
#include "apps/courses/activity.hpp"
#include "apps/courses/notifications.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

// Completed and total lessons of one user in one course.
struct Counts {
  std::int64_t completed = 0;
  std::int64_t total = 0;
};

Counts lesson_counts(db::Connection& db, Id user_id, Id course_id) {
  auto row = db.query(
                   "SELECT (SELECT COUNT(*) FROM courses_lessonprogress p JOIN courses_lesson l ON "
                   "l.id = p.lesson_id JOIN courses_module m ON m.id = l.module_id WHERE "
                   "m.course_id = $2 AND p.user_id = $1 AND p.is_completed), "
                   "(SELECT COUNT(*) FROM courses_lesson l JOIN courses_module m ON m.id = "
                   "l.module_id WHERE m.course_id = $2)",
                   user_id, course_id)
                 .front();
  return {row.get<std::int64_t>(0), row.get<std::int64_t>(1)};
}

std::int64_t percent(const Counts& c) {
  return c.total == 0 ? 0 : (c.completed * 100) / c.total;
}

std::optional<CourseProgress> progress_of(db::Connection& db, Id enrollment_id) {
  static const std::string sql = "SELECT " + db::select_list<CourseProgress>() +
                                 " FROM courses_courseprogress WHERE enrollment_id = $1";
  auto rows = db.query(sql, enrollment_id);
  if (rows.empty()) return std::nullopt;
  return db::read_record<CourseProgress>(rows[0]);
}

// The enrolment, locked until the transaction ends (Dialect::lock_rows_clause).
Enrollment lock_enrollment(db::Connection& db, Id enrollment_id) {
  static const std::string sql =
      "SELECT " + db::select_list<Enrollment>() + " FROM courses_enrollment WHERE id = $1";
  return db::read_record<Enrollment>(
      db.query(sql + std::string(db.dialect().lock_rows_clause()), enrollment_id).front());
}

ProgressView view_of(Id course_id, const Counts& counts, const Enrollment& enrollment) {
  return {course_id, counts.completed, counts.total, percent(counts),
          enrollment.status == EnrollmentStatus::completed};
}

}  // namespace

Enrollment enroll(db::Connection& db, const api::Actor& actor, Id course_id, Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    CourseAccess access = course_access(c, course_id, &actor);
    if (!access.course.is_published) {
      // Its own instructor sees it, but nobody enrols in a draft.
      throw NotFoundError("No published course " + std::to_string(course_id) + ".");
    }
    Enrollment enrollment;
    if (access.enrollment) {
      if (access.enrollment->status != EnrollmentStatus::dropped) {
        throw ConflictError("already_enrolled", "You are already enrolled in this course.");
      }
      // Of concurrent re-enrolments one changes the row; the others find it
      // active, as they would one after the other.
      if (c.query("UPDATE courses_enrollment SET status = $2, updated_at = $3 WHERE id = $1 AND "
                  "status = $4",
                  access.enrollment->id, EnrollmentStatus::active, now, EnrollmentStatus::dropped)
              .affected_rows() == 0) {
        throw ConflictError("already_enrolled", "You are already enrolled in this course.");
      }
      enrollment = *access.enrollment;
      enrollment.status = EnrollmentStatus::active;
      enrollment.updated_at = now;
    } else {
      enrollment = Enrollment{
          .user_id = actor.user_id, .course_id = course_id, .created_at = now, .updated_at = now};
      try {
        enrollment.id = db::insert_record(c, enrollment);
      } catch (const db::UniqueViolation&) {
        throw ConflictError("already_enrolled", "You are already enrolled in this course.");
      }
      const Counts counts = lesson_counts(c, actor.user_id, course_id);
      db::insert_record(c, CourseProgress{.enrollment_id = enrollment.id,
                                          .completed_lessons = counts.completed,
                                          .progress_percent = percent(counts),
                                          .created_at = now,
                                          .updated_at = now});
    }
    record_activity(c, actor.user_id, ActivityType::enroll, course_id, std::nullopt, now);
    refresh_course_stats(c, course_id, now);
    refresh_user_stats(c, actor.user_id);
    return enrollment;
  });
}

Enrollment drop_enrollment(db::Connection& db, const api::Actor& actor, Id course_id,
                           Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    CourseAccess access = course_access(c, course_id, &actor);
    if (!access.enrollment || access.enrollment->status != EnrollmentStatus::active) {
      throw NotFoundError("You have no active enrolment in course " + std::to_string(course_id) +
                          ".");
    }
    // Of concurrent drops one changes the row; the others find nothing
    // active to drop, as they would one after the other.
    if (c.query("UPDATE courses_enrollment SET status = $2, updated_at = $3 WHERE id = $1 AND "
                "status = $4",
                access.enrollment->id, EnrollmentStatus::dropped, now, EnrollmentStatus::active)
            .affected_rows() == 0) {
      throw NotFoundError("You have no active enrolment in course " + std::to_string(course_id) +
                          ".");
    }
    Enrollment enrollment = *access.enrollment;
    enrollment.status = EnrollmentStatus::dropped;
    enrollment.updated_at = now;
    refresh_course_stats(c, course_id, now);
    refresh_user_stats(c, actor.user_id);
    return enrollment;
  });
}

api::Page<EnrollmentView> my_enrollments(db::Connection& db, const api::Actor& actor,
                                         api::PageRequest page) {
  static const std::string sql =
      "SELECT " + db::select_list<Enrollment>("e") +
      ", c.title, COALESCE(p.progress_percent, 0) FROM courses_enrollment e "
      "JOIN courses_course c ON c.id = e.course_id "
      "LEFT JOIN courses_courseprogress p ON p.enrollment_id = e.id "
      "WHERE e.user_id = $1 ORDER BY e.created_at DESC, e.id DESC";
  static const std::size_t n = db::record_columns<Enrollment>().size();
  return api::query_page<EnrollmentView>(
      db, page, "SELECT COUNT(*) FROM courses_enrollment WHERE user_id = $1", sql,
      [](const db::Row& row) {
        return EnrollmentView{db::read_record<Enrollment>(row), row.get<std::string>(n),
                              row.get<std::int64_t>(n + 1)};
      },
      actor.user_id);
}

ProgressView complete_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id,
                             std::int64_t time_spent_seconds, Timestamp now) {
  if (time_spent_seconds < 0 || time_spent_seconds > 86400) {
    throw ValidationError(FieldErrors{{"time_spent_seconds", "Must be between 0 and 86400."}});
  }
  return db::in_transaction(db, [&](db::Connection& c) {
    auto place = c.query(
        "SELECT m.course_id FROM courses_lesson l JOIN courses_module m ON m.id = l.module_id "
        "WHERE l.id = $1",
        lesson_id);
    if (place.empty()) throw NotFoundError("No lesson " + std::to_string(lesson_id) + ".");
    const Id course_id = place[0].get<Id>(0);
    auto access = find_course_access(c, course_id, &actor);
    if (!access) throw NotFoundError("No lesson " + std::to_string(lesson_id) + ".");
    if (!access->enrollment || access->enrollment->status == EnrollmentStatus::dropped) {
      throw ForbiddenError("not_enrolled", "Enrol in the course to complete its lessons.");
    }
    // One enrolment's completions take turns: each reads the progress rows,
    // then writes them and what follows from them (the counts, the course's
    // completion, its notification), and two at once would both insert the
    // first row (a unique violation) or both complete the course. Read again
    // under the lock: the one before may have changed it.
    Enrollment enrollment = lock_enrollment(c, access->enrollment->id);
    if (enrollment.status == EnrollmentStatus::dropped) {
      throw ForbiddenError("not_enrolled", "Enrol in the course to complete its lessons.");
    }

    static const std::string find_sql = "SELECT " + db::select_list<LessonProgress>() +
                                        " FROM courses_lessonprogress WHERE user_id = $1 AND "
                                        "lesson_id = $2";
    auto rows = c.query(find_sql, actor.user_id, lesson_id);
    bool newly_completed = false;
    if (rows.empty()) {
      db::insert_record(c, LessonProgress{.user_id = actor.user_id,
                                          .lesson_id = lesson_id,
                                          .is_completed = true,
                                          .completed_at = now,
                                          .time_spent_seconds = time_spent_seconds,
                                          .created_at = now,
                                          .updated_at = now});
      newly_completed = true;
    } else {
      LessonProgress progress = db::read_record<LessonProgress>(rows[0]);
      newly_completed = !progress.is_completed;
      progress.is_completed = true;
      if (!progress.completed_at) progress.completed_at = now;
      progress.time_spent_seconds += time_spent_seconds;
      progress.updated_at = now;
      db::update_record(c, progress);
    }

    const Counts counts = lesson_counts(c, actor.user_id, course_id);
    CourseProgress course_progress =
        progress_of(c, enrollment.id)
            .value_or(CourseProgress{.enrollment_id = enrollment.id, .created_at = now});
    course_progress.completed_lessons = counts.completed;
    course_progress.progress_percent = percent(counts);
    course_progress.last_lesson_id = lesson_id;
    course_progress.last_accessed_at = now;
    course_progress.updated_at = now;
    if (course_progress.id == 0) {
      db::insert_record(c, course_progress);
    } else {
      db::update_record(c, course_progress);
    }

    if (newly_completed)
      record_activity(c, actor.user_id, ActivityType::complete_lesson, course_id, lesson_id, now);
    const bool course_done = counts.total > 0 && counts.completed == counts.total;
    if (course_done && enrollment.status == EnrollmentStatus::active) {
      enrollment.status = EnrollmentStatus::completed;
      enrollment.completed_at = now;
      enrollment.updated_at = now;
      db::update_record(c, enrollment);
      notify(c, actor.user_id,
             {.notification_type = NotificationType::course_completed,
              .title = "You completed " + access->course.title,
              .message = "Congratulations: you completed every lesson of \"" +
                         access->course.title + "\".",
              .link = "/courses/" + std::to_string(course_id)},
             now);
      refresh_course_stats(c, course_id, now);
    }
    refresh_user_stats(c, actor.user_id);
    return view_of(course_id, counts, enrollment);
  });
}

ProgressView course_progress(db::Connection& db, const api::Actor& actor, Id course_id) {
  auto progress = course_progress(db, actor, course_access(db, course_id, &actor));
  if (!progress) {
    throw NotFoundError("You are not enrolled in course " + std::to_string(course_id) + ".");
  }
  return std::move(*progress);
}

std::optional<ProgressView> course_progress(db::Connection& db, const api::Actor& actor,
                                            const CourseAccess& access) {
  if (!access.enrollment) return std::nullopt;
  const Id course_id = access.course.id;
  return view_of(course_id, lesson_counts(db, actor.user_id, course_id), *access.enrollment);
}

std::vector<Id> completed_lesson_ids(db::Connection& db, const api::Actor& actor, Id course_id) {
  std::vector<Id> ids;
  for (const auto& row : db.query("SELECT p.lesson_id FROM courses_lessonprogress p JOIN "
                                  "courses_lesson l ON l.id = p.lesson_id JOIN courses_module m ON "
                                  "m.id = l.module_id WHERE m.course_id = $2 AND p.user_id = $1 "
                                  "AND p.is_completed ORDER BY p.lesson_id",
                                  actor.user_id, course_id)) {
    ids.push_back(row.get<Id>(0));
  }
  return ids;
}

}  // namespace lectern::apps::courses
