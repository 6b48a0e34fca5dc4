-- Screenplay extraction tasks: upstream keys, the per-organisation webhook, project budgets,
-- tasks with their episodes, submit attempts, a timeline of events, and background leases.

-- memories.ai keys, sealed with AES-GCM under the server's master key. Only the last four
-- characters are kept readable; `fingerprint` (an HMAC of the key under the master key)
-- names the upstream account without revealing the key, so tasks on the same key share
-- one rate-limit budget and a duplicate key is refused.
CREATE TABLE upstreamKey (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sealedKey BLOB NOT NULL,
    lastFour TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    isDefault INTEGER NOT NULL DEFAULT 0 CHECK (isDefault IN (0, 1)),
    disabledAt DATETIME,
    lastTestedAt DATETIME,
    lastTestOutcome TEXT,
    createdByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    UNIQUE (organizationId, fingerprint)
);
CREATE UNIQUE INDEX upstreamKey_oneDefault ON upstreamKey(organizationId) WHERE isDefault = 1;
CREATE INDEX upstreamKey_createdByUserId ON upstreamKey(createdByUserId);

-- One webhook URL per organisation: /hooks/memories/{token}. The token is looked up by its
-- SHA-256 and kept sealed so the settings page can show the URL again.
CREATE TABLE webhookEndpoint (
    organizationId INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
    tokenHash TEXT NOT NULL UNIQUE,
    sealedToken BLOB NOT NULL,
    rotatedAt DATETIME NOT NULL,
    lastReceivedAt DATETIME
);

-- Monthly spend limit per project, in US cents (NULL: no limit).
ALTER TABLE project ADD COLUMN monthlyBudgetCents INTEGER CHECK (monthlyBudgetCents IS NULL OR monthlyBudgetCents >= 0);

-- One screenplay task. `status` follows upstream once it is known; before that it is ours:
--   submitting        the row exists, the upstream call has not answered yet
--   rejected          upstream refused the submit (nothing was created or charged)
--   outcome_unknown   the submit may have reached upstream; never retried automatically
-- `resultStatus` is the local pipeline after `completed`. `nextCheckAt` schedules the
-- background tracker; `leaseOwner`/`leaseExpiresAt` claim the row for one process at a time.
CREATE TABLE task (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    projectId INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
    dramaId INTEGER NOT NULL REFERENCES drama(id) ON DELETE CASCADE,
    upstreamKeyId INTEGER REFERENCES upstreamKey(id) ON DELETE SET NULL,
    credentialKind TEXT NOT NULL CHECK (credentialKind IN ('organization', 'server', 'simulator')),
    accountFingerprint TEXT NOT NULL,
    submitTokenHash TEXT NOT NULL UNIQUE,
    mode TEXT NOT NULL,
    requestJSON TEXT NOT NULL,
    episodeCount INTEGER NOT NULL CHECK (episodeCount > 0),
    estimatedCostCents INTEGER NOT NULL,
    unknownDurationCount INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN (
        'submitting', 'rejected', 'outcome_unknown', 'pending', 'running', 'completed', 'failed', 'cancelled')),
    upstreamTaskId TEXT,
    upstreamCreatedAt TEXT,
    totalDurationSeconds REAL,
    reportedCostCents INTEGER,
    progressCompleted INTEGER,
    progressTotal INTEGER,
    errorCode TEXT,
    errorMessage TEXT,
    resultStatus TEXT NOT NULL DEFAULT 'none' CHECK (resultStatus IN (
        'none', 'downloading', 'downloaded', 'download_failed', 'ingesting', 'ingested', 'ingest_failed')),
    artifactPath TEXT,
    artifactBytes INTEGER,
    resultError TEXT,
    resubmittedFromTaskId INTEGER REFERENCES task(id) ON DELETE SET NULL,
    submittedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    cancelledByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    nextCheckAt DATETIME,
    checkFailures INTEGER NOT NULL DEFAULT 0,
    -- Downloads started (each may be billed); capped, then a person retries.
    downloadAttempts INTEGER NOT NULL DEFAULT 0,
    -- A callback asked for a check at this time; a check that began earlier must not hide it.
    checkRequestedAt DATETIME,
    claimedAt DATETIME,
    leaseOwner TEXT,
    leaseExpiresAt DATETIME,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL,
    finishedAt DATETIME
);
CREATE UNIQUE INDEX task_upstreamTaskId ON task(accountFingerprint, upstreamTaskId) WHERE upstreamTaskId IS NOT NULL;
CREATE INDEX task_organizationId_id ON task(organizationId, id);
CREATE INDEX task_organizationId_status ON task(organizationId, status, id);
CREATE INDEX task_projectId_id ON task(projectId, id);
CREATE INDEX task_dramaId_id ON task(dramaId, id);
CREATE INDEX task_submittedByUserId ON task(submittedByUserId);
CREATE INDEX task_cancelledByUserId ON task(cancelledByUserId);
CREATE INDEX task_upstreamKeyId ON task(upstreamKeyId);
CREATE INDEX task_resubmittedFromTaskId ON task(resubmittedFromTaskId);
CREATE INDEX task_due ON task(nextCheckAt) WHERE nextCheckAt IS NOT NULL;
CREATE INDEX task_upstreamTaskId_only ON task(upstreamTaskId) WHERE upstreamTaskId IS NOT NULL;

CREATE TRIGGER task_organization_matches_drama BEFORE INSERT ON task
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM drama WHERE id = NEW.dramaId)
  OR NEW.projectId IS NOT (SELECT projectId FROM drama WHERE id = NEW.dramaId)
BEGIN SELECT RAISE(ABORT, 'task must belong to its drama''s project and organisation'); END;

-- The episode map as sent: number → asset id, with the duration used for the estimate.
-- `episodeId` survives only while the catalog episode does.
CREATE TABLE taskEpisode (
    taskId INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    episodeNumber INTEGER NOT NULL,
    episodeId INTEGER REFERENCES episode(id) ON DELETE SET NULL,
    assetId TEXT NOT NULL,
    durationSeconds REAL,
    estimatedCostCents INTEGER NOT NULL,
    PRIMARY KEY (taskId, episodeNumber)
) WITHOUT ROWID;
CREATE INDEX taskEpisode_episodeId ON taskEpisode(episodeId);

-- Written before each upstream submit attempt leaves the process (the client's attemptRecorder).
CREATE TABLE submitAttempt (
    taskId INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    sentAt DATETIME NOT NULL,
    PRIMARY KEY (taskId, number)
) WITHOUT ROWID;

-- The task's timeline: every state change, who caused it, and what upstream said.
CREATE TABLE taskEvent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    taskId INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    actorUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL
);
CREATE INDEX taskEvent_taskId ON taskEvent(taskId, id);
CREATE INDEX taskEvent_actorUserId ON taskEvent(actorUserId);
