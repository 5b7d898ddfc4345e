-- tutorgate's first schema. SQLite dialect kept close to standard SQL so that PostgreSQL can follow.
-- Times are epoch milliseconds (UTC); money is integer pico-dollars (10^-12 USD, see core.Money).

-- One row per model call that may have cost money (every attempt, every fallback, offline answers
-- at zero cost), plus one row per request refused before any call (attempt 0: rate limit, budget…).
CREATE TABLE ledger (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id             TEXT    NOT NULL,
    attempt                INTEGER NOT NULL,           -- 1.. per request across retries and fallbacks; 0 = refused before any call
    is_final               INTEGER NOT NULL DEFAULT 0, -- 1 on the row that decided what the student got
    started_at             INTEGER NOT NULL,
    student_id             TEXT,
    conversation_id        TEXT,
    complexity             TEXT,                       -- simple | medium | complex
    model                  TEXT,                       -- configured model name, or offline
    provider               TEXT,                       -- configured provider name, or offline
    key_alias              TEXT,                       -- e.g. gemini-main#2, never the key
    outcome                TEXT    NOT NULL,           -- ok | error | cancelled | rejected
    error_kind             TEXT,                       -- provider ErrorKind label, or the refusal reason
    fallback_reason        TEXT,                       -- why this model and not the routed one
    input_tokens           INTEGER NOT NULL DEFAULT 0, -- all input, cached reads and cache writes included
    cached_tokens          INTEGER NOT NULL DEFAULT 0,
    cache_write_5m_tokens  INTEGER NOT NULL DEFAULT 0,
    cache_write_1h_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens          INTEGER NOT NULL DEFAULT 0, -- reasoning included
    reasoning_tokens       INTEGER NOT NULL DEFAULT 0,
    usage_estimated        INTEGER NOT NULL DEFAULT 0, -- 1 when the provider reported no usage
    cost_picos             INTEGER NOT NULL DEFAULT 0,
    cost_without_cache_picos INTEGER NOT NULL DEFAULT 0, -- the same tokens at the uncached input price
    ttft_ms                INTEGER,
    latency_ms             INTEGER,
    streamed               INTEGER NOT NULL DEFAULT 0,
    client_disconnected    INTEGER NOT NULL DEFAULT 0,
    retrieval_hit          INTEGER,                    -- 1 if the answer's sources were in the course
    UNIQUE (request_id, attempt)
);
CREATE INDEX ledger_started_at ON ledger (started_at);
CREATE INDEX ledger_student_started ON ledger (student_id, started_at);

CREATE TABLE students (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    token_hash  TEXT    NOT NULL UNIQUE,  -- SHA-256 hex of the access token; the token itself is never stored
    created_at  INTEGER NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE conversations (
    id          TEXT    PRIMARY KEY,
    student_id  TEXT    NOT NULL REFERENCES students (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    summary     TEXT                      -- summary of turns dropped to fit the context window
);
CREATE INDEX conversations_student ON conversations (student_id, updated_at);

CREATE TABLE messages (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id  TEXT    NOT NULL REFERENCES conversations (id),
    role             TEXT    NOT NULL,    -- user | assistant
    content          TEXT    NOT NULL,
    request_id       TEXT,
    model            TEXT,
    sources          TEXT,                -- JSON array of lesson titles
    tokens           INTEGER,
    created_at       INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_request ON messages (request_id);

CREATE TABLE feedback (
    request_id  TEXT    PRIMARY KEY,
    student_id  TEXT    NOT NULL,
    stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT,
    created_at  INTEGER NOT NULL
);

-- The admin's verdicts on sampled answers (answer accuracy).
CREATE TABLE reviews (
    request_id  TEXT    PRIMARY KEY,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('correct', 'incorrect')),
    note        TEXT,
    created_at  INTEGER NOT NULL
);

-- Alerts already sent, so each threshold fires once per period, also across restarts.
CREATE TABLE alerts_sent (
    alert_key   TEXT    PRIMARY KEY,      -- e.g. budget:daily:2026-11-28:0.8
    sent_at     INTEGER NOT NULL
);
