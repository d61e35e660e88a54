-- forwards
-- Create constraint courses_course_price_sane on model Course
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_price_sane" CHECK ("price_cents" <= 1000000);

-- backwards
-- Create constraint courses_course_price_sane on model Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_price_sane";
