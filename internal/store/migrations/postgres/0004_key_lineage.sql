-- A key issued by rotating another shares its budget and rate limits:
-- lineage is the id of the first key of the chain (the key's own id
-- unless it was issued by rotating), which the gateway's counters and
-- SpentSince count by; rotated_from is the key it replaced, unique so
-- that a key has at most one successor.

ALTER TABLE keys ADD COLUMN lineage TEXT NOT NULL DEFAULT '';
ALTER TABLE keys ADD COLUMN rotated_from TEXT NULL;
UPDATE keys SET lineage = id;
CREATE INDEX keys_lineage ON keys (lineage);
CREATE UNIQUE INDEX keys_rotated_from ON keys (rotated_from);
