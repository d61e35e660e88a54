#include "apps/demo_data.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "apps/accounts/records.hpp"
#include "apps/courses/catalogue.hpp"
#include "apps/courses/records.hpp"
#include "apps/courses/stats.hpp"
#include "apps/instructor_portal/records.hpp"
#include "apps/registry.hpp"
#include "core/error.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps {

namespace {

using namespace std::chrono;
using courses::Id;

constexpr std::uint64_t kSeed = 20261124;
constexpr int kInstructors = 50;
constexpr int kStudents = 2000;
constexpr int kCategories = 10;
constexpr int kCourses = 500;
constexpr int kModulesPerCourse = 5;
constexpr int kLessonsPerModule = 4;
constexpr int kEnrollmentsPerStudent = 10;
constexpr int kReviews = 5000;
constexpr const char* kPassword = "password-2026";
constexpr const char* kBenchPassword = "bench-password-2026";
constexpr const char* kAdminPassword = "admin-password-2026";

constexpr std::array kCategoryNames = {"Programming",      "Data Science", "Design", "Business",
                                       "Marketing",        "Photography",  "Music",  "Languages",
                                       "Health & Fitness", "Mathematics"};
constexpr std::array kFirst = {"Ada",    "Alan",     "Grace",   "Edsger",  "Barbara",
                               "Donald", "Margaret", "Ken",     "Frances", "Linus",
                               "Radia",  "Dennis",   "Hedy",    "Tim",     "Katherine",
                               "John",   "Sophie",   "Niklaus", "Lynn",    "Bjarne"};
constexpr std::array kLast = {"Lovelace", "Turing",   "Hopper",   "Dijkstra",    "Liskov",
                              "Knuth",    "Hamilton", "Thompson", "Allen",       "Torvalds",
                              "Perlman",  "Ritchie",  "Lamarr",   "Berners-Lee", "Johnson",
                              "McCarthy", "Wilson",   "Wirth",    "Conway",      "Stroustrup"};
constexpr std::array kAdjectives = {"Practical", "Complete",       "Modern",  "Hands-on",
                                    "Essential", "Advanced",       "Applied", "Intro to",
                                    "Mastering", "Fundamentals of"};
constexpr std::array kTopics = {"Python",
                                "PostgreSQL",
                                "Statistics",
                                "UX Research",
                                "Accounting",
                                "SEO",
                                "Portrait Lighting",
                                "Jazz Harmony",
                                "Spanish",
                                "Yoga",
                                "Linear Algebra",
                                "C++",
                                "Machine Learning",
                                "Typography",
                                "Negotiation",
                                "Copywriting",
                                "Film Editing",
                                "Music Production",
                                "Japanese",
                                "Calculus"};
constexpr std::array kWords = {
    "learn",  "build",    "practice", "project", "step",       "concept", "example", "exercise",
    "review", "quiz",     "module",   "lesson",  "understand", "apply",   "design",  "data",
    "model",  "query",    "test",     "deploy",  "measure",    "improve", "skill",   "real",
    "world",  "guide",    "clear",    "short",   "deep",       "dive",    "theory",  "hands",
    "tools",  "workflow", "team",     "career"};
constexpr std::array kLevels = {courses::CourseLevel::beginner, courses::CourseLevel::intermediate,
                                courses::CourseLevel::advanced};
constexpr std::array<std::int64_t, 6> kPrices = {0, 1999, 2999, 4999, 9999, 14999};

// SplitMix64: tiny, fast, and the same on every platform (the standard
// library's distributions are not).
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (the modulo bias over spans this small is below 1e-15).
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo + 1);
    return lo + static_cast<std::int64_t>(next() % span);
  }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  template <typename C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(
        between(0, static_cast<std::int64_t>(std::size(items)) - 1))];
  }
  // k distinct items (partial Fisher-Yates over a copy).
  template <typename T>
  std::vector<T> sample(std::vector<T> items, std::size_t k) {
    for (std::size_t i = 0; i < k; ++i) {
      const auto j = static_cast<std::size_t>(
          between(static_cast<std::int64_t>(i), static_cast<std::int64_t>(items.size()) - 1));
      std::swap(items[i], items[j]);
    }
    items.resize(k);
    return items;
  }

 private:
  std::uint64_t state_;
};

std::string sentence(DemoRandom& rng, int words) {
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (i > 0) out += ' ';
    out += rng.pick(kWords);
  }
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out + ".";
}

