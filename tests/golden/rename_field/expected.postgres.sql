-- forwards
-- Rename field title on Course to name
ALTER TABLE "courses_course" RENAME COLUMN "title" TO "name";

-- backwards
-- Rename field title on Course to name
ALTER TABLE "courses_course" RENAME COLUMN "name" TO "title";
