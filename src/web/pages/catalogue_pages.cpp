// The public pages of the catalogue: the course list at / and a course's
// page at /courses/{slug}, with the student's enrolment and review forms.
#include <charconv>

#include "apps/courses/learning.hpp"
#include "apps/courses/reviews.hpp"
#include "web/form.hpp"
#include "web/pages/common.hpp"
#include "web/shared_cache.hpp"

namespace lectern::web::pages {

namespace {

using namespace apps::courses;

constexpr std::int64_t kCoursesPerPage = 20;
constexpr std::int64_t kReviewsPerPage = 10;
// How late the catalogue and a course page may show what another process
// wrote (this process's writes show at once: SharedCache).
constexpr std::chrono::seconds kSharedCacheTtl{1};

// What the catalogue shows every reader alike for one query string.
struct CatalogueData {
  std::vector<Category> categories;
  api::Page<CourseView> found;
};
using CatalogueCache = SharedCache<CatalogueData>;

// What a course page shows every reader alike, for one page of reviews:
// nullopt for a course only some readers may see (a draft) or none.
struct CoursePageData {
  CourseView view;
  Outline outline;
  api::Page<ReviewView> reviews;
};
using CoursePageCache = SharedCache<std::optional<CoursePageData>>;
// A reader's access to a course (enrolment, editing), by reader and course.
using AccessCache = SharedCache<std::optional<CourseAccess>>;

struct CoursePageCaches {
  CoursePageCache shared{kSharedCacheTtl};
  AccessCache access{kSharedCacheTtl, 1024};
};

// "/?search=jazz&level=beginner&page=2": the filters that are set, in order.
std::string catalogue_href(const CourseFilter& filter, const std::string& category,
                           std::int64_t page) {
  std::string query;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    query += query.empty() ? "?" : "&";
    query += std::string(name) + "=" + url_encode(value);
  };
  add("search", filter.search);
  add("category", category);
  add("level", filter.level);
  if (page > 1) add("page", std::to_string(page));
  return "/" + query;
}

CatalogueData read_catalogue(db::Connection& db, CourseFilter filter, const std::string& category,
                             std::int64_t page) {
  CatalogueData out;
  out.categories = list_categories(db);
  for (const auto& c : out.categories) {
    if (c.slug == category) filter.category_id = c.id;
  }
  if (!category.empty() && !filter.category_id) filter.category_id = Id{0};  // none: no courses
  out.found = list_published_courses(db, filter, {page, kCoursesPerPage});
  return out;
}

http::Response catalogue(PageCall& call, CatalogueCache& cache) {
  const Reader reader = call.reader();
  CourseFilter filter;
  filter.search = call.query("search").value_or("");
  filter.level = call.query("level").value_or("");
  const std::string category = call.query("category").value_or("");
  const std::int64_t page = page_number(call);

  // The filters live in the query string, only those that are set: a form
  // sent with empty fields (or page=1) is sent on to the same list's URL.
  const std::string canonical = catalogue_href(filter, category, page);
  const std::string asked = call.request.query.empty() ? "/" : "/?" + call.request.query;
  if (asked != canonical && !call.request.query.empty()) return call.redirect(canonical);

  const auto data =
      cache.get(canonical, [&] { return read_catalogue(call.db, filter, category, page); });
  View categories{View::type::list};
  for (const auto& c : data->categories) {
    View item{View::type::object};
    item.set("slug", c.slug);
    item.set("name", c.name);
    item.set("selected", c.slug == category);
    append(categories, std::move(item));
  }

  const auto& found = data->found;
  View courses{View::type::list};
  for (const auto& view : found.results) {
    View item{View::type::object};
    item.set("slug", view.course.slug);
    item.set("title", view.course.title);
    item.set("instructor", view.instructor.display_name.empty() ? view.instructor.username
                                                                : view.instructor.display_name);
    item.set("level", level_text(view.course.level));
    item.set("price", price_text(view.course.price_cents, reader));
    item.set("rating", rating_text(view.stats.average_rating));
    item.set("students", format_count(view.stats.total_enrollments, reader));
    append(courses, std::move(item));
  }

  View page_view{View::type::object};
  page_view.set("search", filter.search);
  put(page_view, "categories", std::move(categories));
  put(page_view, "levels", enum_options<CourseLevel>(filter.level));
  put(page_view, "courses", std::move(courses));
  page_view.set("count_text", found.count == 0   ? std::string("No courses match.")
                              : found.count == 1 ? std::string("1 course")
                                                 : format_count(found.count, reader) + " courses");
  const std::int64_t last = last_page(found.count, kCoursesPerPage);
  page_view.set("pagination_html", pagination_html(call.site, page, last, [&](std::int64_t n) {
                  return catalogue_href(filter, category, n);
                }));
  return call.render(200, "catalogue", page_view, "Courses");
}

CourseView course_by_slug(PageCall& call) {
  auto view = find_course_view_by_slug(call.db, call.params.at("slug"), call.actor());
  if (!view) throw NotFoundError("There is no such course.");
  return *view;
}

View description_paragraphs(const std::string& text) {
  View paragraphs{View::type::list};
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) paragraphs.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return paragraphs;
}

