-- forwards
-- Remove constraint courses_course_price_sane from model Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_price_sane";

-- backwards
-- Remove constraint courses_course_price_sane from model Course
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_price_sane" CHECK ("price_cents" <= 1000000);
