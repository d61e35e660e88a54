#include "apps/courses/handlers.hpp"

namespace lectern::apps::courses {

namespace {

// The view of a course the caller just changed (they can always see it).
http::Response course_response(api::Call& call, int status, Id course_id) {
  auto view = find_course_view(call.db, course_id, call.actor());
  if (!view) throw NotFoundError("No course " + std::to_string(course_id) + ".");
  return api::json(status, *view);
}

// The outline names its course once, and leaves lessons' content out.
struct OutlineLesson : Lesson {
  static constexpr std::string_view kJsonHidden[] = {"module_id", "content", "created_at",
                                                     "updated_at"};
};
BOOST_DESCRIBE_STRUCT(OutlineLesson, (Lesson), ())

struct OutlineModuleOut : Module {
  std::vector<OutlineLesson> lessons;
  static constexpr std::string_view kJsonHidden[] = {"course_id", "created_at", "updated_at"};
};
BOOST_DESCRIBE_STRUCT(OutlineModuleOut, (Module), (lessons))

struct OutlineOut {
  Id course_id = 0;
  std::vector<OutlineModuleOut> modules;
};
BOOST_DESCRIBE_STRUCT(OutlineOut, (), (course_id, modules))

OutlineOut outline_out(const Outline& outline) {
  OutlineOut out{.course_id = outline.course_id};
  for (const auto& m : outline.modules) {
    OutlineModuleOut module{m.module, {}};
    for (const auto& l : m.lessons) module.lessons.push_back({l});
    out.modules.push_back(std::move(module));
  }
  return out;
}

// ?category= takes an id or a slug.
OptionalId category_filter(api::Call& call) {
  auto text = call.query("category");
  if (!text || text->empty()) return std::nullopt;
  if (std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return call.query_id("category");
  }
  for (const auto& c : list_categories(call.db)) {
    if (c.slug == *text) return c.id;
  }
  return Id{0};  // no such category: an empty list
}

}  // namespace

CourseOut course_out(const CourseView& view) {
  return {view.course, view.instructor, view.category, view.stats};
}

void write_json(JsonWriter& w, const CourseView& view) {
  lectern::write_json(w, course_out(view));
}

void register_catalogue_routes(api::Api& api) {
  api.route("GET", "/api/categories", api::Auth::kPublic,
            {.summary = "Course categories by name",
             .tag = "catalogue",
             .response = api::schema<Category>("Category"),
             .paginated = true},
            [](api::Call& call) {
              const api::PageRequest page = call.page();
              auto all = list_categories(call.db);
              std::vector<Category> slice;
              for (std::size_t i = static_cast<std::size_t>(page.offset());
                   i < all.size() && slice.size() < static_cast<std::size_t>(page.page_size); ++i) {
                slice.push_back(all[i]);
              }
              return api::page_response(
                  api::make_page(page, static_cast<std::int64_t>(all.size()), slice));
            });
  api.route(
      "GET", "/api/courses", api::Auth::kPublic,
      {.summary = "Published courses ordered by id (?search=, ?category= id or slug, ?level=)",
       .tag = "catalogue",
       .response = api::schema<CourseOut>("Course"),
       .paginated = true},
      [](api::Call& call) {
        CourseFilter filter{.search = call.query("search").value_or(""),
                            .category_id = category_filter(call),
                            .level = call.query("level").value_or("")};
        return api::page_response(list_published_courses(call.db, filter, call.page()));
      });
  api.route("GET", "/api/courses/{id}", api::Auth::kPublic,
            {.summary = "One course (drafts only for their instructor and admins)",
             .tag = "catalogue",
             .response = api::schema<CourseOut>("Course"),
             .error_statuses = {404}},
            [](api::Call& call) {
              const Id id = call.id("id");
              auto view = find_course_view(call.db, id, call.actor());
              if (!view) throw NotFoundError("No course " + std::to_string(id) + ".");
              return api::json(200, *view);
            });
  api.route("POST", "/api/courses", api::Auth::kRequired,
            {.summary = "Create a course (instructors and admins); it starts unpublished",
             .tag = "authoring",
             .request = api::schema<CourseInput>("CourseRequest"),
             .response = api::schema<CourseOut>("Course"),
             .success_status = 201,
             .error_statuses = {403, 409, 422}},
            [](api::Call& call) {
              Course course = create_course(call.db, call.user(),
                                            api::read_request<CourseInput>(call.body()), call.now);
              return course_response(call, 201, course.id);
            });
  api.route("PATCH", "/api/courses/{id}", api::Auth::kRequired,
            {.summary = "Change a course (its instructor or an admin)",
             .tag = "authoring",
             .request = api::schema<CourseInput>("CourseRequest"),
             .response = api::schema<CourseOut>("Course"),
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              Course course = update_course(call.db, call.user(), call.id("id"),
                                            api::read_request<CourseInput>(call.body()), call.now);
              return course_response(call, 200, course.id);
            });
  api.route("DELETE", "/api/courses/{id}", api::Auth::kRequired,
            {.summary = "Delete a course and everything under it",
             .tag = "authoring",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_course(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
  api.route("POST", "/api/courses/{id}/publish", api::Auth::kRequired,
            {.summary = "Publish a course",
             .tag = "authoring",
             .response = api::schema<CourseOut>("Course"),
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              Course course = publish_course(call.db, call.user(), call.id("id"), call.now);
              return course_response(call, 200, course.id);
            });
  api.route("GET", "/api/courses/{id}/outline", api::Auth::kPublic,
            {.summary = "Modules and lessons of a course, in order (no lesson content)",
             .tag = "catalogue",
             .response = api::schema<OutlineOut>("Outline"),
             .error_statuses = {404}},
            [](api::Call& call) {
              return api::json(200,
                               outline_out(course_outline(call.db, call.id("id"), call.actor())));
            });
  api.route("POST", "/api/courses/{id}/modules", api::Auth::kRequired,
            {.summary = "Add a module to a course",
             .tag = "authoring",
             .request = api::schema<ModuleInput>("ModuleRequest"),
             .response = api::schema<Module>("Module"),
             .success_status = 201,
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(
                  201, create_module(call.db, call.user(), call.id("id"),
                                     api::read_request<ModuleInput>(call.body()), call.now));
            });
  api.route("PATCH", "/api/modules/{id}", api::Auth::kRequired,
            {.summary = "Change a module",
             .tag = "authoring",
             .request = api::schema<ModuleInput>("ModuleRequest"),
             .response = api::schema<Module>("Module"),
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(
                  200, update_module(call.db, call.user(), call.id("id"),
                                     api::read_request<ModuleInput>(call.body()), call.now));
            });
  api.route("DELETE", "/api/modules/{id}", api::Auth::kRequired,
            {.summary = "Delete a module and its lessons",
             .tag = "authoring",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_module(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
  api.route("POST", "/api/modules/{id}/lessons", api::Auth::kRequired,
            {.summary = "Add a lesson to a module",
             .tag = "authoring",
             .request = api::schema<LessonInput>("LessonRequest"),
             .response = api::schema<Lesson>("Lesson"),
             .success_status = 201,
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(
                  201, create_lesson(call.db, call.user(), call.id("id"),
                                     api::read_request<LessonInput>(call.body()), call.now));
            });
  api.route("GET", "/api/lessons/{id}", api::Auth::kPublic,
            {.summary = "A lesson with its content (enrolled students, its instructor, or a "
                        "free preview)",
             .tag = "catalogue",
             .response = api::schema<Lesson>("Lesson"),
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              return api::json(200, view_lesson(call.db, call.id("id"), call.actor()));
            });
  api.route("PATCH", "/api/lessons/{id}", api::Auth::kRequired,
            {.summary = "Change a lesson",
             .tag = "authoring",
             .request = api::schema<LessonInput>("LessonRequest"),
             .response = api::schema<Lesson>("Lesson"),
             .error_statuses = {403, 404, 409, 422}},
            [](api::Call& call) {
              return api::json(
                  200, update_lesson(call.db, call.user(), call.id("id"),
                                     api::read_request<LessonInput>(call.body()), call.now));
            });
  api.route("DELETE", "/api/lessons/{id}", api::Auth::kRequired,
            {.summary = "Delete a lesson",
             .tag = "authoring",
             .success_status = 204,
             .error_statuses = {403, 404}},
            [](api::Call& call) {
              delete_lesson(call.db, call.user(), call.id("id"), call.now);
              return api::no_content();
            });
}

}  // namespace lectern::apps::courses
