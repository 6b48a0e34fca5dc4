-- Episode footage kept by Showrunner, for the player beside the storyboard.
--
-- `episodeVideo`: the file behind an episode's current asset, under <data>/videos/. Either
-- uploaded through Showrunner (source 'upload', kept) or fetched once from upstream's asset
-- download (source 'download': billed per GB, so never fetched again while kept; the cache
-- evicts the least recently served downloads when it is over its size). `assetId` says which
-- asset the file is: when an episode's asset changes, the old file no longer matches.
CREATE TABLE episodeVideo (
    episodeId INTEGER PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    assetId TEXT NOT NULL,
    fileName TEXT NOT NULL UNIQUE,
    contentType TEXT NOT NULL,
    byteCount INTEGER NOT NULL CHECK (byteCount >= 0),
    source TEXT NOT NULL CHECK (source IN ('upload', 'download')),
    createdAt DATETIME NOT NULL,
    lastServedAt DATETIME NOT NULL
);
CREATE INDEX episodeVideo_organizationId ON episodeVideo(organizationId);
CREATE INDEX episodeVideo_cache ON episodeVideo(source, lastServedAt);

-- One fetch from upstream per episode at a time across processes (a lease), and the last
-- failure, so an asset upstream cannot serve is not asked for again on every page view.
CREATE TABLE videoFetch (
    episodeId INTEGER PRIMARY KEY REFERENCES episode(id) ON DELETE CASCADE,
    organizationId INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    assetId TEXT NOT NULL,
    leaseOwner TEXT,
    leaseExpiresAt DATETIME,
    failure TEXT,
    failedAt DATETIME
);
CREATE INDEX videoFetch_organizationId ON videoFetch(organizationId);
