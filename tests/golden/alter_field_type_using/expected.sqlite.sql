-- forwards
-- Alter field level on Course
CREATE TABLE "new__courses_course" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" varchar(200) NOT NULL,
    "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
    "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0),
    "level" integer NOT NULL DEFAULT 1
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'new__courses_course', seq FROM sqlite_sequence WHERE name = 'courses_course';
INSERT INTO "new__courses_course" ("id", "title", "slug", "instructor_id", "category_id", "price_cents", "level") SELECT "id", "title", "slug", "instructor_id", "category_id", "price_cents", CAST("level" AS integer) FROM "courses_course";
/* lectern: refuse if a row */ SELECT count(*) || ' row(s) of courses_course.level cannot hold integer (PostgreSQL refuses such values, and so does SQLite)' FROM "new__courses_course" WHERE "level" IS NOT NULL AND (typeof("level") <> 'integer' OR "level" NOT BETWEEN -2147483648 AND 2147483647) HAVING count(*) > 0;
DROP TABLE "courses_course";
ALTER TABLE "new__courses_course" RENAME TO "courses_course";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");

-- backwards
-- Alter field level on Course
CREATE TABLE "new__courses_course" (
    "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" varchar(200) NOT NULL,
    "slug" varchar(50) NOT NULL CONSTRAINT "courses_course_slug_key" UNIQUE,
    "instructor_id" bigint NOT NULL CONSTRAINT "courses_course_instructor_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    "category_id" bigint NULL CONSTRAINT "courses_course_category_id_fkey" REFERENCES "courses_category" ("id") ON DELETE SET NULL,
    "price_cents" integer NOT NULL DEFAULT 0 CONSTRAINT "courses_course_price_cents_range" CHECK ("price_cents" >= 0),
    "level" varchar(20) NOT NULL DEFAULT '1'
);
INSERT INTO sqlite_sequence (name, seq) SELECT 'new__courses_course', seq FROM sqlite_sequence WHERE name = 'courses_course';
INSERT INTO "new__courses_course" ("id", "title", "slug", "instructor_id", "category_id", "price_cents", "level") SELECT "id", "title", "slug", "instructor_id", "category_id", "price_cents", "level" FROM "courses_course";
/* lectern: refuse if a row */ SELECT count(*) || ' row(s) of courses_course.level cannot hold varchar(20) (PostgreSQL refuses such values, and so does SQLite)' FROM "new__courses_course" WHERE "level" IS NOT NULL AND (typeof("level") <> 'text' OR length("level") > 20) HAVING count(*) > 0;
DROP TABLE "courses_course";
ALTER TABLE "new__courses_course" RENAME TO "courses_course";
CREATE INDEX "courses_course_instructor_id_idx" ON "courses_course" ("instructor_id");
CREATE INDEX "courses_course_category_id_idx" ON "courses_course" ("category_id");
