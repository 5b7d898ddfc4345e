-- The ledger and the messages keep their integer ids but drop AUTOINCREMENT: with it, every insert
-- also updated the row's counter in sqlite_sequence (one more B-tree write per row, three per
-- answered question, about a tenth of the writer's SQLite time). Nothing deletes rows from these
-- tables, so ids are not reused either way: each new row still gets the largest id plus one.
-- SQLite cannot drop AUTOINCREMENT in place, so both tables are rebuilt with the same columns,
-- rows and indexes, once, at the first start after the upgrade (measured: 1.3 s for 53,000
-- answered questions, so about half a minute per million).

CREATE TABLE ledger_rebuilt (
    id                     INTEGER PRIMARY KEY,
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
INSERT INTO ledger_rebuilt (id, request_id, attempt, is_final, started_at, student_id, conversation_id, complexity,
        model, provider, key_alias, outcome, error_kind, fallback_reason, input_tokens, cached_tokens,
        cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, usage_estimated, cost_picos,
        cost_without_cache_picos, ttft_ms, latency_ms, streamed, client_disconnected, retrieval_hit)
    SELECT id, request_id, attempt, is_final, started_at, student_id, conversation_id, complexity,
        model, provider, key_alias, outcome, error_kind, fallback_reason, input_tokens, cached_tokens,
        cache_write_5m_tokens, cache_write_1h_tokens, output_tokens, reasoning_tokens, usage_estimated, cost_picos,
        cost_without_cache_picos, ttft_ms, latency_ms, streamed, client_disconnected, retrieval_hit
    FROM ledger ORDER BY id;
DROP TABLE ledger;
ALTER TABLE ledger_rebuilt RENAME TO ledger;
CREATE INDEX ledger_started_at ON ledger (started_at);
CREATE INDEX ledger_student_started ON ledger (student_id, started_at);
CREATE INDEX ledger_ttft_values ON ledger (ttft_ms, started_at)
    WHERE outcome = 'ok' AND model <> 'offline' AND ttft_ms IS NOT NULL;
CREATE INDEX ledger_latency_values ON ledger (latency_ms, started_at)
    WHERE outcome = 'ok' AND model <> 'offline' AND latency_ms IS NOT NULL;

CREATE TABLE messages_rebuilt (
    id               INTEGER PRIMARY KEY,
    conversation_id  TEXT    NOT NULL REFERENCES conversations (id),
    role             TEXT    NOT NULL,    -- user | assistant
    content          TEXT    NOT NULL,
    request_id       TEXT,
    model            TEXT,
    sources          TEXT,                -- JSON array of lesson titles
    tokens           INTEGER,
    created_at       INTEGER NOT NULL
);
INSERT INTO messages_rebuilt (id, conversation_id, role, content, request_id, model, sources, tokens, created_at)
    SELECT id, conversation_id, role, content, request_id, model, sources, tokens, created_at FROM messages ORDER BY id;
DROP TABLE messages;
ALTER TABLE messages_rebuilt RENAME TO messages;
CREATE INDEX messages_conversation ON messages (conversation_id, id);
