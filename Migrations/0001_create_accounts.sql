-- Organisations (tenants), users, memberships with roles, invitations.
CREATE TABLE organization (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    createdAt DATETIME NOT NULL
);

CREATE TABLE user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    displayName TEXT NOT NULL,
    passwordHash TEXT NOT NULL,
    lastOrganizationId INTEGER REFERENCES organization(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    passwordChangedAt DATETIME NOT NULL
);
CREATE INDEX user_lastOrganizationId ON user(lastOrganizationId);

CREATE TABLE membership (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    userId INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'member', 'viewer')),
    createdAt DATETIME NOT NULL,
    UNIQUE (organizationId, userId)
);
CREATE INDEX membership_userId ON membership(userId);

-- Invite links: only a SHA-256 of the token is stored; the link is shown once.
CREATE TABLE invitation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    tokenHash TEXT NOT NULL UNIQUE,
    email TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'member', 'viewer')),
    createdByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    createdAt DATETIME NOT NULL,
    expiresAt DATETIME NOT NULL,
    acceptedAt DATETIME,
    acceptedByUserId INTEGER REFERENCES user(id) ON DELETE SET NULL,
    revokedAt DATETIME
);
CREATE INDEX invitation_organizationId ON invitation(organizationId, createdAt);
CREATE INDEX invitation_createdByUserId ON invitation(createdByUserId);
CREATE INDEX invitation_acceptedByUserId ON invitation(acceptedByUserId);
