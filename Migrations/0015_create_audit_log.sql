-- Who did what, for admins: sign-ins, keys, roles, members, budgets, tasks, reviews, exports,
-- webhook endpoints. Actors are copied into the row (ids without foreign keys, and a label),
-- so an entry outlives the user or API key that acted. Sign-ins belong to no organisation
-- (organizationId NULL); an organisation's log shows those of its members.
CREATE TABLE auditEvent (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER REFERENCES organization(id) ON DELETE CASCADE,
    actorUserId INTEGER,
    actorApiKeyId INTEGER,
    actorLabel TEXT NOT NULL,
    action TEXT NOT NULL,
    targetType TEXT,
    targetId TEXT,
    summary TEXT NOT NULL,
    address TEXT,
    createdAt DATETIME NOT NULL
);
CREATE INDEX auditEvent_organizationId ON auditEvent(organizationId, id);
CREATE INDEX auditEvent_organizationId_action ON auditEvent(organizationId, action, id);
CREATE INDEX auditEvent_organizationId_actor ON auditEvent(organizationId, actorUserId, id);
CREATE INDEX auditEvent_actorUserId ON auditEvent(actorUserId, id) WHERE organizationId IS NULL;
