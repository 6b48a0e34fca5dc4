-- The dashboard's and the project list's totals (active episodes and their running time per
-- organisation and per project) read the index alone instead of every episode row: a covering
-- index over what those aggregates filter, sum and join on. It replaces the single-column
-- organisation index, which is its prefix.
CREATE INDEX episode_organizationId_totals ON episode(organizationId, archivedAt, durationSeconds, dramaId);
DROP INDEX episode_organizationId;
