-- forwards
-- Rename field instructor on Course to teacher
ALTER TABLE "courses_course" RENAME COLUMN "instructor_id" TO "teacher_id";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_course_instructor_id_fkey" TO "courses_course_teacher_id_fkey";
ALTER INDEX "courses_course_instructor_id_idx" RENAME TO "courses_course_teacher_id_idx";

-- backwards
-- Rename field instructor on Course to teacher
ALTER TABLE "courses_course" RENAME COLUMN "teacher_id" TO "instructor_id";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_course_teacher_id_fkey" TO "courses_course_instructor_id_fkey";
ALTER INDEX "courses_course_teacher_id_idx" RENAME TO "courses_course_instructor_id_idx";
