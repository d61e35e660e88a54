-- forwards
-- Create constraint courses_course_title_instructor_uniq on model Course
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_title_instructor_uniq" UNIQUE ("title", "instructor_id");

-- backwards
-- Create constraint courses_course_title_instructor_uniq on model Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_title_instructor_uniq";
