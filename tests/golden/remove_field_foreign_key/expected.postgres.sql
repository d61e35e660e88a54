-- forwards
-- Remove field category from Course
ALTER TABLE "courses_course" DROP COLUMN "category_id";

-- backwards
-- Remove field category from Course
ALTER TABLE "courses_course" ADD COLUMN "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
