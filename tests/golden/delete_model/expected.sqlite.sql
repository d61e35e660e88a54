-- forwards
-- Delete model Course
DROP TABLE "courses_course_tags";
DROP TABLE "courses_course";

-- backwards
-- Delete model Course
CREATE TABLE "courses_course" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" varchar(200) NOT NULL,
    "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
    "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0)
);
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
CREATE TABLE "courses_course_tags" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "course_id" bigint NOT NULL CONSTRAINT "courses_course_tags_course_id_fkey" REFERENCES "courses_course" ("id") ON DELETE CASCADE,
    "tag_id" bigint NOT NULL CONSTRAINT "courses_course_tags_tag_id_fkey" REFERENCES "courses_tag" ("id") ON DELETE CASCADE,
    CONSTRAINT "courses_course_tags_course_id_tag_id_uniq" UNIQUE ("course_id", "tag_id")
);
CREATE INDEX "courses_course_tags_course_id_idx" ON "courses_course_tags" ("course_id");
CREATE INDEX "courses_course_tags_tag_id_idx" ON "courses_course_tags" ("tag_id");
