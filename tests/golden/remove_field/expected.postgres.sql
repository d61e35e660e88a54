-- forwards
-- Remove field price_cents from Course
ALTER TABLE "courses_course" DROP COLUMN "price_cents";

-- backwards
-- Remove field price_cents from Course
ALTER TABLE "courses_course" ADD COLUMN "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0);
