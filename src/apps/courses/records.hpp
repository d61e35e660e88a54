// The courses app's rows as records (db/record.hpp): one struct per model,
// members named like the columns of courses/models.cpp (a test keeps the two
// equal). Decimal columns (score, averages) are doubles already rounded to
// two places by the code that computes them.
#pragma once

#include <boost/describe.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"
#include "db/value.hpp"

namespace lectern::apps::courses {

using Id = std::int64_t;
using OptionalId = std::optional<std::int64_t>;

// The text columns that hold one of a few values, as described enums
// (core/described_enum.hpp): each enumerator is spelt as the stored and
// served text, and models.cpp takes the columns' choices from here.
enum class CourseLevel { beginner, intermediate, advanced };
BOOST_DESCRIBE_ENUM(CourseLevel, beginner, intermediate, advanced)
enum class EnrollmentStatus { active, completed, dropped };
BOOST_DESCRIBE_ENUM(EnrollmentStatus, active, completed, dropped)
enum class QuestionType { single_choice, multiple_choice, true_false, short_answer };
BOOST_DESCRIBE_ENUM(QuestionType, single_choice, multiple_choice, true_false, short_answer)
enum class AttemptStatus { in_progress, submitted, graded };
BOOST_DESCRIBE_ENUM(AttemptStatus, in_progress, submitted, graded)
enum class ActivityType {
  login,
  view_course,
  view_lesson,
  complete_lesson,
  start_attempt,
  submit_attempt,
  enroll,
  review
};
BOOST_DESCRIBE_ENUM(ActivityType, login, view_course, view_lesson, complete_lesson, start_attempt,
                    submit_attempt, enroll, review)
enum class NotificationType { attempt_graded, review_posted, announcement, course_completed };
BOOST_DESCRIBE_ENUM(NotificationType, attempt_graded, review_posted, announcement, course_completed)
enum class Theme { light, dark, system };
BOOST_DESCRIBE_ENUM(Theme, light, dark, system)

struct Category {
  static constexpr std::string_view kTable = "courses_category";
  Id id = 0;
  std::string name;
  std::string slug;
};
BOOST_DESCRIBE_STRUCT(Category, (), (id, name, slug))

struct Course {
  static constexpr std::string_view kTable = "courses_course";
  Id id = 0;
  std::string title;
  std::string slug;
  std::string description;
  Id instructor_id = 0;
  OptionalId category_id;
  CourseLevel level = CourseLevel::beginner;
  std::int64_t price_cents = 0;
  bool is_published = false;
  std::optional<Timestamp> published_at;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Course, (),
                      (id, title, slug, description, instructor_id, category_id, level, price_cents,
                       is_published, published_at, created_at, updated_at))

struct Module {
  static constexpr std::string_view kTable = "courses_module";
  Id id = 0;
  Id course_id = 0;
  std::string title;
  std::int64_t position = 0;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Module, (), (id, course_id, title, position, created_at, updated_at))

struct Lesson {
  static constexpr std::string_view kTable = "courses_lesson";
  Id id = 0;
  Id module_id = 0;
  std::string title;
  std::string content;
  std::int64_t duration_minutes = 0;
  std::int64_t position = 0;
  bool is_free_preview = false;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Lesson, (),
                      (id, module_id, title, content, duration_minutes, position, is_free_preview,
                       created_at, updated_at))

struct Enrollment {
  static constexpr std::string_view kTable = "courses_enrollment";
  Id id = 0;
  Id user_id = 0;
  Id course_id = 0;
  EnrollmentStatus status = EnrollmentStatus::active;
  std::optional<Timestamp> completed_at;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Enrollment, (),
                      (id, user_id, course_id, status, completed_at, created_at, updated_at))

struct CourseProgress {
  static constexpr std::string_view kTable = "courses_courseprogress";
  Id id = 0;
  Id enrollment_id = 0;
  std::int64_t completed_lessons = 0;
  std::int64_t progress_percent = 0;
  OptionalId last_lesson_id;
  std::optional<Timestamp> last_accessed_at;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(CourseProgress, (),
                      (id, enrollment_id, completed_lessons, progress_percent, last_lesson_id,
                       last_accessed_at, created_at, updated_at))

struct LessonProgress {
  static constexpr std::string_view kTable = "courses_lessonprogress";
  Id id = 0;
  Id user_id = 0;
  Id lesson_id = 0;
  bool is_completed = false;
  std::optional<Timestamp> completed_at;
  std::int64_t time_spent_seconds = 0;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(LessonProgress, (),
                      (id, user_id, lesson_id, is_completed, completed_at, time_spent_seconds,
                       created_at, updated_at))

struct Assessment {
  static constexpr std::string_view kTable = "courses_assessment";
  Id id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string title;
  std::string description;
  std::int64_t passing_score = 70;
  std::optional<std::int64_t> time_limit_minutes;
  std::optional<std::int64_t> max_attempts;
  bool is_published = false;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Assessment, (),
                      (id, course_id, lesson_id, title, description, passing_score,
                       time_limit_minutes, max_attempts, is_published, created_at, updated_at))

struct Question {
  static constexpr std::string_view kTable = "courses_question";
  Id id = 0;
  Id assessment_id = 0;
  QuestionType question_type = QuestionType::single_choice;
  std::string question_text;
  std::string text;  // alias of question_text
  std::string explanation;
  std::string feedback;  // alias of explanation
  std::int64_t points = 1;
  std::int64_t position = 0;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Question, (),
                      (id, assessment_id, question_type, question_text, text, explanation, feedback,
                       points, position, created_at, updated_at))

struct Answer {
  static constexpr std::string_view kTable = "courses_answer";
  Id id = 0;
  Id question_id = 0;
  std::string answer_text;
  bool is_correct = false;
  std::int64_t position = 0;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Answer, (),
                      (id, question_id, answer_text, is_correct, position, created_at, updated_at))

struct AssessmentAttempt {
  static constexpr std::string_view kTable = "courses_assessmentattempt";
  Id id = 0;
  Id user_id = 0;
  Id assessment_id = 0;
  std::int64_t attempt_number = 1;
  AttemptStatus status = AttemptStatus::in_progress;
  Timestamp started_at;
  std::optional<Timestamp> submitted_at;
  std::int64_t points_earned = 0;
  std::int64_t points_possible = 0;
  double score = 0;
  bool passed = false;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(AssessmentAttempt, (),
                      (id, user_id, assessment_id, attempt_number, status, started_at, submitted_at,
                       points_earned, points_possible, score, passed, created_at, updated_at))

struct AttemptAnswer {
  static constexpr std::string_view kTable = "courses_attemptanswer";
  Id id = 0;
  Id attempt_id = 0;
  Id question_id = 0;
  std::string text_answer;
  bool is_correct = false;
  std::int64_t points_awarded = 0;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(AttemptAnswer, (),
                      (id, attempt_id, question_id, text_answer, is_correct, points_awarded,
                       created_at, updated_at))

// The link table of AttemptAnswer.selected_answers.
struct AttemptAnswerSelection {
  static constexpr std::string_view kTable = "courses_attemptanswer_selected_answers";
  Id id = 0;
  Id attemptanswer_id = 0;
  Id answer_id = 0;
};
BOOST_DESCRIBE_STRUCT(AttemptAnswerSelection, (), (id, attemptanswer_id, answer_id))

struct Review {
  static constexpr std::string_view kTable = "courses_review";
  Id id = 0;
  Id user_id = 0;
  Id course_id = 0;
  std::int64_t rating = 0;
  std::string comment;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Review, (), (id, user_id, course_id, rating, comment, created_at, updated_at))

struct Note {
  static constexpr std::string_view kTable = "courses_note";
  Id id = 0;
  Id user_id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string content;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Note, (),
                      (id, user_id, course_id, lesson_id, content, created_at, updated_at))

struct UserActivity {
  static constexpr std::string_view kTable = "courses_useractivity";
  Id id = 0;
  Id user_id = 0;
  ActivityType activity_type = ActivityType::login;
  OptionalId course_id;
  OptionalId lesson_id;
  db::Json metadata{"{}"};
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(UserActivity, (),
                      (id, user_id, activity_type, course_id, lesson_id, metadata, created_at))

struct CourseStats {
  static constexpr std::string_view kTable = "courses_coursestats";
  Id id = 0;
  Id course_id = 0;
  std::int64_t total_enrollments = 0;
  std::int64_t active_enrollments = 0;
  std::int64_t completions = 0;
  std::int64_t review_count = 0;
  std::optional<double> average_rating;
  std::int64_t attempt_count = 0;
  std::optional<double> average_score;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(CourseStats, (),
                      (id, course_id, total_enrollments, active_enrollments, completions,
                       review_count, average_rating, attempt_count, average_score, updated_at))

struct UserStats {
  static constexpr std::string_view kTable = "courses_userstats";
  Id id = 0;
  Id user_id = 0;
  std::int64_t courses_enrolled = 0;
  std::int64_t courses_completed = 0;
  std::int64_t lessons_completed = 0;
  std::int64_t assessments_passed = 0;
  std::int64_t total_time_spent_seconds = 0;
  std::int64_t current_streak_days = 0;
  std::optional<Timestamp> last_activity_at;
};
BOOST_DESCRIBE_STRUCT(UserStats, (),
                      (id, user_id, courses_enrolled, courses_completed, lessons_completed,
                       assessments_passed, total_time_spent_seconds, current_streak_days,
                       last_activity_at))

struct Notification {
  static constexpr std::string_view kTable = "courses_notification";
  Id id = 0;
  Id user_id = 0;
  NotificationType notification_type = NotificationType::announcement;
  std::string title;
  std::string message;
  std::string link;
  bool is_read = false;
  std::optional<Timestamp> read_at;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(Notification, (),
                      (id, user_id, notification_type, title, message, link, is_read, read_at,
                       created_at))

struct Bookmark {
  static constexpr std::string_view kTable = "courses_bookmark";
  Id id = 0;
  Id user_id = 0;
  Id course_id = 0;
  OptionalId lesson_id;
  std::string label;
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(Bookmark, (),
                      (id, user_id, course_id, lesson_id, label, created_at, updated_at))

struct UserPreference {
  static constexpr std::string_view kTable = "courses_userpreference";
  Id id = 0;
  Id user_id = 0;
  std::string language = "en";
  std::string timezone = "UTC";
  bool email_notifications = true;
  Theme theme = Theme::system;
  db::Json extra{"{}"};
  Timestamp created_at;
  Timestamp updated_at;
};
BOOST_DESCRIBE_STRUCT(UserPreference, (),
                      (id, user_id, language, timezone, email_notifications, theme, extra,
                       created_at, updated_at))

}  // namespace lectern::apps::courses
