-- forwards
-- Alter field title on Course
-- (no SQL)

-- backwards
-- Alter field title on Course
-- (no SQL)
