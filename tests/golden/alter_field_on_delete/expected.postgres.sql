-- forwards
-- Alter field category on Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_category_id_fkey";
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "courses_category" ("id") ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;

-- backwards
-- Alter field category on Course
ALTER TABLE "courses_course" DROP CONSTRAINT "courses_course_category_id_fkey";
ALTER TABLE "courses_course" ADD CONSTRAINT "courses_course_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "courses_category" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
