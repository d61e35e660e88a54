-- forwards
-- Rename model Course to Class
ALTER TABLE "courses_course" RENAME TO "courses_class";
DROP INDEX "courses_course_instructor_id_idx";
CREATE INDEX "courses_class_instructor_id_idx" ON "courses_class" ("instructor_id");
DROP INDEX "courses_course_category_id_idx";
CREATE INDEX "courses_class_category_id_idx" ON "courses_class" ("category_id");
ALTER TABLE "courses_course_tags" RENAME TO "courses_class_tags";
ALTER TABLE "courses_class_tags" RENAME COLUMN "course_id" TO "class_id";
DROP INDEX "courses_course_tags_course_id_idx";
CREATE INDEX "courses_class_tags_class_id_idx" ON "courses_class_tags" ("class_id");
DROP INDEX "courses_course_tags_tag_id_idx";
CREATE INDEX "courses_class_tags_tag_id_idx" ON "courses_class_tags" ("tag_id");
ALTER TABLE "courses_bundle_courses" RENAME COLUMN "course_id" TO "class_id";
DROP INDEX "courses_bundle_courses_course_id_idx";
CREATE INDEX "courses_bundle_courses_class_id_idx" ON "courses_bundle_courses" ("class_id");

-- backwards
-- Rename model Course to Class
ALTER TABLE "courses_class" RENAME TO "courses_course";
DROP INDEX "courses_class_instructor_id_idx";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
DROP INDEX "courses_class_category_id_idx";
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
ALTER TABLE "courses_class_tags" RENAME TO "courses_course_tags";
ALTER TABLE "courses_course_tags" RENAME COLUMN "class_id" TO "course_id";
DROP INDEX "courses_class_tags_class_id_idx";
CREATE INDEX "courses_course_tags_course_id_idx" ON "courses_course_tags" ("course_id");
DROP INDEX "courses_class_tags_tag_id_idx";
CREATE INDEX "courses_course_tags_tag_id_idx" ON "courses_course_tags" ("tag_id");
ALTER TABLE "courses_bundle_courses" RENAME COLUMN "class_id" TO "course_id";
DROP INDEX "courses_bundle_courses_class_id_idx";
CREATE INDEX "courses_bundle_courses_course_id_idx" ON "courses_bundle_courses" ("course_id");
