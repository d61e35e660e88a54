-- forwards
-- Add field owner to Course
ALTER TABLE "courses_course" ADD COLUMN "owner_id" bigint NULL CONSTRAINT "courses_course_owner_id_fkey" REFERENCES "accounts_user" ("id") ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

-- backwards
-- Add field owner to Course
ALTER TABLE "courses_course" DROP COLUMN "owner_id";
