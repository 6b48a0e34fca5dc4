-- The production catalog: projects → dramas → episodes, all owned by an organisation.
-- Dramas and episodes repeat organizationId so every query can be scoped by it directly;
-- triggers keep it equal to the parent's.
CREATE TABLE project (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    archivedAt DATETIME,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL
);
CREATE INDEX project_organizationId_name ON project(organizationId, name COLLATE NOCASE);
CREATE INDEX project_organizationId_updatedAt ON project(organizationId, updatedAt);

CREATE TABLE drama (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    projectId INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'zh-CN',
    notes TEXT NOT NULL DEFAULT '',
    archivedAt DATETIME,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL
);
CREATE INDEX drama_projectId_title ON drama(projectId, title COLLATE NOCASE);
CREATE INDEX drama_organizationId ON drama(organizationId);

CREATE TABLE episode (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    dramaId INTEGER NOT NULL REFERENCES drama(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number > 0),
    title TEXT NOT NULL DEFAULT '',
    assetId TEXT NOT NULL,
    durationSeconds REAL CHECK (durationSeconds IS NULL OR durationSeconds > 0),
    notes TEXT NOT NULL DEFAULT '',
    archivedAt DATETIME,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL,
    UNIQUE (dramaId, number),
    UNIQUE (dramaId, assetId)
);
CREATE INDEX episode_organizationId ON episode(organizationId);

CREATE TRIGGER drama_organization_matches_project BEFORE INSERT ON drama
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM project WHERE id = NEW.projectId)
BEGIN SELECT RAISE(ABORT, 'drama.organizationId must equal its project''s'); END;

CREATE TRIGGER episode_organization_matches_drama BEFORE INSERT ON episode
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM drama WHERE id = NEW.dramaId)
BEGIN SELECT RAISE(ABORT, 'episode.organizationId must equal its drama''s'); END;
