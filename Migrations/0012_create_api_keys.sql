-- Showrunner API keys (`shr_…`) for the JSON API and the upstream-compatible gateway.
-- Only the SHA-256 of the secret is stored (the secret is 32 random bytes, so a fast hash is
-- enough); `prefix` is its first characters, shown in lists so a key can be recognised.
-- A key acts as its creator, capped at `role`: it stops working when the creator leaves the
-- organisation or is deleted (`userId` becomes NULL), and never exceeds their current role.
CREATE TABLE apiKey (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    userId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    secretHash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'member', 'viewer')),
    readOnly INTEGER NOT NULL DEFAULT 0 CHECK (readOnly IN (0, 1)),
    expiresAt DATETIME,
    createdAt DATETIME NOT NULL,
    lastUsedAt DATETIME,
    lastUsedAddress TEXT,
    revokedAt DATETIME,
    revokedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL
);
CREATE INDEX apiKey_organizationId ON apiKey(organizationId, id);
CREATE INDEX apiKey_userId ON apiKey(userId);
CREATE INDEX apiKey_revokedByUserId ON apiKey(revokedByUserId);

-- Tasks submitted with a key (the API or the gateway) name it; the user stays the key's creator.
ALTER TABLE task ADD COLUMN apiKeyId INTEGER REFERENCES apiKey(id) ON DELETE SET NULL;
CREATE INDEX task_apiKeyId ON task(apiKeyId);
