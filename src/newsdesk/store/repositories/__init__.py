"""One repository per table family; each method is one short transaction."""

# Ids per `IN (…)` list when a repository reads many rows by id: well under SQLite's
# bound-parameter limit (32,766 since 3.32, 999 before) and PostgreSQL's (65,535).
IN_CHUNK = 500
