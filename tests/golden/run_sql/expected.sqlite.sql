-- forwards
-- Raw SQL operation
UPDATE "courses_course" SET "price_cents" = 0;

-- backwards
-- Raw SQL operation
SELECT 1;
