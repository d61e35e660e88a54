-- forwards
-- Alter field level on Course
ALTER TABLE "courses_course" ALTER COLUMN "level" DROP DEFAULT;
ALTER TABLE "courses_course" ALTER COLUMN "level" TYPE integer USING "level"::integer;
ALTER TABLE "courses_course" ALTER COLUMN "level" SET DEFAULT 1;

-- backwards
-- Alter field level on Course
ALTER TABLE "courses_course" ALTER COLUMN "level" DROP DEFAULT;
ALTER TABLE "courses_course" ALTER COLUMN "level" TYPE varchar(20);
ALTER TABLE "courses_course" ALTER COLUMN "level" SET DEFAULT '1';
