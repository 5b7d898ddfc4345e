package dev.tutorgate.stress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report for people: a few compact tables, numbers right-aligned, money as "$0.0123", the verdict last. */
public final class ReportText {
    /** More students than this: the table shows those that broke or came nearest to the limit. */
    static final int STUDENT_ROWS = 12;

    private ReportText() {
    }

    public static String render(StressReport r) {
        StringBuilder out = new StringBuilder();
        out.append("tutorgate stress: ").append(r.requests()).append(plural(r.requests(), " request", " requests"))
                .append(" from ").append(r.students().size()).append(plural(r.students().size(), " student", " students"))
                .append(", ").append(r.concurrency()).append(" at a time, ")
                .append(r.streamed() ? "streamed" : "as JSON").append(", to ").append(r.url()).append('\n');
        out.append("Questions: ").append(r.questions()).append("   Run: ").append(r.runId()).append("\n\n");

        new TextTable("Outcome", "Requests")
                .row("answered", r.answered())
                .row("429 too many requests", r.tooMany())
                .row("503 unavailable", r.unavailable())
                .row("other errors", r.otherErrors())
                .row("total", r.requests())
                .appendTo(out);
        if (!r.errors().isEmpty()) {
            out.append('\n');
            TextTable errors = new TextTable("Not answered, by code", "Status", "Count");
            r.errors().forEach(e -> errors.row(e.code(), e.status() == 0 ? "-" : e.status(), e.count()));
            errors.appendTo(out);
        }

        out.append('\n');
        TextTable timing = new TextTable("Answers (nearest rank, n = " + r.latency().count() + ")", "p50", "p95", "p99");
        timing.row("time to first token", ms(r.ttft(), r.ttft().p50()), ms(r.ttft(), r.ttft().p95()), ms(r.ttft(), r.ttft().p99()));
        timing.row("latency", ms(r.latency(), r.latency().p50()), ms(r.latency(), r.latency().p95()),
                ms(r.latency(), r.latency().p99()));
        timing.appendTo(out);
        out.append("  run time ").append(Figures.seconds(r.durationNanos())).append(" · ")
                .append(r.requestsPerSecond().toPlainString()).append(" requests/s · ")
                .append(r.answersPerSecond().toPlainString()).append(" answers/s\n\n");

        new TextTable("Cost", "USD")
                .row("total (" + r.answered() + plural(r.answered(), " answer)", " answers)"), Figures.usd(r.costPicos()))
                .row("per answered query", r.answered() == 0 ? "-" : Figures.usd(r.costPerAnswerPicos()))
                .appendTo(out);
        if (r.answersWithoutCost() > 0) {
            out.append("  (").append(r.answersWithoutCost()).append(" answers did not say their cost: counted as $0)\n");
        }
        out.append('\n');
        out.append("  models       ").append(r.models().isEmpty() ? "-" : counts(r.models())).append('\n');
        out.append("  asked        ").append(hasAny(r.asked()) ? counts(r.asked()) : "(questions without labels)").append('\n');
        out.append("  routed       ").append(hasAny(r.routed()) ? counts(r.routed()) + "  (as the server classified the answered ones)" : "-").append('\n');

        out.append('\n');
        limits(r.limits(), out);
        out.append("\nDashboard: ").append(r.dashboardUrl()).append('\n');
        return out.toString();
    }

    private static void limits(LimitVerdict v, StringBuilder out) {
        out.append("Rate limit: ").append(v.limitPerMinute()).append(" per minute per student (").append(ruleText(v))
                .append(")\n  the limit is ").append(v.source().description()).append("\n\n");
        TextTable table = new TextTable("Student", "Sent", "Answered", "429", "Tightest window").leftAligned(4);
        List<LimitVerdict.StudentLimit> rows = v.students().stream()
                .sorted(Comparator.comparing(LimitVerdict.StudentLimit::held).thenComparing(ReportText::slack))
                .limit(STUDENT_ROWS).toList();
        rows.forEach(s -> table.row(s.name(), s.sent(), s.answered(), s.tooMany(), window(s.window())));
        table.appendTo(out);
        if (v.students().size() > rows.size()) {
            out.append("  … and ").append(v.students().size() - rows.size()).append(" more students");
            out.append(v.violators().size() > rows.size() ? "\n" : ", all within the limit\n");
        }
        out.append('\n');
        if (v.held()) {
            out.append("Rate limits held");
            out.append(v.exercised() ? ": no student got more answers than allowed, and every 429 said when to retry.\n"
                    : ", but no student sent more than " + v.limitPerMinute()
                            + " requests, so the limit was not put to the test (use more --requests or fewer --students).\n");
            return;
        }
        out.append("Rate limits did NOT hold:\n");
        List<LimitVerdict.StudentLimit> violators = v.violators();
        for (LimitVerdict.StudentLimit s : violators.subList(0, Math.min(STUDENT_ROWS, violators.size()))) {
            LimitVerdict.Window w = s.window();
            out.append("  ").append(s.name()).append(" got ").append(w.answers()).append(" answers between ")
                    .append(Figures.seconds(w.from())).append(" and ").append(Figures.seconds(w.to()))
                    .append(" into the run, where at most ").append(w.allowed()).append(" were allowed\n");
        }
        if (violators.size() > STUDENT_ROWS) {
            out.append("  … and ").append(violators.size() - STUDENT_ROWS).append(" more students over the limit\n");
        }
        if (v.tooManyWithoutRetryAfter() > 0) {
            out.append("  ").append(v.tooManyWithoutRetryAfter())
                    .append(" × 429 without Retry-After or retryAfterSeconds\n");
        }
        if (v.rateLimitedNot429() > 0) {
            out.append("  ").append(v.rateLimitedNot429()).append(" refusals with code rate_limited but a status other than 429\n");
        }
    }

    private static String ruleText(LimitVerdict v) {
        return switch (v.rule()) {
            case TOKEN_BUCKET -> "token bucket: " + v.limitPerMinute() + " at once, then one every "
                    + BigDecimal.valueOf(60).divide(BigDecimal.valueOf(v.limitPerMinute()), 1, RoundingMode.HALF_UP)
                            .stripTrailingZeros().toPlainString() + " s";
            case ROLLING_MINUTE -> "at most " + v.limitPerMinute() + " within any 60 s";
        };
    }

    private static long slack(LimitVerdict.StudentLimit s) {
        return s.window() == null ? Long.MAX_VALUE : s.window().allowed() - s.window().answers();
    }

    private static String window(LimitVerdict.Window w) {
        if (w == null) {
            return "-";
        }
        return w.answers() + " answers in " + Figures.seconds(w.to() - w.from()) + " (" + w.allowed() + " allowed)";
    }

    private static String ms(Percentiles p, long nanos) {
        return p.isEmpty() ? "-" : Figures.millis(nanos);
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean hasAny(Map<String, Integer> counts) {
        return counts.values().stream().anyMatch(n -> n > 0);
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
