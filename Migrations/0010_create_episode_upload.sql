-- Episode files uploaded through Showrunner on their way to memories.ai.
--
-- The browser streams each file to <data>/uploads/ (nothing is stored until the whole body
-- has arrived); a row is then queued and the upload forwarder sends it on:
--   queued      the file is on our disk, waiting to be sent
--   sending     its bytes are going to upstream (`sentBytes` of `byteCount`)
--   processing  upstream has them; its metadata is polled until SUCCESS or FAILED
--   done        the episode has the asset id (and the probed duration)
--   failed      `failure` says why; the file is kept, so a retry does not need the browser
-- `method` is 'direct' (POST /upload) or 'signed' (signed URL, for large files). The account
-- is kept from the first send: an asset belongs to the key that uploaded it.
-- `nextAttemptAt` schedules the forwarder; `leaseOwner`/`leaseExpiresAt` claim the row for
-- one process at a time, so a restart or a second process never sends a file twice at once.
CREATE TABLE episodeUpload (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    dramaId INTEGER NOT NULL REFERENCES drama(id) ON DELETE CASCADE,
    episodeNumber INTEGER NOT NULL CHECK (episodeNumber > 0),
    originalFilename TEXT NOT NULL,
    contentType TEXT NOT NULL,
    fileName TEXT UNIQUE,
    byteCount INTEGER NOT NULL CHECK (byteCount >= 0),
    durationSeconds REAL CHECK (durationSeconds IS NULL OR durationSeconds > 0),
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'processing', 'done', 'failed')),
    method TEXT CHECK (method IN ('direct', 'signed')),
    credentialKind TEXT CHECK (credentialKind IN ('organization', 'server', 'simulator')),
    upstreamKeyId INTEGER REFERENCES upstreamKey(id) ON DELETE SET NULL,
    assetId TEXT,
    sentBytes INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    failure TEXT,
    nextAttemptAt DATETIME,
    processingSince DATETIME,
    leaseOwner TEXT,
    leaseExpiresAt DATETIME,
    episodeId INTEGER REFERENCES episode(id) ON DELETE SET NULL,
    uploadedBy INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    updatedAt DATETIME NOT NULL,
    finishedAt DATETIME
);
CREATE INDEX episodeUpload_drama ON episodeUpload(organizationId, dramaId, id);
CREATE INDEX episodeUpload_due ON episodeUpload(nextAttemptAt) WHERE nextAttemptAt IS NOT NULL;
CREATE INDEX episodeUpload_upstreamKeyId ON episodeUpload(upstreamKeyId);
CREATE INDEX episodeUpload_episodeId ON episodeUpload(episodeId);
CREATE INDEX episodeUpload_uploadedBy ON episodeUpload(uploadedBy);

CREATE TRIGGER episodeUpload_organization_matches_drama BEFORE INSERT ON episodeUpload
WHEN NEW.organizationId IS NOT (SELECT organizationId FROM drama WHERE id = NEW.dramaId)
BEGIN SELECT RAISE(ABORT, 'episodeUpload.organizationId must equal its drama''s'); END;
