-- forwards
-- Add field owner to Course
ALTER TABLE "courses_course" ADD COLUMN "owner_id" bigint NULL CONSTRAINT "courses_course_owner_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE SET NULL;
-- or, when courses_course has no rows (and no index or trigger the migrations do not know):
--   UPDATE sqlite_sequence SET name = 'courses_course (re-created)' WHERE name = 'courses_course';
--   DROP TABLE "courses_course";
--   CREATE TABLE "courses_course" (
--       "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
--       "title" varchar(200) NOT NULL,
--       "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
--       "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
--       "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
--       "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0),
--       "owner_id" bigint NULL CONSTRAINT "courses_course_owner_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE SET NULL
--   );
--   UPDATE sqlite_sequence SET name = 'courses_course' WHERE name = 'courses_course (re-created)';
--   CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
--   CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");

-- backwards
-- Add field owner to Course
CREATE TABLE "new__courses_course" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" varchar(200) NOT NULL,
    "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
    "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'new__courses_course', seq FROM sqlite_sequence WHERE name = 'courses_course';
INSERT INTO "new__courses_course" ("id", "title", "slug", "instructor_id", "category_id", "price_cents") SELECT "id", "title", "slug", "instructor_id", "category_id", "price_cents" FROM "courses_course";
DROP TABLE "courses_course";
ALTER TABLE "new__courses_course" RENAME TO "courses_course";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
-- or, when courses_course has no rows (and no index or trigger the migrations do not know):
--   UPDATE sqlite_sequence SET name = 'courses_course (re-created)' WHERE name = 'courses_course';
--   DROP TABLE "courses_course";
--   CREATE TABLE "courses_course" (
--       "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
--       "title" varchar(200) NOT NULL,
--       "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
--       "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
--       "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
--       "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0)
--   );
--   UPDATE sqlite_sequence SET name = 'courses_course' WHERE name = 'courses_course (re-created)';
--   CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
--   CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
