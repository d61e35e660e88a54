-- forwards
-- Alter field summary on Course
ALTER TABLE "courses_course" ALTER COLUMN "summary" SET DEFAULT '';
UPDATE "courses_course" SET "summary" = '' WHERE "summary" IS NULL;
ALTER TABLE "courses_course" ALTER COLUMN "summary" SET NOT NULL;

-- backwards
-- Alter field summary on Course
ALTER TABLE "courses_course" ALTER COLUMN "summary" DROP DEFAULT;
ALTER TABLE "courses_course" ALTER COLUMN "summary" DROP NOT NULL;