std::string paragraph(DemoRandom& rng, int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i) {
    if (i > 0) out += ' ';
    out += sentence(rng, static_cast<int>(rng.between(8, 16)));
  }
  return out;
}

std::string padded(int n, int width) {
  std::string digits = std::to_string(n);
  return std::string(std::max(0, width - static_cast<int>(digits.size())), '0') + digits;
}

// Tables children first, so that deleting in this order never trips a
// foreign key (PROTECT included).
std::vector<std::string> tables_children_first() {
  const schema::ProjectState state = project_models().state();
  std::map<std::string, std::set<std::string>> parents;  // table -> tables it references
  for (const auto& [key, model] : state.models) {
    auto& mine = parents[model.table];
    for (const auto& field : model.fields) {
      if (const auto* target = state.find(field.target); target && target->table != model.table) {
        mine.insert(target->table);
      }
    }
    for (const auto& m2m : model.many_to_many) {
      std::string link = model.table + "_" + m2m.name;
      parents[link].insert(model.table);
      if (const auto* target = state.find(m2m.target)) parents[link].insert(target->table);
    }
  }
  std::vector<std::string> order;
  std::set<std::string> done;
  while (done.size() < parents.size()) {
    for (const auto& [table, refs] : parents) {
      if (done.contains(table)) continue;
      // A table goes once nothing left references it.
      bool referenced = false;
      for (const auto& [other, other_refs] : parents) {
        if (!done.contains(other) && other != table && other_refs.contains(table))
          referenced = true;
      }
      if (!referenced) {
        order.push_back(table);
        done.insert(table);
      }
    }
  }
  return order;
}

class Loader {
 public:
  Loader(db::Connection& db, accounts::PasswordCost cost) : db_(db), cost_(cost) {}

  DemoSummary run() {
    base_ = sys_days{year{2025} / 1 / 1};
    users();
    catalogue();
    enrollments_and_progress();
    reviews();
    assessments_and_attempts();
    write_all();
    courses::recompute_all(db_, base_ + days(400));
    summary_.logins = demo_logins();
    return summary_;
  }

 private:
  Timestamp at(minutes offset) const { return base_ + offset; }

  void users() {
    const std::string shared = accounts::hash_password(kPassword, cost_);
    Id id = 0;
    for (int i = 1; i <= kInstructors; ++i) {
      const std::string first = kFirst[i % kFirst.size()], last = kLast[(i * 7) % kLast.size()];
      const Timestamp created = base_ + days(-365 + i);
      users_.push_back({.id = ++id,
                        .username = "instructor" + padded(i, 3),
                        .email = "instructor" + padded(i, 3) + "@example.com",
                        .password_hash = shared,
                        .display_name = first + " " + last,
                        .role = api::Role::instructor,
                        .created_at = created,
                        .updated_at = created});
      profiles_.push_back({.id = i,
                           .user_id = id,
                           .bio = paragraph(rng_, 2),
                           .expertise = rng_.pick(kTopics),
                           .website = "https://example.com/" + users_.back().username,
                           .is_verified = i % 3 == 0,
                           .created_at = created,
                           .updated_at = created});
    }
    for (int i = 1; i <= kStudents; ++i) {
      const std::string first = kFirst[(i * 3) % kFirst.size()],
                        last = kLast[(i * 11) % kLast.size()];
      const Timestamp created = at(minutes(i * 37));
      users_.push_back({.id = ++id,
                        .username = "student" + padded(i, 4),
                        .email = "student" + padded(i, 4) + "@example.com",
                        .password_hash = shared,
                        .display_name = first + " " + last + " " + std::to_string(i),
                        .role = api::Role::student,
                        .created_at = created,
                        .updated_at = created});
    }
    users_.push_back({.id = ++id,
                      .username = "bench",
                      .email = "bench@example.com",
                      .password_hash = accounts::hash_password(kBenchPassword, cost_),
                      .display_name = "Bench User",
                      .role = api::Role::student,
                      .created_at = base_,
                      .updated_at = base_});
    users_.push_back({.id = ++id,
                      .username = "admin",
                      .email = "admin@example.com",
                      .password_hash = accounts::hash_password(kAdminPassword, cost_),
                      .display_name = "Site Admin",
                      .role = api::Role::admin,
                      .created_at = base_,
                      .updated_at = base_});
  }

