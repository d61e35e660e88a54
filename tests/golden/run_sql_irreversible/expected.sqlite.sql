-- forwards
-- Raw SQL operation
DELETE FROM "courses_tag";

-- backwards
-- courses.0002_run_sql_irreversible: Raw SQL operation: irreversible on sqlite (it has no backward SQL for this backend)
