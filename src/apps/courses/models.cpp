#include "apps/courses/models.hpp"

#include "apps/accounts/models.hpp"
#include "apps/courses/records.hpp"
#include "core/described_enum.hpp"

#include "schema/fields.hpp"
#include "schema/mixins.hpp"

namespace lectern::apps::courses {

using namespace schema;

namespace {

constexpr const char* kUser = "accounts.User";

ModelDeclaration timestamped(const char* name) {
  return ModelDeclaration{.app = "courses", .name = name, .mixins = {&timestamped_mixin()}};
}

ModelDeclaration plain(const char* name) {
  return ModelDeclaration{.app = "courses", .name = name};
}

// A count or amount that is never negative (Django's PositiveIntegerField).
Field count(const char* name) {
  return field::integer(name).min(0).default_int(0);
}

ConstraintSpec unique_together(std::string name, std::vector<std::string> fields) {
  return ConstraintSpec{
      .kind = ConstraintSpec::Kind::kUnique, .name = std::move(name), .fields = std::move(fields)};
}

void declare_catalogue(ModelRegistry& registry) {
  ModelDeclaration category = plain("Category");
  category.fields = {field::varchar("name", 100), field::varchar("slug", 100).unique()};
  registry.add(std::move(category));

  ModelDeclaration course = timestamped("Course");
  course.fields = {
      field::varchar("title", 200),
      field::varchar("slug", 220).unique(),
      field::text("description").default_text(""),
      field::foreign_key("instructor", kUser, OnDelete::kProtect),
      field::foreign_key("category", "courses.Category", OnDelete::kSetNull).null(),
      field::varchar("level", 20)
          .choices(enum_names<CourseLevel>())
          .default_text(enum_name(CourseLevel::beginner)),
      count("price_cents"),
      field::boolean("is_published").default_bool(false),
      field::timestamp("published_at").null(),
  };
  registry.add(std::move(course));

  ModelDeclaration module = timestamped("Module");
  module.fields = {
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::varchar("title", 200),
      field::integer("position").min(0),
  };
  module.constraints = {unique_together("uniq_module_course_position", {"course", "position"})};
  registry.add(std::move(module));

  ModelDeclaration lesson = timestamped("Lesson");
  lesson.fields = {
      field::foreign_key("module", "courses.Module", OnDelete::kCascade),
      field::varchar("title", 200),
      field::text("content").default_text(""),
      count("duration_minutes"),
      field::integer("position").min(0),
      field::boolean("is_free_preview").default_bool(false),
  };
  lesson.constraints = {unique_together("uniq_lesson_module_position", {"module", "position"})};
  registry.add(std::move(lesson));

  ModelDeclaration enrollment = timestamped("Enrollment");
  enrollment.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::varchar("status", 20)
          .choices(enum_names<EnrollmentStatus>())
          .default_text(enum_name(EnrollmentStatus::active)),
      field::timestamp("completed_at").null(),
  };
  enrollment.constraints = {unique_together("uniq_enrollment_user_course", {"user", "course"})};
  registry.add(std::move(enrollment));
}

void declare_progress(ModelRegistry& registry) {
  ModelDeclaration course_progress = timestamped("CourseProgress");
  course_progress.fields = {
      field::one_to_one("enrollment", "courses.Enrollment", OnDelete::kCascade),
      count("completed_lessons"),
      field::small_int("progress_percent").min(0).max(100).default_int(0),
      field::foreign_key("last_lesson", "courses.Lesson", OnDelete::kSetNull).null(),
      field::timestamp("last_accessed_at").null(),
  };
  registry.add(std::move(course_progress));

  ModelDeclaration lesson_progress = timestamped("LessonProgress");
  lesson_progress.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("lesson", "courses.Lesson", OnDelete::kCascade),
      field::boolean("is_completed").default_bool(false),
      field::timestamp("completed_at").null(),
      count("time_spent_seconds"),
  };
  lesson_progress.constraints = {
      unique_together("uniq_lessonprogress_user_lesson", {"user", "lesson"})};
  registry.add(std::move(lesson_progress));
}

