package dev.tutorgate.stress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The report as one JSON object for scripts. Money is an exact decimal string ("0.000123456789"),
 * durations are milliseconds with nanosecond precision; nothing passes through a binary float.
 */
public final class ReportJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ReportJson() {
    }

    public static String render(StressReport r) {
        ObjectNode root = NODES.objectNode();
        root.put("url", r.url());
        root.put("runId", r.runId());
        root.put("requests", r.requests());
        root.put("students", r.students().size());
        root.put("concurrency", r.concurrency());
        root.put("streamed", r.streamed());
        root.put("questions", r.questions());
        root.put("durationSeconds", Figures.secondsExact(r.durationNanos()));

        ObjectNode counts = root.putObject("counts");
        counts.put("answered", r.answered());
        counts.put("tooManyRequests", r.tooMany());
        counts.put("unavailable", r.unavailable());
        counts.put("otherErrors", r.otherErrors());
        var errors = root.putArray("errors");
        r.errors().forEach(e -> errors.addObject().put("code", e.code()).put("status", e.status()).put("count", e.count()));

        root.put("percentileMethod", "nearest-rank");
        percentiles(root, "ttftMs", r.ttft());
        percentiles(root, "latencyMs", r.latency());
        ObjectNode throughput = root.putObject("throughput");
        throughput.put("requestsPerSecond", r.requestsPerSecond());
        throughput.put("answersPerSecond", r.answersPerSecond());

        ObjectNode cost = root.putObject("cost");
        cost.put("totalUsd", Figures.usdExact(r.costPicos()));
        if (r.answered() == 0) {
            cost.putNull("perAnsweredUsd");
        } else {
            cost.put("perAnsweredUsd", Figures.usdExact(r.costPerAnswerPicos()));
        }
        cost.put("answersWithoutCost", r.answersWithoutCost());

        counts(root.putObject("models"), r.models());
        ObjectNode complexity = root.putObject("complexity");
        counts(complexity.putObject("asked"), r.asked());
        counts(complexity.putObject("routed"), r.routed());

        limits(root.putObject("rateLimits"), r.limits());
        root.put("dashboard", r.dashboardUrl());
        try {
            return ChatCaller.JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static void limits(ObjectNode node, LimitVerdict v) {
        node.put("held", v.held());
        node.put("exercised", v.exercised());
        node.put("limitPerMinute", v.limitPerMinute());
        node.put("source", v.source().name().toLowerCase(java.util.Locale.ROOT));
        node.put("rule", v.rule().label());
        node.put("tooManyWithoutRetryAfter", v.tooManyWithoutRetryAfter());
        node.put("rateLimitedNot429", v.rateLimitedNot429());
        var students = node.putArray("students");
        for (LimitVerdict.StudentLimit s : v.students()) {
            ObjectNode student = students.addObject();
            student.put("name", s.name());
            student.put("sent", s.sent());
            student.put("answered", s.answered());
            student.put("tooManyRequests", s.tooMany());
            student.put("held", s.held());
            if (s.window() == null) {
                student.putNull("window");
            } else {
                student.putObject("window")
                        .put("answers", s.window().answers())
                        .put("allowed", s.window().allowed())
                        .put("fromSeconds", Figures.secondsExact(s.window().from()))
                        .put("toSeconds", Figures.secondsExact(s.window().to()));
            }
        }
    }

    private static void percentiles(ObjectNode root, String name, Percentiles p) {
        if (p.isEmpty()) {
            root.putNull(name);
            return;
        }
        root.putObject(name)
                .put("count", p.count())
                .put("p50", Figures.millisExact(p.p50()))
                .put("p95", Figures.millisExact(p.p95()))
                .put("p99", Figures.millisExact(p.p99()))
                .put("max", Figures.millisExact(p.max()));
    }

    private static void counts(ObjectNode node, Map<String, Integer> counts) {
        counts.forEach(node::put);
    }
}
