-- forwards
-- Alter field category on Course
DROP INDEX "courses_course_category_id_idx";

-- backwards
-- Alter field category on Course
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
