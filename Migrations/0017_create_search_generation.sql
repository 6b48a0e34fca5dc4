-- A counter per organisation that changes whenever its search index may have changed, so
-- ranked search results can be kept in memory and trusted while the counter stands still
-- (SearchResultsCache). SearchIndexer bumps it in the transaction that indexes an episode;
-- these triggers cover what leaves the index without the indexer: episodes and runs deleted
-- (directly or by a cascade from a drama, project or organisation). Kept in the database so
-- every process serving the file sees another's changes.
--
-- No foreign key: a cascade from a deleted organisation fires the triggers, and a reference
-- to the organisation being deleted would fail that delete. A leftover row is harmless.

CREATE TABLE searchGeneration (
    organizationId INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL
);

CREATE TRIGGER episode_delete_bumps_search_generation AFTER DELETE ON episode
BEGIN
    INSERT INTO searchGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER storyboardRun_delete_bumps_search_generation AFTER DELETE ON storyboardRun
BEGIN
    INSERT INTO searchGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;
