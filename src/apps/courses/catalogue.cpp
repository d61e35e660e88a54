#include "apps/courses/catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "api/model_input.hpp"
#include "apps/courses/access.hpp"
#include "apps/courses/models.hpp"
#include "apps/courses/stats.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "db/errors.hpp"
#include "db/record.hpp"
#include "db/transaction.hpp"

namespace lectern::apps::courses {

namespace {

// The course view of the courses named by `from` (which ends in a table or
// subquery aliased so that `c` can be joined to it): its select list and
// joins, read back by read_course_view().
std::string course_view_select(std::string_view from = "courses_course c ") {
  return "SELECT " + db::select_list<Course>("c") +
         ", u.id, u.username, u.display_name, g.id, g.name, g.slug, s.total_enrollments, "
         "s.review_count, s.average_rating FROM " +
         std::string(from) +
         "JOIN accounts_user u ON u.id = c.instructor_id "
         "LEFT JOIN courses_category g ON g.id = c.category_id "
         "LEFT JOIN courses_coursestats s ON s.course_id = c.id ";
}

CourseView read_course_view(const db::Row& row) {
  const std::size_t n = db::record_columns<Course>().size();
  CourseView view{.course = db::read_record<Course>(row)};
  view.instructor = {row.get<Id>(n), row.get<std::string>(n + 1), row.get<std::string>(n + 2)};
  if (auto category_id = row.get<OptionalId>(n + 3)) {
    view.category =
        Category{*category_id, row.get<std::string>(n + 4), row.get<std::string>(n + 5)};
  }
  view.stats.total_enrollments = row.get<std::optional<std::int64_t>>(n + 6).value_or(0);
  view.stats.review_count = row.get<std::optional<std::int64_t>>(n + 7).value_or(0);
  view.stats.average_rating = row.get<std::optional<double>>(n + 8);
  return view;
}

bool valid_slug(std::string_view slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return false;
  }
  return true;
}

// A course needs no slug (one is made from the title), and one it is given
// must read well in an address.
void validate_course(const CourseInput& input, api::InputMode mode, api::Validator& v) {
  api::validate_input(declared_models().of<Course>(), input, mode, v, {"slug"});
  if (input.slug) {
    if (input.slug->size() > 220) {
      v.fail("slug", "Use at most 220 characters.");
    } else if (!valid_slug(*input.slug)) {
      v.fail("slug", "Use lower-case letters, digits and hyphens.");
    }
  }
}

void check_category(db::Connection& db, const std::optional<OptionalId>& category_id,
                    api::Validator& v) {
  if (!category_id || !*category_id) return;
  if (!db::find_record<Category>(db, **category_id)) {
    v.fail("category_id", "No category " + std::to_string(**category_id) + ".");
  }
}

// The first of slug, slug-2, slug-3, ... that no course uses.
std::string free_slug(db::Connection& db, const std::string& base) {
  auto rows =
      db.query("SELECT slug FROM courses_course WHERE slug = $1 OR slug LIKE $2 ESCAPE '\\'", base,
               escape_like(base) + "-%");
  std::set<std::string> taken;
  for (const auto& row : rows) taken.insert(row.get<std::string>(0));
  if (!taken.contains(base)) return base;
  for (int n = 2;; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    if (!taken.contains(candidate)) return candidate;
  }
}

// Users who have rows under this course (enrolments, attempts, progress):
// their stats change when the course's rows go away.
std::vector<Id> users_under_course(db::Connection& db, Id course_id) {
  std::vector<Id> out;
  for (const auto& row : db.query(
           "SELECT user_id FROM courses_enrollment WHERE course_id = $1 "
           "UNION SELECT t.user_id FROM courses_assessmentattempt t JOIN courses_assessment a ON "
           "a.id = t.assessment_id WHERE a.course_id = $1 "
           "UNION SELECT p.user_id FROM courses_lessonprogress p JOIN courses_lesson l ON l.id = "
           "p.lesson_id JOIN courses_module m ON m.id = l.module_id WHERE m.course_id = $1",
           course_id)) {
    out.push_back(row.get<Id>(0));
  }
  return out;
}

void require_author(const api::Actor& actor) {
  if (!actor.is_instructor() && !actor.is_admin()) {
    throw ForbiddenError("instructors_only", "Only instructors and admins author courses.");
  }
}

Module module_for_editor(db::Connection& db, const api::Actor& actor, Id module_id) {
  auto module = db::find_record<Module>(db, module_id);
  if (!module) throw NotFoundError("No module " + std::to_string(module_id) + ".");
  auto access = find_course_access(db, module->course_id, &actor);
  if (!access) throw NotFoundError("No module " + std::to_string(module_id) + ".");
  require_editor(*access);
  return *module;
}

LessonPlace lesson_with_course(db::Connection& db, Id lesson_id) {
  static const std::string sql = "SELECT " + db::select_list<Lesson>("l") +
                                 ", m.course_id FROM courses_lesson l JOIN courses_module m ON "
                                 "m.id = l.module_id WHERE l.id = $1";
  auto rows = db.query(sql, lesson_id);
  if (rows.empty()) throw NotFoundError("No lesson " + std::to_string(lesson_id) + ".");
  return {db::read_record<Lesson>(rows[0]), rows[0].get<Id>(db::record_columns<Lesson>().size())};
}

// Runs `write`, turning a unique-constraint refusal into a 409 on `field`.
template <typename Fn>
auto unique_or_conflict(std::string_view field, std::string message, Fn&& write) {
  try {
    return write();
  } catch (const db::UniqueViolation&) {
    throw ConflictError("duplicate", message, {{std::string(field), message}});
  }
}

}  // namespace