  void catalogue() {
    for (int i = 0; i < kCategories; ++i) {
      categories_.push_back(
          {.id = i + 1, .name = kCategoryNames[i], .slug = courses::slugify(kCategoryNames[i])});
    }
    Id module_id = 0, lesson_id = 0;
    for (int cid = 1; cid <= kCourses; ++cid) {
      const std::string title = std::string(kAdjectives[cid % kAdjectives.size()]) + " " +
                                kTopics[(cid * 7) % kTopics.size()] + " " + std::to_string(cid);
      const bool published = cid % 5 != 0;
      const Timestamp created = base_ + hours(cid * 5);
      courses_.push_back(
          {.id = cid,
           .title = title,
           .slug = courses::slugify(title),
           .description = paragraph(rng_, 4),
           .instructor_id = (cid - 1) % kInstructors + 1,
           .category_id = cid % 25 == 7 ? courses::OptionalId{}
                                        : courses::OptionalId{(cid - 1) % kCategories + 1},
           .level = kLevels[cid % 3],
           .price_cents = rng_.pick(kPrices),
           .is_published = published,
           .published_at = published ? std::optional(created + days(2)) : std::nullopt,
           .created_at = created,
           .updated_at = created + days(3)});
      if (published) published_.push_back(cid);
      for (int m = 1; m <= kModulesPerCourse; ++m) {
        modules_.push_back({.id = ++module_id,
                            .course_id = cid,
                            .title = "Module " + std::to_string(m) + ": " + sentence(rng_, 4),
                            .position = m,
                            .created_at = created,
                            .updated_at = created});
        modules_.back().title.pop_back();  // the sentence's full stop
        for (int l = 1; l <= kLessonsPerModule; ++l) {
          std::string lesson_title = sentence(rng_, 5);
          lesson_title.pop_back();
          lessons_.push_back({.id = ++lesson_id,
                              .module_id = module_id,
                              .title = "Lesson " + std::to_string(m) + "." + std::to_string(l) +
                                       ": " + lesson_title,
                              .content = paragraph(rng_, 3),
                              .duration_minutes = rng_.between(5, 30),
                              .position = l,
                              .is_free_preview = m == 1 && l == 1,
                              .created_at = created,
                              .updated_at = created});
        }
      }
    }
  }

  // The lessons of a course in outline order (ids are laid out that way).
  std::vector<Id> lessons_of(Id course_id) const {
    std::vector<Id> out;
    const Id first = (course_id - 1) * kModulesPerCourse * kLessonsPerModule + 1;
    for (Id i = 0; i < kModulesPerCourse * kLessonsPerModule; ++i) out.push_back(first + i);
    return out;
  }

  void activity(Id user, courses::ActivityType type, courses::OptionalId course,
                courses::OptionalId lesson, Timestamp when) {
    activity_.push_back({.id = static_cast<Id>(activity_.size()) + 1,
                         .user_id = user,
                         .activity_type = type,
                         .course_id = course,
                         .lesson_id = lesson,
                         .metadata = db::Json{"{\"source\":\"demo\"}"},
                         .created_at = when});
  }

  void notification(Id user, courses::NotificationType type, std::string title, std::string message,
                    std::string link, Timestamp when) {
    const bool read = rng_.unit() < 0.5;
    notifications_.push_back({.id = static_cast<Id>(notifications_.size()) + 1,
                              .user_id = user,
                              .notification_type = type,
                              .title = std::move(title),
                              .message = std::move(message),
                              .link = std::move(link),
                              .is_read = read,
                              .read_at = read ? std::optional(when + hours(6)) : std::nullopt,
                              .created_at = when});
  }

