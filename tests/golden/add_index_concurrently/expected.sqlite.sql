-- forwards
-- Create index courses_course_slug_title_idx on field(s) slug, title of model Course
CREATE UNIQUE INDEX "courses_course_slug_title_idx" ON "courses_course" ("slug", "title");

-- backwards
-- Create index courses_course_slug_title_idx on field(s) slug, title of model Course
DROP INDEX "courses_course_slug_title_idx";
