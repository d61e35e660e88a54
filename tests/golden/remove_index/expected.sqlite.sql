-- forwards
-- Remove index courses_course_title_idx from Course
DROP INDEX "courses_course_title_idx";

-- backwards
-- Remove index courses_course_title_idx from Course
CREATE INDEX "courses_course_title_idx" ON "courses_course" ("title");
