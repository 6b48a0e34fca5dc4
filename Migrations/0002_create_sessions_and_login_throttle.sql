-- Login sessions survive restarts. The key is a SHA-256 of the cookie value, so a copy of
-- the database does not hand out live sessions.
CREATE TABLE session (
    keyHash TEXT PRIMARY KEY NOT NULL,
    userId INTEGER REFERENCES user(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    expiresAt DATETIME NOT NULL
);
CREATE INDEX session_expiresAt ON session(expiresAt);
CREATE INDEX session_userId ON session(userId);

-- One row per failed login, keyed by 'account:<email>' or 'address:<ip>'.
CREATE TABLE loginFailure (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    throttleKey TEXT NOT NULL,
    failedAt DATETIME NOT NULL
);
CREATE INDEX loginFailure_throttleKey ON loginFailure(throttleKey, failedAt);
CREATE INDEX loginFailure_failedAt ON loginFailure(failedAt);
