-- forwards
-- Add field summary to Course
ALTER TABLE "courses_course" ADD COLUMN "summary" text NULL;

-- backwards
-- Add field summary to Course
ALTER TABLE "courses_course" DROP COLUMN "summary";
