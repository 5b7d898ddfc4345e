-- Monitoring roll-ups: the dashboard's figures for a month of ledger rows in milliseconds.
--
-- Three tables summarise the ledger per UTC hour (hour = started_at rounded down to a whole hour,
-- epoch milliseconds). Triggers keep them up to date inside the same transaction as each ledger
-- insert, so a roll-up never disagrees with the rows it sums. The ledger is append-only: rows are
-- never updated or deleted, so only inserts are tracked. The monitoring code reads whole hours from
-- the roll-ups and the partial hours at the edges of a range from the ledger itself
-- (monitoring.LedgerAggregates); a test checks both paths give the same figures.
-- Text dimensions hold '' instead of NULL, because NULLs never conflict in a primary key.

-- One row per hour and combination of the ledger's low-cardinality columns.
CREATE TABLE ledger_hourly (
    hour                     INTEGER NOT NULL,
    model                    TEXT    NOT NULL,
    complexity               TEXT    NOT NULL,
    outcome                  TEXT    NOT NULL,
    error_kind               TEXT    NOT NULL,
    fallback_reason          TEXT    NOT NULL,
    attempt_kind             INTEGER NOT NULL,  -- 0 refused before any call, 1 first attempt, 2 any later attempt (retry or fallback)
    is_final                 INTEGER NOT NULL,
    row_count                INTEGER NOT NULL,
    input_tokens             INTEGER NOT NULL,
    cached_tokens            INTEGER NOT NULL,
    cache_write_5m_tokens    INTEGER NOT NULL,
    cache_write_1h_tokens    INTEGER NOT NULL,
    output_tokens            INTEGER NOT NULL,
    reasoning_tokens         INTEGER NOT NULL,
    cost_picos               INTEGER NOT NULL,
    cost_without_cache_picos INTEGER NOT NULL,
    ttft_count               INTEGER NOT NULL,  -- rows with a ttft_ms
    ttft_sum_ms              INTEGER NOT NULL,
    latency_count            INTEGER NOT NULL,  -- rows with a latency_ms
    latency_sum_ms           INTEGER NOT NULL,
    gen_output_tokens        INTEGER NOT NULL,  -- output tokens of rows whose latency exceeds their ttft
    gen_ms                   INTEGER NOT NULL,  -- and the time they spent generating: latency - ttft
    retrieval_known          INTEGER NOT NULL,  -- rows with a retrieval_hit
    retrieval_hits           INTEGER NOT NULL,
    streamed                 INTEGER NOT NULL,
    client_disconnected      INTEGER NOT NULL,
    usage_estimated          INTEGER NOT NULL,
    PRIMARY KEY (hour, model, complexity, outcome, error_kind, fallback_reason, attempt_kind, is_final)
) WITHOUT ROWID;

-- Who asked in each hour: active students, cost per student, top spenders.
CREATE TABLE ledger_student_hourly (
    hour        INTEGER NOT NULL,
    student_id  TEXT    NOT NULL,
    row_count   INTEGER NOT NULL,
    requests    INTEGER NOT NULL,  -- final rows: one per request
    answered    INTEGER NOT NULL,  -- final rows with outcome ok
    cost_picos  INTEGER NOT NULL,
    PRIMARY KEY (hour, student_id)
) WITHOUT ROWID;

-- How many answered model calls (outcome ok, not offline) fell into each millisecond bucket in an
-- hour: metric 1 = ttft_ms, 2 = latency_ms. Buckets keep two significant digits: exact below
-- 100 ms, then 10 ms wide up to 1 s, 100 ms up to 10 s, and so on (the value rounded down).
-- The dashboard finds the bucket of a percentile here, then the exact value in the ledger
-- through the two partial indexes below.
CREATE TABLE ledger_latency_hist (
    hour    INTEGER NOT NULL,
    metric  INTEGER NOT NULL,
    bucket  INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (hour, metric, bucket)
) WITHOUT ROWID;

CREATE INDEX ledger_ttft_values ON ledger (ttft_ms, started_at)
    WHERE outcome = 'ok' AND model <> 'offline' AND ttft_ms IS NOT NULL;
CREATE INDEX ledger_latency_values ON ledger (latency_ms, started_at)
    WHERE outcome = 'ok' AND model <> 'offline' AND latency_ms IS NOT NULL;

