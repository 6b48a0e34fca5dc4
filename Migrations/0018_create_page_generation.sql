-- A counter per organisation that changes whenever anything its pages show may have changed,
-- so rendered pages can be kept in memory and served again while it stands still (PageCache).
-- The session query reads it with the organisation. Triggers bump it on every write to the
-- tables the kept pages read (a test records the tables each kept page reads and holds them
-- to this list); a write in any process is seen by every process on the next request.
--
-- Not tracked: the scenes, shots, lines and their characters (written only in the transaction
-- that inserts their storyboardRun, deleted only with it), the search index (SearchIndexer
-- bumps searchGeneration, whose triggers below bump this), and what no kept page shows:
-- sessions, API keys, upstream keys, uploads, kept videos, webhooks, audit events, invitations,
-- jobs, and the bookkeeping columns of task (leases, claims, next check, retry counters: each
-- poll writes them) and videoFetch (its leases). A migration that adds a column a kept page
-- shows to task must add it to the task trigger's WHEN.
--
-- No foreign key, as for searchGeneration: a cascade from a deleted organisation fires these.

CREATE TABLE pageGeneration (
    organizationId INTEGER PRIMARY KEY,
    generation INTEGER NOT NULL
);

CREATE TRIGGER project_insert_bumps_page_generation AFTER INSERT ON project
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER project_update_bumps_page_generation AFTER UPDATE ON project
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER project_delete_bumps_page_generation AFTER DELETE ON project
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER drama_insert_bumps_page_generation AFTER INSERT ON drama
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER drama_update_bumps_page_generation AFTER UPDATE ON drama
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER drama_delete_bumps_page_generation AFTER DELETE ON drama
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episode_insert_bumps_page_generation AFTER INSERT ON episode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episode_update_bumps_page_generation AFTER UPDATE ON episode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episode_delete_bumps_page_generation AFTER DELETE ON episode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episodeRunChoice_insert_bumps_page_generation AFTER INSERT ON episodeRunChoice
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episodeRunChoice_update_bumps_page_generation AFTER UPDATE ON episodeRunChoice
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER episodeRunChoice_delete_bumps_page_generation AFTER DELETE ON episodeRunChoice
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER task_insert_bumps_page_generation AFTER INSERT ON task
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER task_update_bumps_page_generation AFTER UPDATE ON task
WHEN OLD.id IS NOT NEW.id
    OR OLD.organizationId IS NOT NEW.organizationId
    OR OLD.projectId IS NOT NEW.projectId
    OR OLD.dramaId IS NOT NEW.dramaId
    OR OLD.upstreamKeyId IS NOT NEW.upstreamKeyId
    OR OLD.credentialKind IS NOT NEW.credentialKind
    OR OLD.accountFingerprint IS NOT NEW.accountFingerprint
    OR OLD.submitTokenHash IS NOT NEW.submitTokenHash
    OR OLD.mode IS NOT NEW.mode
    OR OLD.requestJSON IS NOT NEW.requestJSON
    OR OLD.episodeCount IS NOT NEW.episodeCount
    OR OLD.estimatedCostCents IS NOT NEW.estimatedCostCents
    OR OLD.unknownDurationCount IS NOT NEW.unknownDurationCount
    OR OLD.status IS NOT NEW.status
    OR OLD.upstreamTaskId IS NOT NEW.upstreamTaskId
    OR OLD.upstreamCreatedAt IS NOT NEW.upstreamCreatedAt
    OR OLD.totalDurationSeconds IS NOT NEW.totalDurationSeconds
    OR OLD.reportedCostCents IS NOT NEW.reportedCostCents
    OR OLD.progressCompleted IS NOT NEW.progressCompleted
    OR OLD.progressTotal IS NOT NEW.progressTotal
    OR OLD.errorCode IS NOT NEW.errorCode
    OR OLD.errorMessage IS NOT NEW.errorMessage
    OR OLD.resultStatus IS NOT NEW.resultStatus
    OR OLD.artifactPath IS NOT NEW.artifactPath
    OR OLD.artifactBytes IS NOT NEW.artifactBytes
    OR OLD.resultError IS NOT NEW.resultError
    OR OLD.resubmittedFromTaskId IS NOT NEW.resubmittedFromTaskId
    OR OLD.submittedByUserId IS NOT NEW.submittedByUserId
    OR OLD.cancelledByUserId IS NOT NEW.cancelledByUserId
    OR OLD.createdAt IS NOT NEW.createdAt
    OR OLD.updatedAt IS NOT NEW.updatedAt
    OR OLD.finishedAt IS NOT NEW.finishedAt
    OR OLD.apiKeyId IS NOT NEW.apiKeyId
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER task_delete_bumps_page_generation AFTER DELETE ON task
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskCharacter_insert_bumps_page_generation AFTER INSERT ON taskCharacter
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskCharacter_update_bumps_page_generation AFTER UPDATE ON taskCharacter
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskCharacter_delete_bumps_page_generation AFTER DELETE ON taskCharacter
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER storyboardRun_insert_bumps_page_generation AFTER INSERT ON storyboardRun
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER storyboardRun_update_bumps_page_generation AFTER UPDATE ON storyboardRun
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER storyboardRun_delete_bumps_page_generation AFTER DELETE ON storyboardRun
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewComment_insert_bumps_page_generation AFTER INSERT ON reviewComment
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewComment_update_bumps_page_generation AFTER UPDATE ON reviewComment
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewComment_delete_bumps_page_generation AFTER DELETE ON reviewComment
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewEvent_insert_bumps_page_generation AFTER INSERT ON reviewEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewEvent_update_bumps_page_generation AFTER UPDATE ON reviewEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER reviewEvent_delete_bumps_page_generation AFTER DELETE ON reviewEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER membership_insert_bumps_page_generation AFTER INSERT ON membership
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER membership_update_bumps_page_generation AFTER UPDATE ON membership
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER membership_delete_bumps_page_generation AFTER DELETE ON membership
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

