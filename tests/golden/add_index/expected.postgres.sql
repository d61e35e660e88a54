-- forwards
-- Create index courses_course_title_idx on field(s) title of model Course
CREATE INDEX "courses_course_title_idx" ON "courses_course" ("title");

-- backwards
-- Create index courses_course_title_idx on field(s) title of model Course
DROP INDEX "courses_course_title_idx";
