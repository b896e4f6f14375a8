-- Ward gateway state, PostgreSQL dialect. Tables are created in the
-- first schema of search_path.

CREATE TABLE keys (
    id          TEXT        NOT NULL PRIMARY KEY,
    name        TEXT        NOT NULL,
    owner       TEXT        NOT NULL DEFAULT '',
    team        TEXT        NOT NULL DEFAULT '',
    hash        BYTEA       NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ NULL,
    limits      JSONB       NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX keys_updated_at ON keys (updated_at);

CREATE TABLE usage (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time              TIMESTAMPTZ      NOT NULL,
    key_id            TEXT             NOT NULL,
    team              TEXT             NOT NULL DEFAULT '',
    model             TEXT             NOT NULL DEFAULT '',
    prompt_tokens     BIGINT           NOT NULL DEFAULT 0,
    completion_tokens BIGINT           NOT NULL DEFAULT 0,
    cost_usd          DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE INDEX usage_key_time ON usage (key_id, time) INCLUDE (cost_usd); -- covers SpentSince

CREATE TABLE events (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time              TIMESTAMPTZ      NOT NULL,
    request_id        TEXT             NOT NULL DEFAULT '',
    key_id            TEXT             NOT NULL DEFAULT '',
    subject           TEXT             NOT NULL DEFAULT '',
    team              TEXT             NOT NULL DEFAULT '',
    route             TEXT             NOT NULL DEFAULT '',
    model             TEXT             NOT NULL DEFAULT '',
    provider          TEXT             NOT NULL DEFAULT '',
    status            INTEGER          NOT NULL DEFAULT 0,
    decision          TEXT             NOT NULL DEFAULT '',
    reason            TEXT             NOT NULL DEFAULT '',
    prompt_tokens     BIGINT           NOT NULL DEFAULT 0,
    completion_tokens BIGINT           NOT NULL DEFAULT 0,
    cost_usd          DOUBLE PRECISION NOT NULL DEFAULT 0,
    latency_ns        BIGINT           NOT NULL DEFAULT 0,
    data              JSONB            NOT NULL
);
CREATE INDEX events_time ON events (time);