  void enrollments_and_progress() {
    for (int s = 0; s < kStudents; ++s) {
      const accounts::User& student = users_[kInstructors + s];
      auto picked = rng_.sample(published_, kEnrollmentsPerStudent);
      std::sort(picked.begin(), picked.end());
      for (Id cid : picked) {
        const courses::Course& course = courses_[cid - 1];
        const double r = rng_.unit();
        using courses::EnrollmentStatus;
        const EnrollmentStatus status = r < 0.7   ? EnrollmentStatus::active
                                        : r < 0.9 ? EnrollmentStatus::completed
                                                  : EnrollmentStatus::dropped;
        const Timestamp start =
            std::max(*course.published_at, student.created_at) + hours(rng_.between(1, 2000));
        const Id enrollment_id = static_cast<Id>(enrollments_.size()) + 1;
        const auto lessons = lessons_of(cid);
        std::size_t done = 0;
        if (status == EnrollmentStatus::completed) {
          done = lessons.size();
        } else if (status == EnrollmentStatus::active) {
          done = static_cast<std::size_t>(
              rng_.between(0, static_cast<std::int64_t>(lessons.size()) - 1));
        } else {
          done = static_cast<std::size_t>(rng_.between(0, 5));
        }
        Timestamp when = start;
        for (std::size_t i = 0; i < done; ++i) {
          when += minutes(rng_.between(30, 60 * 30));
          lesson_progress_.push_back({.id = static_cast<Id>(lesson_progress_.size()) + 1,
                                      .user_id = student.id,
                                      .lesson_id = lessons[i],
                                      .is_completed = true,
                                      .completed_at = when,
                                      .time_spent_seconds = rng_.between(60, 1800),
                                      .created_at = when,
                                      .updated_at = when});
          activity(student.id, courses::ActivityType::complete_lesson, cid, lessons[i], when);
        }
        const std::optional<Timestamp> completed_at =
            status == EnrollmentStatus::completed ? std::optional(when) : std::nullopt;
        enrollments_.push_back({.id = enrollment_id,
                                .user_id = student.id,
                                .course_id = cid,
                                .status = status,
                                .completed_at = completed_at,
                                .created_at = start,
                                .updated_at = completed_at.value_or(start)});
        activity(student.id, courses::ActivityType::enroll, cid, std::nullopt, start);
        progress_.push_back(
            {.id = enrollment_id,
             .enrollment_id = enrollment_id,
             .completed_lessons = static_cast<std::int64_t>(done),
             .progress_percent = static_cast<std::int64_t>(done * 100 / lessons.size()),
             .last_lesson_id =
                 done ? courses::OptionalId{lessons[done - 1]} : courses::OptionalId{},
             .last_accessed_at = done ? std::optional(when) : std::nullopt,
             .created_at = start,
             .updated_at = when});
        if (completed_at) {
          notification(student.id, courses::NotificationType::course_completed,
                       "You completed " + course.title,
                       "Congratulations: you completed every lesson of \"" + course.title + "\".",
                       "/courses/" + std::to_string(cid), *completed_at);
        }
      }
    }
  }

