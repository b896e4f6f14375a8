-- Ward gateway state, SQLite dialect. Times are INTEGER microseconds
-- since the Unix epoch, UTC.

CREATE TABLE keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    owner       TEXT    NOT NULL DEFAULT '',
    team        TEXT    NOT NULL DEFAULT '',
    hash        BLOB    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER NULL,
    limits      TEXT    NOT NULL DEFAULT '{}',
    updated_at  INTEGER NOT NULL
);
CREATE INDEX keys_updated_at ON keys (updated_at);

CREATE TABLE usage (
    id                INTEGER PRIMARY KEY,
    time              INTEGER NOT NULL,
    key_id            TEXT    NOT NULL,
    team              TEXT    NOT NULL DEFAULT '',
    model             TEXT    NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL    NOT NULL DEFAULT 0
);
CREATE INDEX usage_key_time ON usage (key_id, time, cost_usd); -- covers SpentSince

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    time              INTEGER NOT NULL,
    request_id        TEXT    NOT NULL DEFAULT '',
    key_id            TEXT    NOT NULL DEFAULT '',
    subject           TEXT    NOT NULL DEFAULT '',
    team              TEXT    NOT NULL DEFAULT '',
    route             TEXT    NOT NULL DEFAULT '',
    model             TEXT    NOT NULL DEFAULT '',
    provider          TEXT    NOT NULL DEFAULT '',
    status            INTEGER NOT NULL DEFAULT 0,
    decision          TEXT    NOT NULL DEFAULT '',
    reason            TEXT    NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd          REAL    NOT NULL DEFAULT 0,
    latency_ns        INTEGER NOT NULL DEFAULT 0,
    data              TEXT    NOT NULL
);
CREATE INDEX events_time ON events (time);