-- The storyboard page shows a failed fetch of the episode's video; leases come and go unseen.
CREATE TRIGGER videoFetch_insert_bumps_page_generation AFTER INSERT ON videoFetch
WHEN NEW.failure IS NOT NULL
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER videoFetch_update_bumps_page_generation AFTER UPDATE ON videoFetch
WHEN OLD.failure IS NOT NEW.failure OR OLD.failedAt IS NOT NEW.failedAt OR OLD.assetId IS NOT NEW.assetId
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER videoFetch_delete_bumps_page_generation AFTER DELETE ON videoFetch
WHEN OLD.failure IS NOT NULL
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEpisode_insert_bumps_page_generation AFTER INSERT ON taskEpisode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEpisode_update_bumps_page_generation AFTER UPDATE ON taskEpisode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEpisode_delete_bumps_page_generation AFTER DELETE ON taskEpisode
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = OLD.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEvent_insert_bumps_page_generation AFTER INSERT ON taskEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEvent_update_bumps_page_generation AFTER UPDATE ON taskEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER taskEvent_delete_bumps_page_generation AFTER DELETE ON taskEvent
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = OLD.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER submitAttempt_insert_bumps_page_generation AFTER INSERT ON submitAttempt
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER submitAttempt_update_bumps_page_generation AFTER UPDATE ON submitAttempt
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = NEW.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER submitAttempt_delete_bumps_page_generation AFTER DELETE ON submitAttempt
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM task WHERE id = OLD.taskId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER runReview_insert_bumps_page_generation AFTER INSERT ON runReview
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM storyboardRun WHERE id = NEW.runId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER runReview_update_bumps_page_generation AFTER UPDATE ON runReview
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM storyboardRun WHERE id = NEW.runId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER runReview_delete_bumps_page_generation AFTER DELETE ON runReview
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT organizationId, 1 FROM storyboardRun WHERE id = OLD.runId
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER organization_update_bumps_page_generation AFTER UPDATE ON organization
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.id, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER organization_delete_bumps_page_generation AFTER DELETE ON organization
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (OLD.id, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

-- Names and addresses show on pages, also in organisations the user has left (task submitters,
-- comment authors, review bylines); renames are rare, so every organisation renders again.
CREATE TRIGGER user_update_bumps_page_generation AFTER UPDATE OF displayName, email ON user
WHEN OLD.displayName IS NOT NEW.displayName OR OLD.email IS NOT NEW.email
BEGIN
    INSERT INTO pageGeneration (organizationId, generation)
    SELECT id, 1 FROM organization WHERE true
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER searchGeneration_insert_bumps_page_generation AFTER INSERT ON searchGeneration
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;

CREATE TRIGGER searchGeneration_update_bumps_page_generation AFTER UPDATE ON searchGeneration
BEGIN
    INSERT INTO pageGeneration (organizationId, generation) VALUES (NEW.organizationId, 1)
    ON CONFLICT (organizationId) DO UPDATE SET generation = generation + 1;
END;
