-- Storyboard review: which run of an episode is current, approval decisions with their
-- history, and comments on scenes, shots and lines.

-- Lets comments name a line *and* its run in one foreign key (as shots and lines already do
-- for scenes), so a comment can never point at a line of another run.
CREATE UNIQUE INDEX dialogueLine_id_runId ON dialogueLine(id, runId);

-- A person's choice of an episode's current run. Without a row the newest ingested run is
-- current; with one, newer runs wait until someone switches (an approved run is not replaced
-- behind the reviewer's back).
CREATE TABLE episodeRunChoice (
    episodeId INTEGER PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    chosenByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    chosenAt DATETIME NOT NULL
);
CREATE INDEX episodeRunChoice_runId ON episodeRunChoice(runId);
CREATE INDEX episodeRunChoice_chosenByUserId ON episodeRunChoice(chosenByUserId);

CREATE TRIGGER episodeRunChoice_run_matches_episode BEFORE INSERT ON episodeRunChoice
WHEN NOT EXISTS (SELECT 1 FROM storyboardRun r JOIN episode e ON e.id = r.episodeId
                 WHERE r.id = NEW.runId AND r.episodeId = NEW.episodeId
                   AND r.organizationId = NEW.organizationId AND e.organizationId = NEW.organizationId)
BEGIN SELECT RAISE(ABORT, 'episodeRunChoice must name a run of the same episode and organisation'); END;

CREATE TRIGGER episodeRunChoice_run_stays_matched BEFORE UPDATE ON episodeRunChoice
WHEN NOT EXISTS (SELECT 1 FROM storyboardRun r JOIN episode e ON e.id = r.episodeId
                 WHERE r.id = NEW.runId AND r.episodeId = NEW.episodeId
                   AND r.organizationId = NEW.organizationId AND e.organizationId = NEW.organizationId)
BEGIN SELECT RAISE(ABORT, 'episodeRunChoice must name a run of the same episode and organisation'); END;

-- Each episode's current run: the chosen one, else the newest (read by the storyboard pages,
-- the drama page and search). Both lookups are index seeks.
CREATE VIEW episodeCurrentRun AS
SELECT e.id AS episodeId, e.organizationId AS organizationId,
       COALESCE(
           (SELECT c.runId FROM episodeRunChoice c WHERE c.episodeId = e.id),
           (SELECT r.id FROM storyboardRun r WHERE r.episodeId = e.id ORDER BY r.ingestedAt DESC, r.id DESC LIMIT 1)
       ) AS runId
FROM episode e;

-- The review state of a run (absent: not reviewed). Approval belongs to a run: switching the
-- current run shows that run's own state.
CREATE TABLE runReview (
    runId INTEGER PRIMARY KEY REFERENCES storyboardRun(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('approved', 'needs_changes')),
    reason TEXT NOT NULL DEFAULT '',
    decidedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    decidedAt DATETIME NOT NULL
);
CREATE INDEX runReview_decidedByUserId ON runReview(decidedByUserId);

-- The episode's review history, kept when runs are replaced or people leave.
CREATE TABLE reviewEvent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    episodeId INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    runId INTEGER REFERENCES storyboardRun(id) ON DELETE SET NULL,
    -- The task whose run it was, so the history still reads after the run is gone.
    taskId INTEGER,
    action TEXT NOT NULL CHECK (action IN ('approved', 'needs_changes', 'reopened', 'run_chosen')),
    reason TEXT NOT NULL DEFAULT '',
    userId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL
);
CREATE INDEX reviewEvent_episodeId ON reviewEvent(episodeId, id);
CREATE INDEX reviewEvent_runId ON reviewEvent(runId);
CREATE INDEX reviewEvent_userId ON reviewEvent(userId);

CREATE TRIGGER reviewEvent_organization_matches_episode BEFORE INSERT ON reviewEvent
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM episode WHERE id = NEW.episodeId)
BEGIN SELECT RAISE(ABORT, 'reviewEvent.organizationId must equal its episode''s'); END;

-- A comment on a scene, optionally narrowed to one of its shots or lines and a timecode.
CREATE TABLE reviewComment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    sceneId INTEGER NOT NULL,
    shotId INTEGER,
    lineId INTEGER,
    atSeconds REAL CHECK (atSeconds IS NULL OR atSeconds >= 0),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    authorUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    resolvedAt DATETIME,
    resolvedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    FOREIGN KEY (sceneId, runId) REFERENCES storyboardScene(id, runId) ON DELETE CASCADE,
    FOREIGN KEY (shotId, runId) REFERENCES storyboardShot(id, runId) ON DELETE CASCADE,
    FOREIGN KEY (lineId, runId) REFERENCES dialogueLine(id, runId) ON DELETE CASCADE
);
CREATE INDEX reviewComment_runId ON reviewComment(runId, sceneId, id);
CREATE INDEX reviewComment_sceneId ON reviewComment(sceneId, runId);
CREATE INDEX reviewComment_shotId ON reviewComment(shotId, runId);
CREATE INDEX reviewComment_lineId ON reviewComment(lineId, runId);
CREATE INDEX reviewComment_authorUserId ON reviewComment(authorUserId);
CREATE INDEX reviewComment_resolvedByUserId ON reviewComment(resolvedByUserId);

CREATE TRIGGER reviewComment_organization_matches_run BEFORE INSERT ON reviewComment
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM storyboardRun WHERE id = NEW.runId)
BEGIN SELECT RAISE(ABORT, 'reviewComment.organizationId must equal its run''s'); END;
