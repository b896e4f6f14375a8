-- keys.updated_at is stamped by the database, never by the writer: its
-- own clock, and never below the latest stamp already written, so that a
-- writer whose clock runs slow (or a hand-written UPDATE) cannot hide a
-- change from the replicas that poll KeysChangedSince from the latest
-- stamp they saw.

CREATE FUNCTION ward_keys_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    latest TIMESTAMPTZ;
BEGIN
    EXECUTE format('SELECT max(updated_at) FROM %I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO latest;
    NEW.updated_at := GREATEST(clock_timestamp(), latest + interval '1 microsecond');
    RETURN NEW;
END
$$;

CREATE TRIGGER keys_stamp BEFORE INSERT OR UPDATE ON keys
    FOR EACH ROW EXECUTE FUNCTION ward_keys_stamp();