std::string slugify(std::string_view title) {
  std::string out;
  bool dash = false;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(std::tolower(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  if (out.size() > 200) out.resize(200);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "course" : out;
}

std::vector<Category> list_categories(db::Connection& db) {
  static const std::string sql =
      "SELECT " + db::select_list<Category>() + " FROM courses_category ORDER BY name, id";
  return db::read_records<Category>(db.query(sql));
}

Category create_category(db::Connection& db, const api::Actor& actor, const std::string& name,
                         const std::string& slug) {
  if (!actor.is_admin()) throw ForbiddenError("admins_only", "Only admins manage categories.");
  api::Validator v;
  v.text("name", name, 100, true);
  if (!valid_slug(slug) || slug.size() > 100)
    v.fail("slug", "Use lower-case letters, digits and hyphens.");
  v.check();
  Category category{.name = name, .slug = slug};
  return unique_or_conflict("slug", "A category with that slug already exists.", [&] {
    category.id = db::insert_record(db, category);
    return category;
  });
}

namespace {

std::optional<CourseView> visible_course_view(const db::ResultSet& rows, const api::Actor* viewer) {
  if (rows.empty()) return std::nullopt;
  CourseView view = read_course_view(rows[0]);
  if (!view.course.is_published && !can_edit(view.course, viewer)) return std::nullopt;
  return view;
}

}  // namespace

std::optional<CourseView> find_course_view(db::Connection& db, Id id, const api::Actor* viewer) {
  static const std::string sql = course_view_select() + "WHERE c.id = $1";
  return visible_course_view(db.query(sql, id), viewer);
}

std::optional<CourseView> find_course_view_by_slug(db::Connection& db, std::string_view slug,
                                                   const api::Actor* viewer) {
  static const std::string sql = course_view_select() + "WHERE c.slug = $1";
  return visible_course_view(db.query(sql, std::string(slug)), viewer);
}

api::Page<CourseView> list_published_courses(db::Connection& db, const CourseFilter& filter,
                                             api::PageRequest page) {
  // Only the filters given appear in the statement: each combination is its
  // own (cached) statement with a plan that can use the primary key's order.
  std::string where = "WHERE c.is_published";
  std::vector<db::Value> params;
  auto param = [&](db::Value value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  if (!filter.search.empty()) {
    const std::string p = param(contains_pattern(filter.search));
    where += " AND (lower(c.title) LIKE " + p + " ESCAPE '\\' OR lower(c.description) LIKE " + p +
             " ESCAPE '\\')";
  }
  if (filter.category_id) where += " AND c.category_id = " + param(*filter.category_id);
  if (!filter.level.empty()) where += " AND c.level = " + param(filter.level);
  const auto count = db.execute("SELECT COUNT(*) FROM courses_course c " + where, params)
                         .front()
                         .get<std::int64_t>(0);
  std::vector<CourseView> results;
  if (page.offset() < count) {
    // The page's ids first, then the joins for those rows only: a deep page
    // no longer joins every row it skips.
    const std::string ids = "(SELECT c.id FROM courses_course c " + where +
                            " ORDER BY c.id LIMIT " + param(page.page_size) + " OFFSET " +
                            param(page.offset()) + ") p JOIN courses_course c ON c.id = p.id ";
    const std::string sql = course_view_select(ids) + "ORDER BY c.id";
    auto rows = db.execute(sql, params);
    results.reserve(rows.size());
    for (const auto& row : rows) results.push_back(read_course_view(row));
  }
  return api::make_page(page, count, std::move(results));
}

Course create_course(db::Connection& db, const api::Actor& actor, const CourseInput& input,
                     Timestamp now) {
  require_author(actor);
  api::Validator v;
  validate_course(input, api::InputMode::kCreate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    check_category(c, input.category_id, v);
    v.check();
    Course course{.instructor_id = actor.user_id, .created_at = now, .updated_at = now};
    api::apply_input(course, input);
    if (!input.slug) course.slug = free_slug(c, slugify(course.title));
    unique_or_conflict("slug", "A course with that slug already exists.",
                       [&] { course.id = db::insert_record(c, course); });
    refresh_course_stats(c, course.id, now);
    return course;
  });
}

Course update_course(db::Connection& db, const api::Actor& actor, Id id, const CourseInput& input,
                     Timestamp now) {
  api::Validator v;
  validate_course(input, api::InputMode::kUpdate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    Course course = require_course_editor(c, id, actor).course;
    check_category(c, input.category_id, v);
    v.check();
    api::apply_input(course, input);
    course.updated_at = now;
    unique_or_conflict("slug", "A course with that slug already exists.",
                       [&] { db::update_record(c, course); });
    return course;
  });
}

Course publish_course(db::Connection& db, const api::Actor& actor, Id id, Timestamp now) {
  return db::in_transaction(db, [&](db::Connection& c) {
    Course course = require_course_editor(c, id, actor).course;
    if (!course.is_published) {
      course.is_published = true;
      course.published_at = now;
      course.updated_at = now;
      db::update_record(c, course);
    }
    return course;
  });
}

void delete_course(db::Connection& db, const api::Actor& actor, Id id, Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    require_course_editor(c, id, actor);
    const std::vector<Id> users = users_under_course(c, id);
    c.query("DELETE FROM courses_course WHERE id = $1", id);
    refresh_users_stats(c, users);
    (void)now;
  });
}

