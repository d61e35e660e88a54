-- forwards
-- Alter field title on Course
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_title_key" UNIQUE ("title");
-- Alter field price_cents on Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_price_cents_range";
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0 AND "price_cents" <= 100000);

-- backwards
-- Alter field price_cents on Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_price_cents_range";
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0);
-- Alter field title on Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_title_key";