// A review the service refused, shown again in its form (status 422).
struct ReviewForm {
  std::string rating;
  std::string comment;
  FieldErrors errors;
};

std::optional<CoursePageData> read_course_page(db::Connection& db, const std::string& slug,
                                               const api::Actor* viewer, std::int64_t review_page) {
  auto view = find_course_view_by_slug(db, slug, viewer);
  if (!view) return std::nullopt;
  const auto access = access_to(db, view->course, viewer);
  if (!access) return std::nullopt;
  Outline outline = course_outline(db, *access);
  auto reviews =
      list_course_reviews(db, *access, view->stats.review_count, {review_page, kReviewsPerPage});
  return CoursePageData{std::move(*view), std::move(outline), std::move(reviews)};
}

http::Response course_page(PageCall& call, CoursePageCaches& caches,
                           const std::optional<ReviewForm>& refused) {
  const Reader reader = call.reader();
  const api::Actor* actor = call.actor();
  const std::string& slug = call.params.at("slug");
  const std::int64_t review_page = page_number(call);
  // What an anonymous reader sees is what everyone sees of a published
  // course; a draft is read for the reader who may see it, uncached.
  const auto shared = caches.shared.get(slug + "?page=" + std::to_string(review_page), [&] {
    return read_course_page(call.db, slug, nullptr, review_page);
  });
  std::optional<CoursePageData> own;
  if (!*shared && actor) own = read_course_page(call.db, slug, actor, review_page);
  const CoursePageData* data = *shared ? &**shared : own ? &*own : nullptr;
  if (!data) throw NotFoundError("There is no such course.");
  const CourseView& view = data->view;
  const Course& course = view.course;
  // The reader's own access: enrolment and editing.
  const auto access_entry = caches.access.get(
      std::to_string(actor ? actor->user_id : 0) + "/" + std::to_string(course.id),
      [&] { return access_to(call.db, course, actor); });
  const auto& access = *access_entry;
  if (!access) throw NotFoundError("There is no such course.");

  std::optional<ProgressView> progress;
  if (actor) progress = course_progress(call.db, *actor, *access);
  const bool owner = access->can_edit;

  View page{View::type::object};
  page.set("slug", course.slug);
  page.set("title", course.title);
  page.set("instructor", view.instructor.display_name.empty() ? view.instructor.username
                                                              : view.instructor.display_name);
  page.set("level", level_text(course.level));
  page.set("price", price_text(course.price_cents, reader));
  page.set("rating", rating_text(view.stats.average_rating));
  page.set("review_count", format_count(view.stats.review_count, reader));
  page.set("students", format_count(view.stats.total_enrollments, reader));
  put(page, "description", description_paragraphs(course.description));
  page.set("can_enrol", actor && !progress && course.is_published && !owner);
  if (!actor) {
    page.set("login_to_enrol", true);
    page.set("next", url_encode("/courses/" + course.slug));
  }

  const Outline& outline = data->outline;
  View modules{View::type::list};
  for (const auto& m : outline.modules) {
    View module{View::type::object};
    module.set("title", m.module.title);
    View lessons{View::type::list};
    for (const auto& l : m.lessons) {
      View lesson{View::type::object};
      lesson.set("title", l.title);
      lesson.set("minutes", std::to_string(l.duration_minutes));
      lesson.set("preview", l.is_free_preview);
      if (l.is_free_preview || progress || owner) {
        lesson.set("href", "/lessons/" + std::to_string(l.id));
      }
      append(lessons, std::move(lesson));
    }
    put(module, "lessons", std::move(lessons));
    append(modules, std::move(module));
  }
  put(page, "modules", std::move(modules));

  if (progress) {
    View p{View::type::object};
    p.set("percent", std::to_string(progress->progress_percent));
    if (auto next = lesson_to_continue(outline, completed_lesson_ids(call.db, *actor, course.id))) {
      p.set("continue_href", "/lessons/" + std::to_string(*next));
    }
    put(page, "progress", std::move(p));
    if (!has_reviewed(call.db, actor->user_id, course.id)) {
      page.set("can_review", true);
      View stars{View::type::list};
      for (int n = 1; n <= 5; ++n) {
        View star{View::type::object};
        star.set("value", std::to_string(n));
        star.set("label", std::to_string(n) + (n == 1 ? " star" : " stars"));
        star.set("checked", refused && refused->rating == std::to_string(n));
        append(stars, std::move(star));
      }
      put(page, "stars", std::move(stars));
      if (refused) {
        page.set("comment", refused->comment);
        View errors{View::type::list};
        for (const auto& [field, message] : refused->errors) {
          const bool rating = field == "rating";
          page.set(rating ? "rating_error" : "comment_error", message);
          View item{View::type::object};
          item.set("href", rating ? "#rating-1" : "#review");
          item.set("message", message);
          append(errors, std::move(item));
        }
        put(page, "review_errors", std::move(errors));
        page.set("has_review_errors", true);
      }
    }
  }

  const auto& reviews = data->reviews;
  View review_list{View::type::list};
  for (const auto& r : reviews.results) {
    View item{View::type::object};
    item.set("stars", std::to_string(r.review.rating) + " out of 5");
    item.set("author", r.user.display_name.empty() ? r.user.username : r.user.display_name);
    item.set("iso", format_rfc3339(r.review.created_at));
    item.set("date", format_date(r.review.created_at, reader));
    item.set("comment", r.review.comment);
    append(review_list, std::move(item));
  }
  put(page, "reviews", std::move(review_list));
  const std::int64_t last = last_page(reviews.count, kReviewsPerPage);
  page.set("pagination_html", pagination_html(call.site, review_page, last, [&](std::int64_t n) {
             return "/courses/" + url_encode(course.slug) +
                    (n > 1 ? "?page=" + std::to_string(n) : "");
           }));
  return call.render(refused ? 422 : 200, "course", page, course.title);
}