Module create_module(db::Connection& db, const api::Actor& actor, Id course_id,
                     const ModuleInput& input, Timestamp now) {
  api::Validator v;
  api::validate_input(declared_models().of<Module>(), input, api::InputMode::kCreate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    require_course_editor(c, course_id, actor);
    v.check();
    Module module{.course_id = course_id, .created_at = now, .updated_at = now};
    api::apply_input(module, input);
    unique_or_conflict("position", "The course already has a module at that position.",
                       [&] { module.id = db::insert_record(c, module); });
    return module;
  });
}

Module update_module(db::Connection& db, const api::Actor& actor, Id module_id,
                     const ModuleInput& input, Timestamp now) {
  api::Validator v;
  api::validate_input(declared_models().of<Module>(), input, api::InputMode::kUpdate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    Module module = module_for_editor(c, actor, module_id);
    v.check();
    api::apply_input(module, input);
    module.updated_at = now;
    unique_or_conflict("position", "The course already has a module at that position.",
                       [&] { db::update_record(c, module); });
    return module;
  });
}

void delete_module(db::Connection& db, const api::Actor& actor, Id module_id, Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    Module module = module_for_editor(c, actor, module_id);
    std::vector<Id> users;
    for (const auto& row :
         c.query("SELECT DISTINCT p.user_id FROM courses_lessonprogress p JOIN courses_lesson l ON "
                 "l.id = p.lesson_id WHERE l.module_id = $1",
                 module_id)) {
      users.push_back(row.get<Id>(0));
    }
    c.query("DELETE FROM courses_module WHERE id = $1", module_id);
    refresh_course_progress(c, module.course_id, now);
    refresh_users_stats(c, users);
  });
}

void move_module(db::Connection& db, const api::Actor& actor, Id module_id, MoveDirection direction,
                 Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    Module module = module_for_editor(c, actor, module_id);
    static const std::string sql = "SELECT " + db::select_list<Module>() +
                                   " FROM courses_module WHERE course_id = $1 ORDER BY "
                                   "position, id";
    auto modules = db::read_records<Module>(c.query(sql, module.course_id));
    auto at = std::find_if(modules.begin(), modules.end(),
                           [&](const Module& m) { return m.id == module_id; });
    const bool up = direction == MoveDirection::up;
    if (up ? at == modules.begin() : at + 1 == modules.end()) return;
    Module& other = *(up ? at - 1 : at + 1);
    // (course, position) is unique and checked per statement on both
    // backends: park one module past the end while the other takes its place.
    const std::int64_t parked = modules.back().position + 1;
    const std::int64_t mine = at->position;
    const std::int64_t theirs = other.position;
    at->updated_at = other.updated_at = now;
    at->position = parked;
    db::update_record(c, *at);
    other.position = mine;
    db::update_record(c, other);
    at->position = theirs;
    db::update_record(c, *at);
  });
}

