-- forwards
-- Rename model Course to Class
ALTER TABLE "courses_course" RENAME TO "courses_class";
ALTER TABLE "courses_class" RENAME CONSTRAINT "courses_course_pkey" TO "courses_class_pkey";
ALTER TABLE "courses_class" RENAME CONSTRAINT "courses_course_slug_key" TO "courses_class_slug_key";
ALTER TABLE "courses_class" RENAME CONSTRAINT "courses_course_instructor_id_fkey" TO "courses_class_instructor_id_fkey";
ALTER INDEX "courses_course_instructor_id_idx" RENAME TO "courses_class_instructor_id_idx";
ALTER TABLE "courses_class" RENAME CONSTRAINT "courses_course_category_id_fkey" TO "courses_class_category_id_fkey";
ALTER INDEX "courses_course_category_id_idx" RENAME TO "courses_class_category_id_idx";
ALTER TABLE "courses_class" RENAME CONSTRAINT "courses_course_price_cents_range" TO "courses_class_price_cents_range";
ALTER TABLE "courses_course_tags" RENAME TO "courses_class_tags";
ALTER TABLE "courses_class_tags" RENAME COLUMN "course_id" TO "class_id";
ALTER TABLE "courses_class_tags" RENAME CONSTRAINT "courses_course_tags_pkey" TO "courses_class_tags_pkey";
ALTER TABLE "courses_class_tags" RENAME CONSTRAINT "courses_course_tags_course_id_fkey" TO "courses_class_tags_class_id_fkey";
ALTER INDEX "courses_course_tags_course_id_idx" RENAME TO "courses_class_tags_class_id_idx";
ALTER TABLE "courses_class_tags" RENAME CONSTRAINT "courses_course_tags_tag_id_fkey" TO "courses_class_tags_tag_id_fkey";
ALTER INDEX "courses_course_tags_tag_id_idx" RENAME TO "courses_class_tags_tag_id_idx";
ALTER TABLE "courses_class_tags" RENAME CONSTRAINT "courses_course_tags_course_id_tag_id_uniq" TO "courses_class_tags_class_id_tag_id_uniq";
ALTER TABLE "courses_bundle_courses" RENAME COLUMN "course_id" TO "class_id";
ALTER TABLE "courses_bundle_courses" RENAME CONSTRAINT "courses_bundle_courses_course_id_fkey" TO "courses_bundle_courses_class_id_fkey";
ALTER INDEX "courses_bundle_courses_course_id_idx" RENAME TO "courses_bundle_courses_class_id_idx";
ALTER TABLE "courses_bundle_courses" RENAME CONSTRAINT "courses_bundle_courses_bundle_id_course_id_uniq" TO "courses_bundle_courses_bundle_id_class_id_uniq";

-- backwards
-- Rename model Course to Class
ALTER TABLE "courses_class" RENAME TO "courses_course";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_class_pkey" TO "courses_course_pkey";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_class_slug_key" TO "courses_course_slug_key";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_class_instructor_id_fkey" TO "courses_course_instructor_id_fkey";
ALTER INDEX "courses_class_instructor_id_idx" RENAME TO "courses_course_instructor_id_idx";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_class_category_id_fkey" TO "courses_course_category_id_fkey";
ALTER INDEX "courses_class_category_id_idx" RENAME TO "courses_course_category_id_idx";
ALTER TABLE "courses_course" RENAME CONSTRAINT "courses_class_price_cents_range" TO "courses_course_price_cents_range";
ALTER TABLE "courses_class_tags" RENAME TO "courses_course_tags";
ALTER TABLE "courses_course_tags" RENAME COLUMN "class_id" TO "course_id";
ALTER TABLE "courses_course_tags" RENAME CONSTRAINT "courses_class_tags_pkey" TO "courses_course_tags_pkey";
ALTER TABLE "courses_course_tags" RENAME CONSTRAINT "courses_class_tags_class_id_fkey" TO "courses_course_tags_course_id_fkey";
ALTER INDEX "courses_class_tags_class_id_idx" RENAME TO "courses_course_tags_course_id_idx";
ALTER TABLE "courses_course_tags" RENAME CONSTRAINT "courses_class_tags_tag_id_fkey" TO "courses_course_tags_tag_id_fkey";
ALTER INDEX "courses_class_tags_tag_id_idx" RENAME TO "courses_course_tags_tag_id_idx";
ALTER TABLE "courses_course_tags" RENAME CONSTRAINT "courses_class_tags_class_id_tag_id_uniq" TO "courses_course_tags_course_id_tag_id_uniq";
ALTER TABLE "courses_bundle_courses" RENAME COLUMN "class_id" TO "course_id";
ALTER TABLE "courses_bundle_courses" RENAME CONSTRAINT "courses_bundle_courses_class_id_fkey" TO "courses_bundle_courses_course_id_fkey";
ALTER INDEX "courses_bundle_courses_class_id_idx" RENAME TO "courses_bundle_courses_course_id_idx";
ALTER TABLE "courses_bundle_courses" RENAME CONSTRAINT "courses_bundle_courses_bundle_id_class_id_uniq" TO "courses_bundle_courses_bundle_id_course_id_uniq";
