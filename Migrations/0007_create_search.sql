-- Full-text search over each episode's current storyboard: dialogue, scene headings,
-- summaries and shot descriptions. `storyboardSearch` is an FTS5 index using the `cjk`
-- tokenizer the server registers on every connection (CJKBigramTokenizer: bigrams over
-- Chinese, Japanese and Korean, unicode61 elsewhere), so this file only runs inside
-- Showrunner, and the sqlite3 shell cannot query that table.
--
-- `searchEntry.id` is the FTS rowid. Rows are replaced whenever an episode's current run
-- changes, so higher rowids are newer: search ranks the newest matches first and bounds its work.
-- `scope` holds tokens naming the organisation, project and drama (`o12 p34 d56`), so
-- the index itself keeps tenants apart and narrows to a project without a join.

CREATE TABLE searchEntry (
    id INTEGER PRIMARY KEY,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    projectId INTEGER NOT NULL,
    dramaId INTEGER NOT NULL,
    episodeId INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('line', 'heading', 'summary', 'shot')),
    sceneNumber INTEGER NOT NULL,
    shotNumber INTEGER,
    lineOrdinal INTEGER
);
CREATE INDEX searchEntry_episodeId ON searchEntry(episodeId);
CREATE INDEX searchEntry_runId ON searchEntry(runId);
CREATE INDEX searchEntry_organizationId ON searchEntry(organizationId);

CREATE VIRTUAL TABLE storyboardSearch USING fts5(scope, body, tokenize = 'cjk');

-- Entries go with their episode, run or organisation (cascades fire this trigger too).
CREATE TRIGGER searchEntry_removes_text AFTER DELETE ON searchEntry
BEGIN DELETE FROM storyboardSearch WHERE rowid = OLD.id; END;

-- Index what is already stored (the same statements as SearchIndexer).
INSERT INTO searchEntry (organizationId, projectId, dramaId, episodeId, runId, kind, sceneNumber, shotNumber, lineOrdinal)
SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'heading', s.number, NULL, NULL
FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId JOIN drama d ON d.id = e.dramaId
JOIN storyboardRun r ON r.id = c.runId JOIN storyboardScene s ON s.runId = r.id
UNION ALL
SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'summary', s.number, NULL, NULL
FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId JOIN drama d ON d.id = e.dramaId
JOIN storyboardRun r ON r.id = c.runId JOIN storyboardScene s ON s.runId = r.id
UNION ALL
SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'shot', s.number, h.number, NULL
FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId JOIN drama d ON d.id = e.dramaId
JOIN storyboardRun r ON r.id = c.runId JOIN storyboardShot h ON h.runId = r.id JOIN storyboardScene s ON s.id = h.sceneId
UNION ALL
SELECT r.organizationId, d.projectId, d.id, e.id, r.id, 'line', s.number, h.number, l.ordinal
FROM episodeCurrentRun c JOIN episode e ON e.id = c.episodeId JOIN drama d ON d.id = e.dramaId
JOIN storyboardRun r ON r.id = c.runId JOIN dialogueLine l ON l.runId = r.id JOIN storyboardScene s ON s.id = l.sceneId
LEFT JOIN storyboardShot h ON h.id = l.shotId;

INSERT INTO storyboardSearch (rowid, scope, body)
SELECT x.id, 'o' || x.organizationId || ' p' || x.projectId || ' d' || x.dramaId,
       CASE x.kind
           WHEN 'heading' THEN (SELECT heading FROM storyboardScene WHERE runId = x.runId AND number = x.sceneNumber)
           WHEN 'summary' THEN (SELECT summary FROM storyboardScene WHERE runId = x.runId AND number = x.sceneNumber)
           WHEN 'shot' THEN (SELECT description FROM storyboardShot WHERE runId = x.runId AND number = x.shotNumber)
           ELSE (SELECT text FROM dialogueLine WHERE runId = x.runId AND ordinal = x.lineOrdinal)
       END
FROM searchEntry x;
