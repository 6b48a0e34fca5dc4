-- Tasks submitted through the memories.ai-compatible gateway name raw asset ids. When they are
-- not the episodes of one catalog drama, the task is recorded under the organisation's
-- "uncatalogued" drama (created on first use, in a project of its own), which this row names
-- so that renaming it does not lose it.
CREATE TABLE gatewayDrama (
    organizationId INTEGER PRIMARY KEY REFERENCES organization(id) ON DELETE CASCADE,
    dramaId INTEGER NOT NULL REFERENCES drama(id) ON DELETE CASCADE
);
CREATE INDEX gatewayDrama_dramaId ON gatewayDrama(dramaId);
