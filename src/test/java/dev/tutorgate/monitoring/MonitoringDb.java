package dev.tutorgate.monitoring;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import dev.tutorgate.ledger.JdbcLedger;
import dev.tutorgate.ledger.LedgerEntry;
import dev.tutorgate.ledger.Outcome;
import dev.tutorgate.ledger.RequestLog;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.storage.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A real SQLite ledger in a temporary folder, and helpers to fill it for the monitoring tests. */
final class MonitoringDb implements AutoCloseable {
    /** Three models on three providers, routed by complexity, budget days in Moscow (UTC+3). */
    static final String CONFIG = """
            providers:
              - { name: gemini-main, type: gemini, baseUrl: "http://127.0.0.1:9", apiKeys: [k1], tier: tier1 }
              - { name: openai-main, type: openai, baseUrl: "http://127.0.0.1:9", apiKeys: [k2], tier: tier1 }
              - { name: anthropic-main, type: anthropic, baseUrl: "http://127.0.0.1:9", apiKeys: [k3], tier: tier1 }
            models:
              - { name: gemini-2.5-flash, provider: gemini-main }
              - { name: gpt-4.1-mini, provider: openai-main }
              - { name: claude-sonnet-4-5, provider: anthropic-main }
            routing:
              simple: gemini-2.5-flash
              medium: gpt-4.1-mini
              complex: claude-sonnet-4-5
              fallbacks: [gpt-4.1-mini, offline]
            budget: { dailyUsd: 20, weeklyUsd: 100, timeZone: Europe/Moscow }
            """;

    final Database db;
    final JdbcLedger ledger;

    MonitoringDb(Path dir) {
        db = Database.open("jdbc:sqlite:" + dir.resolve("tutorgate.db"));
        ledger = new JdbcLedger(db, RequestLog.open(null));
    }

    static TutorgateConfig config(String extraYaml) {
        return ConfigLoader.fromYaml(CONFIG + extraYaml, "test", Map.of()).config();
    }

    SummaryService service(TutorgateConfig config, Instant now) {
        return new SummaryService(db, config, new CostCalculator(PriceTable.from(config)), Clock.fixed(now, ZoneOffset.UTC));
    }

    void record(LedgerEntry entry) {
        ledger.record(entry);
    }

    void student(String id, String name) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO students (id, name, token_hash, created_at) VALUES (?, ?, ?, 0)")) {
                s.setString(1, id);
                s.setString(2, name);
                s.setString(3, "hash-" + id);
                return s.executeUpdate();
            }
        });
    }

    void feedback(String requestId, String studentId, int stars, Instant at) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO feedback (request_id, student_id, stars, created_at) VALUES (?, ?, ?, ?)")) {
                s.setString(1, requestId);
                s.setString(2, studentId);
                s.setInt(3, stars);
                s.setLong(4, at.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    void review(String requestId, String verdict, Instant at) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO reviews (request_id, verdict, created_at) VALUES (?, ?, ?)")) {
                s.setString(1, requestId);
                s.setString(2, verdict);
                s.setLong(3, at.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        ledger.close();
        db.close();
    }

    static long usd(String amount) {
        return Money.picosFromUsd(amount);
    }

    /** A ledger row built field by field; defaults: attempt 1, final, ok, no tokens, no cost. */
    static Row row(String requestId, Instant at) {
        return new Row(requestId, at);
    }

    static final class Row {
        private final String requestId;
        private final Instant at;
        private int attempt = 1;
        private boolean isFinal = true;
        private String student;
        private String complexity;
        private String model;
        private Outcome outcome = Outcome.OK;
        private String errorKind;
        private String fallbackReason;
        private Usage usage = Usage.ZERO;
        private long cost;
        private long costWithoutCache;
        private Long ttft;
        private Long latency;
        private boolean streamed;
        private boolean disconnected;
        private Boolean retrieval;

        private Row(String requestId, Instant at) {
            this.requestId = requestId;
            this.at = at;
        }

        Row attempt(int attempt, boolean isFinal) {
            this.attempt = attempt;
            this.isFinal = isFinal;
            return this;
        }

        Row student(String student) {
            this.student = student;
            return this;
        }

        Row on(String model, String complexity) {
            this.model = model;
            this.complexity = complexity;
            return this;
        }

        Row failed(String errorKind) {
            this.outcome = Outcome.ERROR;
            this.errorKind = errorKind;
            return this;
        }

        Row cancelled() {
            this.outcome = Outcome.CANCELLED;
            this.errorKind = "cancelled";
            this.disconnected = true;
            return this;
        }

        Row refused(String reason, String complexity) {
            this.attempt = 0;
            this.outcome = Outcome.REJECTED;
            this.errorKind = reason;
            this.complexity = complexity;
            return this;
        }

        Row fallback(String reason) {
            this.fallbackReason = reason;
            return this;
        }

        Row tokens(long input, long cached, long output) {
            this.usage = new Usage(input, cached, 0, 0, output, 0, false);
            return this;
        }

        Row cost(String usd, String withoutCacheUsd) {
            this.cost = usd(usd);
            this.costWithoutCache = usd(withoutCacheUsd);
            return this;
        }

        Row times(Long ttftMs, Long latencyMs) {
            this.ttft = ttftMs;
            this.latency = latencyMs;
            this.streamed = ttftMs != null;
            return this;
        }

        Row retrieval(Boolean hit) {
            this.retrieval = hit;
            return this;
        }

        LedgerEntry entry() {
            String provider = model == null ? null : model.equals("offline") ? "offline" : model + "-provider";
            return new LedgerEntry(requestId, attempt, isFinal, at, student, student == null ? null : "conv-" + student,
                    complexity, model, provider, model == null || model.equals("offline") ? null : provider + "#1",
                    outcome, errorKind, fallbackReason, usage, cost, costWithoutCache, ttft, latency, streamed,
                    disconnected, retrieval);
        }
    }
}