http::Response show_course(PageCall& call, CoursePageCaches& caches) {
  return course_page(call, caches, std::nullopt);
}

http::Response enrol(PageCall& call) {
  const api::Actor& actor = signed_in_actor(call);
  const CourseView view = course_by_slug(call);
  apps::courses::enroll(call.db, actor, view.course.id, call.now);
  return call.redirect("/courses/" + url_encode(view.course.slug));
}

http::Response post_review(PageCall& call, CoursePageCaches& caches) {
  const api::Actor& actor = signed_in_actor(call);
  const CourseView view = course_by_slug(call);
  ReviewInput input;
  const std::string rating = call.form().text("rating");
  if (rating.size() == 1 && rating[0] >= '1' && rating[0] <= '5') input.rating = rating[0] - '0';
  input.comment = call.form().text("comment");
  FieldErrors errors;
  if (!input.rating) errors["rating"] = "Choose a rating.";
  try {
    if (errors.empty()) create_review(call.db, actor, view.course.id, input, call.now);
  } catch (const ValidationError& e) {
    // The service's fields are the API's: "comment" is the page's "Review".
    for (const auto& [field, message] : e.fields()) {
      errors[field == "rating" ? "rating" : "comment"] = message;
    }
    if (errors.empty()) errors["comment"] = e.what();
  }
  if (!errors.empty()) {
    return course_page(call, caches, ReviewForm{rating, input.comment.value_or(""), errors});
  }
  return call.redirect("/courses/" + url_encode(view.course.slug));
}

}  // namespace

void register_catalogue_pages(Site& site) {
  auto catalogue_cache = std::make_shared<CatalogueCache>(kSharedCacheTtl);
  auto course_cache = std::make_shared<CoursePageCaches>();
  site.page("GET", "/", [=](PageCall& call) { return catalogue(call, *catalogue_cache); });
  site.page("GET", "/courses/{slug}",
            [=](PageCall& call) { return show_course(call, *course_cache); });
  site.page("POST", "/courses/{slug}/enrol", enrol);
  site.page("POST", "/courses/{slug}/reviews",
            [=](PageCall& call) { return post_review(call, *course_cache); });
}

}  // namespace lectern::web::pages
