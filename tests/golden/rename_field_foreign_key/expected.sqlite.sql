-- forwards
-- Rename field instructor on Course to teacher
ALTER TABLE "courses_course" RENAME COLUMN "instructor_id" TO "teacher_id";
DROP INDEX "courses_course_instructor_id_idx";
CREATE INDEX "courses_course_teacher_id_idx" ON "courses_course" ("teacher_id");

-- backwards
-- Rename field instructor on Course to teacher
ALTER TABLE "courses_course" RENAME COLUMN "teacher_id" TO "instructor_id";
DROP INDEX "courses_course_teacher_id_idx";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
