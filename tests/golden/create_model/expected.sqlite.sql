-- forwards
-- Create model Lesson
CREATE TABLE "courses_lesson" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" varchar(200) NOT NULL,
    "body" text NOT NULL DEFAULT '',
    "position" integer NOT NULL CONSTRAINT "courses_lesson_position_range" CHECK ("position" >= 0),
    "rating" smallint NULL CONSTRAINT "courses_lesson_rating_range" CHECK ("rating" >= 1 AND "rating" <= 5),
    "views" bigint NOT NULL DEFAULT 0,
    "is_free" bool NOT NULL DEFAULT 0,
    "weight" real NOT NULL DEFAULT 0.5,
    "price" decimal(8, 2) NOT NULL,
    "published_at" datetime NULL,
    "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')),
    "day" date NULL,
    "public_id" char(36) NOT NULL CONSTRAINT "courses_lesson_public_id_key" UNIQUE,
    "metadata" text NOT NULL DEFAULT '{}' CHECK (json_valid("metadata")),
    "attachment" blob NULL,
    "course_id" bigint NOT NULL CONSTRAINT "courses_lesson_course_id_fkey" REFERENCES "courses_course" ("id") ON DELETE CASCADE,
    "author_id" bigint NOT NULL CONSTRAINT "courses_lesson_author_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_lesson_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "previous_id" bigint NULL CONSTRAINT "courses_lesson_previous_id_key" UNIQUE CONSTRAINT "courses_lesson_previous_id_fkey" REFERENCES "courses_lesson" ("id") ON DELETE SET NULL,
    CONSTRAINT "courses_lesson_course_position_uniq" UNIQUE ("course_id", "position"),
    CONSTRAINT "courses_lesson_rating_valid" CHECK ("rating" >= 1 AND "rating" <= 5)
);
CREATE INDEX "courses_lesson_course_id_idx" ON "courses_lesson" ("course_id");
CREATE INDEX "courses_lesson_author_id_idx" ON "courses_lesson" ("author_id");
CREATE INDEX "courses_lesson_category_id_idx" ON "courses_lesson" ("category_id");
CREATE INDEX "courses_lesson_title_idx" ON "courses_lesson" ("title", "created_at");
CREATE UNIQUE INDEX "courses_lesson_day_uniq" ON "courses_lesson" ("course_id", "day");
CREATE TABLE "courses_lesson_tags" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lesson_id" bigint NOT NULL CONSTRAINT "courses_lesson_tags_lesson_id_fkey" REFERENCES "courses_lesson" ("id") ON DELETE CASCADE,
    "tag_id" bigint NOT NULL CONSTRAINT "courses_lesson_tags_tag_id_fkey" REFERENCES "courses_tag" ("id") ON DELETE CASCADE,
    CONSTRAINT "courses_lesson_tags_lesson_id_tag_id_uniq" UNIQUE ("lesson_id", "tag_id")
);
CREATE INDEX "courses_lesson_tags_lesson_id_idx" ON "courses_lesson_tags" ("lesson_id");
CREATE INDEX "courses_lesson_tags_tag_id_idx" ON "courses_lesson_tags" ("tag_id");
CREATE TABLE "courses_lesson_related" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "from_lesson_id" bigint NOT NULL CONSTRAINT "courses_lesson_related_from_lesson_id_fkey" REFERENCES "courses_lesson" ("id") ON DELETE CASCADE,
    "to_lesson_id" bigint NOT NULL CONSTRAINT "courses_lesson_related_to_lesson_id_fkey" REFERENCES "courses_lesson" ("id") ON DELETE CASCADE,
    CONSTRAINT "courses_lesson_related_from_lesson_id_to_lesson_id_uniq" UNIQUE ("from_lesson_id", "to_lesson_id")
);
CREATE INDEX "courses_lesson_related_from_lesson_id_idx" ON "courses_lesson_related" ("from_lesson_id");
CREATE INDEX "courses_lesson_related_to_lesson_id_idx" ON "courses_lesson_related" ("to_lesson_id");

-- backwards
-- Create model Lesson
DROP TABLE "courses_lesson_tags";
DROP TABLE "courses_lesson_related";
DROP TABLE "courses_lesson";
