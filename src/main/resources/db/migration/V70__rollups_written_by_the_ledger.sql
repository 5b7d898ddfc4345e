-- The roll-ups of V40 are now written by the ledger itself (ledger.LedgerRollups): it sums the rows
-- of each group transaction in memory and upserts every sum once, just before that transaction
-- commits. Roll-ups still commit with the rows they sum; the per-row triggers did the same work
-- four upserts per row, three quarters of the cost of each insert. Rows must therefore be written
-- through the ledger (JdbcLedger), never by hand.
DROP TRIGGER IF EXISTS ledger_hourly_rollup;
DROP TRIGGER IF EXISTS ledger_student_rollup;
DROP TRIGGER IF EXISTS ledger_ttft_rollup;
DROP TRIGGER IF EXISTS ledger_latency_rollup;
