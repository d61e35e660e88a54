-- forwards
-- Alter field title on Course
ALTER TABLE "courses_course" ALTER COLUMN "title" TYPE text;

-- backwards
-- Alter field title on Course
ALTER TABLE "courses_course" ALTER COLUMN "title" TYPE varchar(200);
