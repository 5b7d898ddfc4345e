-- One row that /health/ready updates to prove the ledger's database takes writes.
CREATE TABLE health_probe (
    id          INTEGER PRIMARY KEY,
    checked_at  INTEGER NOT NULL
);
INSERT INTO health_probe (id, checked_at) VALUES (1, 0);
