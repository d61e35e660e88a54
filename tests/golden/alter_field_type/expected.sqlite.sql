-- forwards
-- Alter field title on Course
CREATE TABLE "new__courses_course" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" text NOT NULL,
    "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
    "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0)
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'new__courses_course', seq FROM sqlite_sequence WHERE name = 'courses_course';
INSERT INTO "new__courses_course" ("id", "title", "slug", "instructor_id", "category_id", "price_cents") SELECT "id", "title", "slug", "instructor_id", "category_id", "price_cents" FROM "courses_course";
/* lectern: refuse if a row */ SELECT count(*) || ' row(s) of courses_course.title cannot hold text (PostgreSQL refuses such values, and so does SQLite)' FROM "new__courses_course" WHERE "title" IS NOT NULL AND (typeof("title") <> 'text') HAVING count(*) > 0;
DROP TABLE "courses_course";
ALTER TABLE "new__courses_course" RENAME TO "courses_course";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");

-- backwards
-- Alter field title on Course
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
/* lectern: refuse if a row */ SELECT count(*) || ' row(s) of courses_course.title cannot hold varchar(200) (PostgreSQL refuses such values, and so does SQLite)' FROM "new__courses_course" WHERE "title" IS NOT NULL AND (typeof("title") <> 'text' OR length("title") > 200) HAVING count(*) > 0;
DROP TABLE "courses_course";
ALTER TABLE "new__courses_course" RENAME TO "courses_course";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
