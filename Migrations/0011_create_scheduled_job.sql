-- Periodic maintenance run by the server (scheduled backups, retention): one row per job.
-- `leaseOwner`/`leaseExpiresAt` let one process at a time run a job; `lastRunAt` spaces the
-- runs out across restarts and across processes sharing the database.
CREATE TABLE scheduledJob (
    name TEXT PRIMARY KEY,
    leaseOwner TEXT,
    leaseExpiresAt DATETIME,
    lastRunAt DATETIME,
    lastResult TEXT
);
