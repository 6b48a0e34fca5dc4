-- Ingested screenplay results: per (task, episode) one run with its scenes, shots and
-- dialogue lines, plus the task's cast and who appears in which scene and shot.
-- `storyboardRun` and `taskCharacter` repeat `organizationId` so every query can be scoped by
-- it directly; triggers keep it equal to the task's. Everything below a run is reached
-- through `runId`. Times are REAL seconds from the start of the episode.
-- An episode extracted more than once keeps every run; the newest ingested one is current
-- (`storyboardRun_episodeId` answers "newest run of episode N" from the index alone).

CREATE TABLE storyboardRun (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    taskId INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    -- NULL once the catalog episode is deleted; the run stays readable through its task.
    episodeId INTEGER REFERENCES episode(id) ON DELETE SET NULL,
    episodeNumber INTEGER NOT NULL CHECK (episodeNumber > 0),
    assetId TEXT NOT NULL,
    language TEXT NOT NULL,
    transcriptSource TEXT NOT NULL CHECK (transcriptSource IN ('asr', 'subtitle')),
    durationSeconds REAL NOT NULL CHECK (durationSeconds > 0),
    sceneCount INTEGER NOT NULL CHECK (sceneCount >= 0),
    shotCount INTEGER NOT NULL CHECK (shotCount >= 0),
    lineCount INTEGER NOT NULL CHECK (lineCount >= 0),
    ingestedAt DATETIME NOT NULL,
    UNIQUE (taskId, episodeNumber)
);
CREATE INDEX storyboardRun_episodeId ON storyboardRun(episodeId, ingestedAt, id);
CREATE INDEX storyboardRun_organizationId ON storyboardRun(organizationId, ingestedAt, id);

CREATE TRIGGER storyboardRun_organization_matches_task BEFORE INSERT ON storyboardRun
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM task WHERE id = NEW.taskId)
  OR (NEW.episodeId IS NOT NULL AND NEW.organizationId IS NOT (SELECT organizationId FROM episode WHERE id = NEW.episodeId))
BEGIN SELECT RAISE(ABORT, 'storyboardRun must belong to its task''s and episode''s organisation'); END;

CREATE TRIGGER storyboardRun_organization_stays_matched BEFORE UPDATE OF organizationId, taskId, episodeId ON storyboardRun
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM task WHERE id = NEW.taskId)
  OR (NEW.episodeId IS NOT NULL AND NEW.organizationId IS NOT (SELECT organizationId FROM episode WHERE id = NEW.episodeId))
BEGIN SELECT RAISE(ABORT, 'storyboardRun must belong to its task''s and episode''s organisation'); END;

-- The task's cast from namelist.json; `key` is the file's id (`C01`, `X03`).
CREATE TABLE taskCharacter (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    taskId INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    aliasesJSON TEXT NOT NULL DEFAULT '[]',
    role TEXT NOT NULL CHECK (role IN ('lead', 'supporting', 'extra')),
    faceClusterId TEXT,
    UNIQUE (taskId, key)
);
CREATE INDEX taskCharacter_organizationId ON taskCharacter(organizationId);

CREATE TRIGGER taskCharacter_organization_matches_task BEFORE INSERT ON taskCharacter
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM task WHERE id = NEW.taskId)
BEGIN SELECT RAISE(ABORT, 'taskCharacter.organizationId must equal its task''s'); END;

CREATE TRIGGER taskCharacter_organization_stays_matched BEFORE UPDATE OF organizationId, taskId ON taskCharacter
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM task WHERE id = NEW.taskId)
BEGIN SELECT RAISE(ABORT, 'taskCharacter.organizationId must equal its task''s'); END;

-- `UNIQUE (id, runId)` lets shots and lines name their scene *and* run in one foreign key,
-- so a row can never point at a scene (or shot) of another run.
CREATE TABLE storyboardScene (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    setting TEXT NOT NULL,
    location TEXT NOT NULL,
    timeOfDay TEXT NOT NULL,
    heading TEXT NOT NULL,
    startSeconds REAL NOT NULL,
    endSeconds REAL NOT NULL,
    summary TEXT NOT NULL,
    UNIQUE (runId, number),
    UNIQUE (id, runId)
);

-- Shot numbers run through the whole episode, so (runId, number) is the reading order.
CREATE TABLE storyboardShot (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    sceneId INTEGER NOT NULL,
    number INTEGER NOT NULL,
    size TEXT NOT NULL,
    angle TEXT NOT NULL,
    movement TEXT NOT NULL,
    description TEXT NOT NULL,
    startSeconds REAL NOT NULL,
    endSeconds REAL NOT NULL,
    UNIQUE (runId, number),
    UNIQUE (id, runId),
    FOREIGN KEY (sceneId, runId) REFERENCES storyboardScene(id, runId) ON DELETE CASCADE
);
CREATE INDEX storyboardShot_sceneId ON storyboardShot(sceneId, number);

-- `ordinal` is the line's 1-based position in the episode's transcript (time order).
CREATE TABLE dialogueLine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    runId INTEGER NOT NULL REFERENCES storyboardRun(id) ON DELETE CASCADE,
    sceneId INTEGER NOT NULL,
    shotId INTEGER,
    ordinal INTEGER NOT NULL,
    lineKey TEXT NOT NULL,
    -- The namelist id as written (NULL: unidentified speaker) and the character it names.
    speakerKey TEXT,
    speakerCharacterId INTEGER REFERENCES taskCharacter(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('dialogue', 'voice_over', 'off_screen', 'narration', 'on_screen_text')),
    delivery TEXT,
    text TEXT NOT NULL,
    startSeconds REAL NOT NULL,
    endSeconds REAL NOT NULL,
    UNIQUE (runId, ordinal),
    UNIQUE (runId, lineKey),
    FOREIGN KEY (sceneId, runId) REFERENCES storyboardScene(id, runId) ON DELETE CASCADE,
    FOREIGN KEY (shotId, runId) REFERENCES storyboardShot(id, runId) ON DELETE CASCADE
);
CREATE INDEX dialogueLine_sceneId ON dialogueLine(sceneId, ordinal);
CREATE INDEX dialogueLine_shotId ON dialogueLine(shotId);
CREATE INDEX dialogueLine_speakerCharacterId ON dialogueLine(speakerCharacterId);

-- Who is seen or heard in a scene, and who is visible in a shot.
CREATE TABLE sceneCharacter (
    sceneId INTEGER NOT NULL REFERENCES storyboardScene(id) ON DELETE CASCADE,
    characterId INTEGER NOT NULL REFERENCES taskCharacter(id) ON DELETE CASCADE,
    PRIMARY KEY (sceneId, characterId)
) WITHOUT ROWID;
CREATE INDEX sceneCharacter_characterId ON sceneCharacter(characterId, sceneId);

CREATE TABLE shotCharacter (
    shotId INTEGER NOT NULL REFERENCES storyboardShot(id) ON DELETE CASCADE,
    characterId INTEGER NOT NULL REFERENCES taskCharacter(id) ON DELETE CASCADE,
    PRIMARY KEY (shotId, characterId)
) WITHOUT ROWID;
CREATE INDEX shotCharacter_characterId ON shotCharacter(characterId, shotId);