void declare_assessments(ModelRegistry& registry) {
  ModelDeclaration assessment = timestamped("Assessment");
  assessment.fields = {
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::foreign_key("lesson", "courses.Lesson", OnDelete::kSetNull).null(),
      field::varchar("title", 200),
      field::text("description").default_text(""),
      field::small_int("passing_score").min(0).max(100).default_int(70),
      field::integer("time_limit_minutes").null().min(1),
      field::integer("max_attempts").null().min(1),  // NULL: unlimited
      field::boolean("is_published").default_bool(false),
  };
  registry.add(std::move(assessment));

  ModelDeclaration question = timestamped("Question");
  question.fields = {
      field::foreign_key("assessment", "courses.Assessment", OnDelete::kCascade),
      field::varchar("question_type", 20)
          .choices(enum_names<QuestionType>())
          .default_text(enum_name(QuestionType::single_choice)),
      field::text("question_text").default_text(""),
      field::text("text").default_text(""),  // alias of question_text
      field::text("explanation").default_text(""),
      field::text("feedback").default_text(""),  // alias of explanation
      field::integer("points").min(1).default_int(1),
      field::integer("position").min(0).default_int(0),
  };
  registry.add(std::move(question));

  ModelDeclaration answer = timestamped("Answer");
  answer.fields = {
      field::foreign_key("question", "courses.Question", OnDelete::kCascade),
      field::text("answer_text"),
      field::boolean("is_correct").default_bool(false),
      field::integer("position").min(0).default_int(0),
  };
  registry.add(std::move(answer));

  ModelDeclaration attempt = timestamped("AssessmentAttempt");
  attempt.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("assessment", "courses.Assessment", OnDelete::kCascade),
      field::integer("attempt_number").min(1),
      field::varchar("status", 20)
          .choices(enum_names<AttemptStatus>())
          .default_text(enum_name(AttemptStatus::in_progress)),
      field::timestamp("started_at"),
      field::timestamp("submitted_at").null(),
      count("points_earned"),
      count("points_possible"),
      field::decimal("score", 5, 2).min(0).max(100).default_int(0),
      field::boolean("passed").default_bool(false),
  };
  attempt.constraints = {unique_together("uniq_attempt_user_assessment_number",
                                         {"user", "assessment", "attempt_number"})};
  registry.add(std::move(attempt));

  ModelDeclaration attempt_answer = timestamped("AttemptAnswer");
  attempt_answer.fields = {
      field::foreign_key("attempt", "courses.AssessmentAttempt", OnDelete::kCascade),
      field::foreign_key("question", "courses.Question", OnDelete::kCascade),
      field::text("text_answer").default_text(""),
      field::boolean("is_correct").default_bool(false),
      count("points_awarded"),
  };
  attempt_answer.many_to_many = {{"selected_answers", "courses.Answer"}};
  attempt_answer.constraints = {
      unique_together("uniq_attemptanswer_attempt_question", {"attempt", "question"})};
  registry.add(std::move(attempt_answer));
}