EditableLesson lesson_for_editor(db::Connection& db, const api::Actor& actor, Id lesson_id) {
  return db::in_transaction(db, [&](db::Connection& c) {
    LessonPlace place = lesson_with_course(c, lesson_id);
    return EditableLesson{place.lesson, module_for_editor(c, actor, place.lesson.module_id)};
  });
}

Lesson create_lesson(db::Connection& db, const api::Actor& actor, Id module_id,
                     const LessonInput& input, Timestamp now) {
  api::Validator v;
  api::validate_input(declared_models().of<Lesson>(), input, api::InputMode::kCreate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    Module module = module_for_editor(c, actor, module_id);
    v.check();
    Lesson lesson{.module_id = module_id, .created_at = now, .updated_at = now};
    api::apply_input(lesson, input);
    unique_or_conflict("position", "The module already has a lesson at that position.",
                       [&] { lesson.id = db::insert_record(c, lesson); });
    refresh_course_progress(c, module.course_id, now);
    return lesson;
  });
}

Lesson update_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id,
                     const LessonInput& input, Timestamp now) {
  api::Validator v;
  api::validate_input(declared_models().of<Lesson>(), input, api::InputMode::kUpdate, v);
  return db::in_transaction(db, [&](db::Connection& c) {
    LessonPlace place = lesson_with_course(c, lesson_id);
    module_for_editor(c, actor, place.lesson.module_id);
    v.check();
    Lesson& lesson = place.lesson;
    api::apply_input(lesson, input);
    lesson.updated_at = now;
    unique_or_conflict("position", "The module already has a lesson at that position.",
                       [&] { db::update_record(c, lesson); });
    return lesson;
  });
}

void delete_lesson(db::Connection& db, const api::Actor& actor, Id lesson_id, Timestamp now) {
  db::in_transaction(db, [&](db::Connection& c) {
    LessonPlace place = lesson_with_course(c, lesson_id);
    module_for_editor(c, actor, place.lesson.module_id);
    std::vector<Id> users;
    for (const auto& row :
         c.query("SELECT user_id FROM courses_lessonprogress WHERE lesson_id = $1", lesson_id)) {
      users.push_back(row.get<Id>(0));
    }
    c.query("DELETE FROM courses_lesson WHERE id = $1", lesson_id);
    refresh_course_progress(c, place.course_id, now);
    refresh_users_stats(c, users);
  });
}

Outline course_outline(db::Connection& db, Id course_id, const api::Actor* viewer) {
  return course_outline(db, course_access(db, course_id, viewer));
}

Outline course_outline(db::Connection& db, const CourseAccess& access) {
  // One statement: each module with its lessons (a module without any comes
  // once, its lesson columns NULL).
  static const std::string sql =
      "SELECT " + db::select_list<Module>("m") + ", " + db::select_list<Lesson>("l", {"content"}) +
      " FROM courses_module m LEFT JOIN courses_lesson l ON l.module_id = m.id WHERE m.course_id "
      "= $1 ORDER BY m.position, m.id, l.position, l.id";
  static const std::size_t lesson_at = db::record_columns<Module>().size();
  Outline outline{.course_id = access.course.id};
  for (const auto& row : db.query(sql, access.course.id)) {
    const Id module_id = row.get<Id>(0);
    if (outline.modules.empty() || outline.modules.back().module.id != module_id) {
      outline.modules.push_back({db::read_record<Module>(row), {}});
    }
    if (!db::is_null(row.at(lesson_at))) {
      outline.modules.back().lessons.push_back(db::read_record<Lesson>(row, lesson_at));
    }
  }
  return outline;
}

Lesson view_lesson(db::Connection& db, Id lesson_id, const api::Actor* viewer) {
  return view_lesson_place(db, lesson_id, viewer).lesson;
}

LessonPlace view_lesson_place(db::Connection& db, Id lesson_id, const api::Actor* viewer) {
  LessonPlace place = lesson_with_course(db, lesson_id);
  auto access = find_course_access(db, place.course_id, viewer);
  if (!access) throw NotFoundError("No lesson " + std::to_string(lesson_id) + ".");
  const bool enrolled =
      access->enrollment && access->enrollment->status != EnrollmentStatus::dropped;
  if (access->can_edit || enrolled || (place.lesson.is_free_preview && access->course.is_published))
    return place;
  if (!viewer) {
    throw UnauthenticatedError("not_authenticated", "Log in and enrol to open this lesson.");
  }
  throw ForbiddenError("not_enrolled", "Enrol in the course to open this lesson.");
}

}  // namespace lectern::apps::courses