  void reviews() {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < enrollments_.size(); ++i) {
      if (enrollments_[i].status != courses::EnrollmentStatus::dropped) candidates.push_back(i);
    }
    auto picked = rng_.sample(candidates, kReviews);
    std::sort(picked.begin(), picked.end());
    constexpr std::array<int, 5> kWeights = {5, 10, 20, 35, 30};
    for (std::size_t index : picked) {
      const courses::Enrollment& e = enrollments_[index];
      const Timestamp when = e.created_at + days(rng_.between(1, 30));
      std::int64_t roll = rng_.between(1, 100), rating = 1;
      for (int w : kWeights) {
        if (roll <= w) break;
        roll -= w;
        ++rating;
      }
      reviews_.push_back({.id = static_cast<Id>(reviews_.size()) + 1,
                          .user_id = e.user_id,
                          .course_id = e.course_id,
                          .rating = rating,
                          .comment = sentence(rng_, static_cast<int>(rng_.between(6, 20))),
                          .created_at = when,
                          .updated_at = when});
      activity(e.user_id, courses::ActivityType::review, e.course_id, std::nullopt, when);
      const courses::Course& course = courses_[e.course_id - 1];
      notification(
          course.instructor_id, courses::NotificationType::review_posted,
          "New review of " + course.title,
          users_[e.user_id - 1].display_name + " rated it " + std::to_string(rating) + " of 5.",
          "/courses/" + std::to_string(course.id) + "/reviews", when);
    }
  }

  // One published assessment per published course (four questions, one of
  // each type); students who completed the course took it once or twice.
  void assessments_and_attempts() {
    struct Shape {
      courses::QuestionType type;
      std::int64_t points;
      std::vector<std::pair<const char*, bool>> answers;
    };
    const std::vector<Shape> shapes = {
        {courses::QuestionType::single_choice,
         1,
         {{"A query plan", true}, {"A backup", false}, {"A role", false}}},
        {courses::QuestionType::multiple_choice,
         2,
         {{"Indexes", true}, {"Constraints", true}, {"Colours", false}}},
        {courses::QuestionType::true_false, 1, {{"True", true}, {"False", false}}},
        {courses::QuestionType::short_answer, 1, {{"transaction", true}, {"a transaction", true}}},
    };
    std::map<Id, Id> assessment_of;  // course -> assessment
    for (Id cid : published_) {
      const courses::Course& course = courses_[cid - 1];
      const Id aid = static_cast<Id>(assessments_.size()) + 1;
      assessment_of[cid] = aid;
      assessments_.push_back({.id = aid,
                              .course_id = cid,
                              .lesson_id = lessons_of(cid).back(),
                              .title = "Final quiz: " + course.title,
                              .description = sentence(rng_, 10),
                              .passing_score = 70,
                              .time_limit_minutes = 30,
                              .max_attempts = 3,
                              .is_published = true,
                              .created_at = course.created_at,
                              .updated_at = course.created_at});
      for (std::size_t q = 0; q < shapes.size(); ++q) {
        const Id qid = static_cast<Id>(questions_.size()) + 1;
        std::string text = sentence(rng_, 8);
        text.back() = '?';
        const std::string why = sentence(rng_, 9);
        questions_.push_back({.id = qid,
                              .assessment_id = aid,
                              .question_type = shapes[q].type,
                              .question_text = text,
                              .text = text,
                              .explanation = why,
                              .feedback = why,
                              .points = shapes[q].points,
                              .position = static_cast<std::int64_t>(q + 1),
                              .created_at = course.created_at,
                              .updated_at = course.created_at});
        answer_range_[qid] = {answers_.size(), shapes[q].answers.size()};
        for (std::size_t a = 0; a < shapes[q].answers.size(); ++a) {
          answers_.push_back({.id = static_cast<Id>(answers_.size()) + 1,
                              .question_id = qid,
                              .answer_text = shapes[q].answers[a].first,
                              .is_correct = shapes[q].answers[a].second,
                              .position = static_cast<std::int64_t>(a + 1),
                              .created_at = course.created_at,
                              .updated_at = course.created_at});
        }
      }
    }
    for (const courses::Enrollment& e : enrollments_) {
      if (e.status != courses::EnrollmentStatus::completed) continue;
      const Id aid = assessment_of.at(e.course_id);
      const courses::Assessment& assessment = assessments_[aid - 1];
      const int attempts = static_cast<int>(rng_.between(1, 2));
      Timestamp started = *e.completed_at + hours(1);
      for (int n = 1; n <= attempts; ++n) {
        attempt(e.user_id, assessment, n, started);
        started += days(1);
      }
    }
  }

  // One graded attempt: each question answered right with probability 0.75,
  // by picking the correct (or a wrong) choice, then scored by the rules.
  void attempt(Id user, const courses::Assessment& assessment, int number, Timestamp started) {
    const Id attempt_id = static_cast<Id>(attempts_.size()) + 1;
    const Timestamp submitted = started + minutes(rng_.between(3, 25));
    std::int64_t earned = 0, possible = 0;
    const Id first_question = (assessment.id - 1) * 4 + 1;
    for (Id qid = first_question; qid < first_question + 4; ++qid) {
      const courses::Question& q = questions_[qid - 1];
      const bool right = rng_.unit() < 0.75;
      possible += q.points;
      earned += right ? q.points : 0;
      const Id attempt_answer_id = static_cast<Id>(attempt_answers_.size()) + 1;
      auto select = [&](const courses::Answer& a) {
        selections_.push_back({.id = static_cast<Id>(selections_.size()) + 1,
                               .attemptanswer_id = attempt_answer_id,
                               .answer_id = a.id});
      };
      std::string text_answer;
      const auto [first, count] = answer_range_.at(qid);
      if (q.question_type == courses::QuestionType::short_answer) {
        text_answer = right ? "  Transaction " : "a lock";  // graded trimmed, any case
      } else if (right) {
        for (std::size_t i = first; i < first + count; ++i) {
          if (answers_[i].is_correct) select(answers_[i]);
        }
      } else {
        for (std::size_t i = first; i < first + count; ++i) {
          if (!answers_[i].is_correct) {
            select(answers_[i]);
            break;
          }
        }
      }
      attempt_answers_.push_back({.id = attempt_answer_id,
                                  .attempt_id = attempt_id,
                                  .question_id = qid,
                                  .text_answer = text_answer,
                                  .is_correct = right,
                                  .points_awarded = right ? q.points : 0,
                                  .created_at = submitted,
                                  .updated_at = submitted});
    }
    const std::int64_t hundredths = (earned * 10000 * 2 + possible) / (2 * possible);
    const double score = static_cast<double>(hundredths) / 100.0;
    const bool passed = score >= static_cast<double>(assessment.passing_score);
    attempts_.push_back({.id = attempt_id,
                         .user_id = user,
                         .assessment_id = assessment.id,
                         .attempt_number = number,
                         .status = courses::AttemptStatus::graded,
                         .started_at = started,
                         .submitted_at = submitted,
                         .points_earned = earned,
                         .points_possible = possible,
                         .score = score,
                         .passed = passed,
                         .created_at = started,
                         .updated_at = submitted});
    activity(user, courses::ActivityType::submit_attempt, assessment.course_id, std::nullopt,
             submitted);
    notification(
        user, courses::NotificationType::attempt_graded, "Your result: " + assessment.title,
        "You scored " + std::to_string(hundredths / 100) + "%" +
            (passed ? " and passed."
                    : "; the pass mark is " + std::to_string(assessment.passing_score) + "%."),
        "/attempts/" + std::to_string(attempt_id), submitted);
  }

  template <typename T>
  void write(const char* label, const std::vector<T>& rows) {
    db::insert_records_with_ids(db_, rows);
    summary_.rows.emplace_back(label, static_cast<std::int64_t>(rows.size()));
  }

  void write_all() {
    write("users", users_);
    write("instructor profiles", profiles_);
    write("categories", categories_);
    write("courses", courses_);
    write("modules", modules_);
    write("lessons", lessons_);
    write("enrollments", enrollments_);
    write("course progress", progress_);
    write("lesson progress", lesson_progress_);
    write("reviews", reviews_);
    write("assessments", assessments_);
    write("questions", questions_);
    write("answers", answers_);
    write("attempts", attempts_);
    write("attempt answers", attempt_answers_);
    write("selected answers", selections_);
    write("notifications", notifications_);
    write("activity", activity_);
  }

  db::Connection& db_;
  accounts::PasswordCost cost_;
  DemoRandom rng_{kSeed};
  Timestamp base_;
  DemoSummary summary_;
  std::vector<Id> published_;
  std::vector<accounts::User> users_;
  std::vector<instructor_portal::InstructorProfile> profiles_;
  std::vector<courses::Category> categories_;
  std::vector<courses::Course> courses_;
  std::vector<courses::Module> modules_;
  std::vector<courses::Lesson> lessons_;
  std::vector<courses::Enrollment> enrollments_;
  std::vector<courses::CourseProgress> progress_;
  std::vector<courses::LessonProgress> lesson_progress_;
  std::vector<courses::Review> reviews_;
  std::vector<courses::Assessment> assessments_;
  std::vector<courses::Question> questions_;
  std::vector<courses::Answer> answers_;
  std::map<Id, std::pair<std::size_t, std::size_t>> answer_range_;  // question -> answers_ range
  std::vector<courses::AssessmentAttempt> attempts_;
  std::vector<courses::AttemptAnswer> attempt_answers_;
  std::vector<courses::AttemptAnswerSelection> selections_;
  std::vector<courses::Notification> notifications_;
  std::vector<courses::UserActivity> activity_;
};