void declare_analytics(ModelRegistry& registry) {
  ModelDeclaration review = timestamped("Review");
  review.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::small_int("rating").min(1).max(5),
      field::text("comment").default_text(""),
  };
  review.constraints = {unique_together("uniq_review_user_course", {"user", "course"})};
  registry.add(std::move(review));

  ModelDeclaration note = timestamped("Note");
  note.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::foreign_key("lesson", "courses.Lesson", OnDelete::kSetNull).null(),
      field::text("content"),
  };
  registry.add(std::move(note));

  ModelDeclaration activity = plain("UserActivity");
  activity.fields = {
      // useractivity_user_created_idx starts with user: an index of user
      // alone would only cost each insert (the busiest write) a page.
      field::foreign_key("user", kUser, OnDelete::kCascade).db_index(false),
      field::varchar("activity_type", 20).choices(enum_names<ActivityType>()),
      field::foreign_key("course", "courses.Course", OnDelete::kSetNull).null(),
      field::foreign_key("lesson", "courses.Lesson", OnDelete::kSetNull).null(),
      field::json("metadata").default_json("{}"),
      field::timestamp("created_at").auto_now_add(),
  };
  activity.indexes = {{"useractivity_user_created_idx", {"user", "created_at"}, false}};
  registry.add(std::move(activity));

  ModelDeclaration course_stats = plain("CourseStats");
  course_stats.fields = {
      field::one_to_one("course", "courses.Course", OnDelete::kCascade),
      count("total_enrollments"),
      count("active_enrollments"),
      count("completions"),
      count("review_count"),
      field::decimal("average_rating", 3, 2).null(),  // NULL: no reviews
      count("attempt_count"),
      field::decimal("average_score", 5, 2).null(),  // NULL: no graded attempts
      field::timestamp("updated_at").auto_now(),
  };
  registry.add(std::move(course_stats));

  ModelDeclaration user_stats = plain("UserStats");
  user_stats.fields = {
      field::one_to_one("user", kUser, OnDelete::kCascade),
      count("courses_enrolled"),
      count("courses_completed"),
      count("lessons_completed"),
      count("assessments_passed"),
      field::big_int("total_time_spent_seconds").min(0).default_int(0),
      count("current_streak_days"),
      field::timestamp("last_activity_at").null(),
  };
  registry.add(std::move(user_stats));

  ModelDeclaration notification = plain("Notification");
  notification.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::varchar("notification_type", 30).choices(enum_names<NotificationType>()),
      field::varchar("title", 200),
      field::text("message").default_text(""),
      field::varchar("link", 500).default_text(""),
      field::boolean("is_read").default_bool(false),
      field::timestamp("read_at").null(),
      field::timestamp("created_at").auto_now_add(),
  };
  notification.indexes = {{"notification_user_read_idx", {"user", "is_read", "created_at"}, false}};
  registry.add(std::move(notification));
}

void declare_misc(ModelRegistry& registry) {
  ModelDeclaration bookmark = timestamped("Bookmark");
  bookmark.fields = {
      field::foreign_key("user", kUser, OnDelete::kCascade),
      field::foreign_key("course", "courses.Course", OnDelete::kCascade),
      field::foreign_key("lesson", "courses.Lesson", OnDelete::kCascade).null(),
      field::varchar("label", 200).default_text(""),
  };
  // NULLs never collide in a unique constraint: the service keeps one
  // course-level (lesson NULL) bookmark per user and course.
  bookmark.constraints = {
      unique_together("uniq_bookmark_user_course_lesson", {"user", "course", "lesson"})};
  registry.add(std::move(bookmark));

  ModelDeclaration preference = timestamped("UserPreference");
  preference.fields = {
      field::one_to_one("user", kUser, OnDelete::kCascade),
      field::varchar("language", 35).default_text("en"),   // BCP 47 tag
      field::varchar("timezone", 64).default_text("UTC"),  // IANA name
      field::boolean("email_notifications").default_bool(true),
      field::varchar("theme", 10)
          .choices(enum_names<Theme>())
          .default_text(enum_name(Theme::system)),
      field::json("extra").default_json("{}"),
  };
  registry.add(std::move(preference));
}

}  // namespace

void declare_models(ModelRegistry& registry) {
  declare_catalogue(registry);
  declare_progress(registry);
  declare_assessments(registry);
  declare_analytics(registry);
  declare_misc(registry);
}

const api::DeclaredModels& declared_models() {
  static const api::DeclaredModels models = [] {
    ModelRegistry registry;
    accounts::declare_models(registry);
    declare_models(registry);
    return api::DeclaredModels(registry);
  }();
  return models;
}

}  // namespace lectern::apps::courses
