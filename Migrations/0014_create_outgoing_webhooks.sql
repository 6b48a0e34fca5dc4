-- Outgoing webhooks: URLs an organisation's admins register to be told of task and review
-- events. The signing secret is kept sealed (AES-GCM under the master key) because every
-- delivery is signed with it; it is shown once, when the endpoint is created.
CREATE TABLE webhookSubscription (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    -- Comma-separated event names, e.g. "task.completed,task.failed".
    events TEXT NOT NULL,
    sealedSecret BLOB NOT NULL,
    createdByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    disabledAt DATETIME
);
CREATE INDEX webhookSubscription_organizationId ON webhookSubscription(organizationId, id);
CREATE INDEX webhookSubscription_createdByUserId ON webhookSubscription(createdByUserId);

-- One event for one endpoint: written in the transaction that caused the event (an outbox, so
-- no event is lost or sent for a change that rolled back), then sent by the dispatcher under a
-- lease, retried with backoff, and kept as the delivery log.
CREATE TABLE webhookDelivery (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    subscriptionId INTEGER NOT NULL REFERENCES webhookSubscription(id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    nextAttemptAt DATETIME,
    lastAttemptAt DATETIME,
    lastStatusCode INTEGER,
    lastError TEXT,
    deliveredAt DATETIME,
    leaseOwner TEXT,
    leaseExpiresAt DATETIME,
    createdAt DATETIME NOT NULL
);
CREATE INDEX webhookDelivery_due ON webhookDelivery(nextAttemptAt) WHERE status = 'pending';
CREATE INDEX webhookDelivery_subscriptionId ON webhookDelivery(subscriptionId, id);
CREATE INDEX webhookDelivery_organizationId ON webhookDelivery(organizationId, id);