// Explicit ids leave PostgreSQL's identity sequences behind; move each past
// its table's largest id. (SQLite's AUTOINCREMENT follows by itself.)
void restart_ids_after_load(db::Connection& db, const std::vector<std::string>& tables) {
  if (db.backend() != db::Backend::kPostgres) return;
  for (const auto& table : tables) {
    db.query("SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM " +
                 db.dialect().quote(table) + "), 0) + 1, false)",
             table);
  }
}

}  // namespace

std::vector<DemoLogin> demo_logins() {
  return {{"admin", kAdminPassword, api::Role::admin},
          {"instructor001", kPassword, api::Role::instructor},
          {"student0001", kPassword, api::Role::student},
          {"bench", kBenchPassword, api::Role::student}};
}

DemoSummary load_demo_data(db::Connection& db, accounts::PasswordCost cost) {
  return db::in_transaction(db, [&](db::Connection& c) {
    if (c.count("SELECT COUNT(*) FROM accounts_user") > 0) {
      throw ConflictError("not_empty",
                          "the database already has users; use --reset to replace its data");
    }
    DemoSummary summary = Loader(c, cost).run();
    restart_ids_after_load(c, tables_children_first());
    return summary;
  });
}

void clear_domain_data(db::Connection& db) {
  db::in_transaction(db, [&](db::Connection& c) {
    const auto tables = tables_children_first();
    for (const auto& table : tables) c.query("DELETE FROM " + c.dialect().quote(table));
    if (c.backend() == db::Backend::kSqlite) {
      for (const auto& table : tables)
        c.query("DELETE FROM sqlite_sequence WHERE name = $1", table);
    } else {
      restart_ids_after_load(c, tables);
    }
  });
}

}  // namespace lectern::apps