-- Stars given in a range.
CREATE INDEX feedback_created ON feedback (created_at);

CREATE TRIGGER ledger_hourly_rollup AFTER INSERT ON ledger
BEGIN
    INSERT INTO ledger_hourly VALUES (
        NEW.started_at - NEW.started_at % 3600000,
        COALESCE(NEW.model, ''), COALESCE(NEW.complexity, ''), NEW.outcome, COALESCE(NEW.error_kind, ''),
        COALESCE(NEW.fallback_reason, ''), MIN(NEW.attempt, 2), NEW.is_final,
        1, NEW.input_tokens, NEW.cached_tokens, NEW.cache_write_5m_tokens, NEW.cache_write_1h_tokens,
        NEW.output_tokens, NEW.reasoning_tokens, NEW.cost_picos, NEW.cost_without_cache_picos,
        NEW.ttft_ms IS NOT NULL, COALESCE(NEW.ttft_ms, 0),
        NEW.latency_ms IS NOT NULL, COALESCE(NEW.latency_ms, 0),
        CASE WHEN NEW.latency_ms > NEW.ttft_ms THEN NEW.output_tokens ELSE 0 END,
        CASE WHEN NEW.latency_ms > NEW.ttft_ms THEN NEW.latency_ms - NEW.ttft_ms ELSE 0 END,
        NEW.retrieval_hit IS NOT NULL, COALESCE(NEW.retrieval_hit, 0),
        NEW.streamed, NEW.client_disconnected, NEW.usage_estimated)
    ON CONFLICT (hour, model, complexity, outcome, error_kind, fallback_reason, attempt_kind, is_final) DO UPDATE SET
        row_count = row_count + 1,
        input_tokens = input_tokens + excluded.input_tokens,
        cached_tokens = cached_tokens + excluded.cached_tokens,
        cache_write_5m_tokens = cache_write_5m_tokens + excluded.cache_write_5m_tokens,
        cache_write_1h_tokens = cache_write_1h_tokens + excluded.cache_write_1h_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
        cost_picos = cost_picos + excluded.cost_picos,
        cost_without_cache_picos = cost_without_cache_picos + excluded.cost_without_cache_picos,
        ttft_count = ttft_count + excluded.ttft_count,
        ttft_sum_ms = ttft_sum_ms + excluded.ttft_sum_ms,
        latency_count = latency_count + excluded.latency_count,
        latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms,
        gen_output_tokens = gen_output_tokens + excluded.gen_output_tokens,
        gen_ms = gen_ms + excluded.gen_ms,
        retrieval_known = retrieval_known + excluded.retrieval_known,
        retrieval_hits = retrieval_hits + excluded.retrieval_hits,
        streamed = streamed + excluded.streamed,
        client_disconnected = client_disconnected + excluded.client_disconnected,
        usage_estimated = usage_estimated + excluded.usage_estimated;
END;

CREATE TRIGGER ledger_student_rollup AFTER INSERT ON ledger WHEN NEW.student_id IS NOT NULL
BEGIN
    INSERT INTO ledger_student_hourly VALUES (
        NEW.started_at - NEW.started_at % 3600000, NEW.student_id, 1, NEW.is_final,
        NEW.is_final AND NEW.outcome = 'ok', NEW.cost_picos)
    ON CONFLICT (hour, student_id) DO UPDATE SET
        row_count = row_count + 1,
        requests = requests + excluded.requests,
        answered = answered + excluded.answered,
        cost_picos = cost_picos + excluded.cost_picos;
END;

CREATE TRIGGER ledger_ttft_rollup AFTER INSERT ON ledger
    WHEN NEW.outcome = 'ok' AND NEW.model <> 'offline' AND NEW.ttft_ms IS NOT NULL
