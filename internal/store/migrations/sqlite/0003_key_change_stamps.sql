-- keys.updated_at is stamped by the database, never by the writer: the
-- host's clock when the row is written, and always after every stamp
-- already written (the row's own included), so that a clock stepped back
-- or a hand-written UPDATE cannot hide a change from the gateways that
-- poll KeysChangedSince from the latest stamp they saw. Writers take
-- turns (one write lock), so stamps grow in commit order. The value a
-- write gives updated_at is ignored. (A trigger's own UPDATE does not
-- fire it again: recursive_triggers is off.)

CREATE TRIGGER keys_stamp_insert AFTER INSERT ON keys BEGIN
    UPDATE keys SET updated_at = MAX(
        CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
        COALESCE((SELECT MAX(updated_at) FROM keys WHERE rowid <> NEW.rowid), 0) + 1)
    WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER keys_stamp_update AFTER UPDATE ON keys BEGIN
    UPDATE keys SET updated_at = MAX(
        CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
        COALESCE((SELECT MAX(updated_at) FROM keys WHERE rowid <> NEW.rowid), 0) + 1,
        OLD.updated_at + 1)
    WHERE rowid = NEW.rowid;
END;
