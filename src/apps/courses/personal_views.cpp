#include "apps/courses/personal_views.hpp"

#include "core/text.hpp"
#include "db/record.hpp"

namespace lectern::apps::courses {

namespace {

// The actor's rows of T whose `text_column`, course title or lesson title
// contains `search`, newest first, with their titles.
template <db::Record T>
api::Page<Titled<T>> list_titled(db::Connection& db, const api::Actor& actor,
                                 std::string_view text_column, std::string_view search,
                                 api::PageRequest page) {
  const std::string where =
      " FROM \"" + std::string(T::kTable) +
      "\" r JOIN courses_course c ON c.id = r.course_id LEFT JOIN courses_lesson l ON l.id = "
      "r.lesson_id WHERE r.user_id = $1 AND (lower(r." +
      std::string(text_column) +
      ") LIKE $2 ESCAPE '\\' OR lower(c.title) LIKE $2 ESCAPE '\\' OR "
      "lower(COALESCE(l.title, '')) LIKE $2 ESCAPE '\\')";
  const std::string rows_sql = "SELECT " + db::select_list<T>("r") +
                               ", c.title, c.slug, COALESCE(l.title, '')" + where +
                               " ORDER BY r.created_at DESC, r.id DESC";
  const std::size_t n = db::record_columns<T>().size();
  return api::query_page<Titled<T>>(
      db, page, "SELECT COUNT(*)" + where, rows_sql,
      [&](const db::Row& row) {
        return Titled<T>{db::read_record<T>(row), row.get<std::string>(n),
                         row.get<std::string>(n + 1), row.get<std::string>(n + 2)};
      },
      actor.user_id, contains_pattern(search));
}

}  // namespace

api::Page<Titled<Note>> search_notes(db::Connection& db, const api::Actor& actor,
                                     std::string_view search, api::PageRequest page) {
  return list_titled<Note>(db, actor, "content", search, page);
}

api::Page<Titled<Bookmark>> list_titled_bookmarks(db::Connection& db, const api::Actor& actor,
                                                  api::PageRequest page) {
  return list_titled<Bookmark>(db, actor, "label", "", page);
}

}  // namespace lectern::apps::courses