BEGIN
    INSERT INTO ledger_latency_hist VALUES (
        NEW.started_at - NEW.started_at % 3600000, 1,
        CASE
            WHEN NEW.ttft_ms < 100 THEN MAX(NEW.ttft_ms, 0)
            WHEN NEW.ttft_ms < 1000 THEN NEW.ttft_ms - NEW.ttft_ms % 10
            WHEN NEW.ttft_ms < 10000 THEN NEW.ttft_ms - NEW.ttft_ms % 100
            WHEN NEW.ttft_ms < 100000 THEN NEW.ttft_ms - NEW.ttft_ms % 1000
            WHEN NEW.ttft_ms < 1000000 THEN NEW.ttft_ms - NEW.ttft_ms % 10000
            WHEN NEW.ttft_ms < 10000000 THEN NEW.ttft_ms - NEW.ttft_ms % 100000
            ELSE NEW.ttft_ms - NEW.ttft_ms % 1000000
        END, 1)
    ON CONFLICT (hour, metric, bucket) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER ledger_latency_rollup AFTER INSERT ON ledger
    WHEN NEW.outcome = 'ok' AND NEW.model <> 'offline' AND NEW.latency_ms IS NOT NULL
BEGIN
    INSERT INTO ledger_latency_hist VALUES (
        NEW.started_at - NEW.started_at % 3600000, 2,
        CASE
            WHEN NEW.latency_ms < 100 THEN MAX(NEW.latency_ms, 0)
            WHEN NEW.latency_ms < 1000 THEN NEW.latency_ms - NEW.latency_ms % 10
            WHEN NEW.latency_ms < 10000 THEN NEW.latency_ms - NEW.latency_ms % 100
            WHEN NEW.latency_ms < 100000 THEN NEW.latency_ms - NEW.latency_ms % 1000
            WHEN NEW.latency_ms < 1000000 THEN NEW.latency_ms - NEW.latency_ms % 10000
            WHEN NEW.latency_ms < 10000000 THEN NEW.latency_ms - NEW.latency_ms % 100000
            ELSE NEW.latency_ms - NEW.latency_ms % 1000000
        END, 1)
    ON CONFLICT (hour, metric, bucket) DO UPDATE SET n = n + 1;
END;

-- Rows written before this migration.
INSERT INTO ledger_hourly
SELECT started_at - started_at % 3600000, COALESCE(model, ''), COALESCE(complexity, ''), outcome,
       COALESCE(error_kind, ''), COALESCE(fallback_reason, ''), MIN(attempt, 2), is_final,
       COUNT(*), SUM(input_tokens), SUM(cached_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens),
       SUM(output_tokens), SUM(reasoning_tokens), SUM(cost_picos), SUM(cost_without_cache_picos),
       COUNT(ttft_ms), COALESCE(SUM(ttft_ms), 0), COUNT(latency_ms), COALESCE(SUM(latency_ms), 0),
       SUM(CASE WHEN latency_ms > ttft_ms THEN output_tokens ELSE 0 END),
       SUM(CASE WHEN latency_ms > ttft_ms THEN latency_ms - ttft_ms ELSE 0 END),
       COUNT(retrieval_hit), COALESCE(SUM(retrieval_hit), 0), SUM(streamed), SUM(client_disconnected),
       SUM(usage_estimated)
FROM ledger
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO ledger_student_hourly
SELECT started_at - started_at % 3600000, student_id, COUNT(*), SUM(is_final),
       SUM(is_final AND outcome = 'ok'), SUM(cost_picos)
FROM ledger
WHERE student_id IS NOT NULL
GROUP BY 1, 2;

INSERT INTO ledger_latency_hist
SELECT hour, metric, bucket, COUNT(*)
FROM (
    SELECT started_at - started_at % 3600000 AS hour, m.metric AS metric,
           CASE
               WHEN v < 100 THEN MAX(v, 0)
               WHEN v < 1000 THEN v - v % 10
               WHEN v < 10000 THEN v - v % 100
               WHEN v < 100000 THEN v - v % 1000
               WHEN v < 1000000 THEN v - v % 10000
               WHEN v < 10000000 THEN v - v % 100000
               ELSE v - v % 1000000
           END AS bucket
    FROM (SELECT started_at, 1 AS metric, ttft_ms AS v FROM ledger
          WHERE outcome = 'ok' AND model <> 'offline' AND ttft_ms IS NOT NULL
          UNION ALL
          SELECT started_at, 2, latency_ms FROM ledger
          WHERE outcome = 'ok' AND model <> 'offline' AND latency_ms IS NOT NULL) AS m
)
GROUP BY hour, metric, bucket;
