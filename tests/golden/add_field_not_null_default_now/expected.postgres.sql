-- forwards
-- Add field created_at to Course
ALTER TABLE "courses_course" ADD COLUMN "created_at" timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- backwards
-- Add field created_at to Course
ALTER TABLE "courses_course" DROP COLUMN "created_at";
