package dev.tutorgate.stress;

import dev.tutorgate.core.Complexity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a stress run found, computed once from the outcomes; {@link ReportText} and
 * {@link ReportJson} only lay it out.
 *
 * @param errors         every request that was not answered, by code and status, most frequent first
 * @param ttft           time to the first {@code delta} of streamed answers, nanoseconds
 * @param latency        request sent → answer complete, of answers only, nanoseconds
 * @param costPicos      the sum of the answers' {@code costUsd}, exact
 * @param answersWithoutCost answers that did not say what they cost (counted as $0)
 * @param asked          the complexity we meant for each request (built-in questions), all requests
 * @param routed         the complexity the server gave each answer
 */
public record StressReport(String url, String runId, int requests, int concurrency, List<String> students,
                           boolean streamed, String questions, long durationNanos,
                           int answered, int tooMany, int unavailable, int otherErrors, List<CodeCount> errors,
                           Percentiles ttft, Percentiles latency, long costPicos, int answersWithoutCost,
                           Map<String, Integer> models, Map<String, Integer> asked, Map<String, Integer> routed,
                           LimitVerdict limits) {
    public StressReport {
        students = List.copyOf(students);
        errors = List.copyOf(errors);
    }

    /** Requests that were not answered, one code (and status) at a time. Status 0: no response at all. */
    public record CodeCount(String code, int status, int count) {
    }

    static StressReport of(StressPlan plan, String runId, List<StudentToken> students, LoadRunner.Result run,
                           LimitVerdict limits) {
        List<Outcome> outcomes = run.outcomes();
        int answered = 0;
        int tooMany = 0;
        int unavailable = 0;
        long cost = 0;
        int withoutCost = 0;
        List<Long> ttfts = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        Map<String, CodeCount> errors = new LinkedHashMap<>();
        Map<String, Integer> models = new TreeMap<>();
        Map<String, Integer> asked = complexityCounts();
        Map<String, Integer> routed = complexityCounts();
        for (Outcome o : outcomes) {
            if (o.asked() != null) {
                asked.merge(o.asked().label(), 1, Integer::sum);
            }
            if (o.answered()) {
                answered++;
                cost = Math.addExact(cost, o.costPicos());
                withoutCost += o.costKnown() ? 0 : 1;
                latencies.add(o.latencyNanos());
                if (o.ttftNanos() != Outcome.NONE) {
                    ttfts.add(o.ttftNanos());
                }
                models.merge(o.model() == null ? "(not said)" : o.model(), 1, Integer::sum);
                if (o.routed() != null) {
                    routed.merge(o.routed().label(), 1, Integer::sum);
                }
                continue;
            }
            tooMany += o.status() == 429 ? 1 : 0;
            unavailable += o.status() == 503 ? 1 : 0;
            errors.merge(o.code() + " " + o.status(), new CodeCount(o.code(), o.status(), 1),
                    (a, b) -> new CodeCount(a.code(), a.status(), a.count() + 1));
        }
        List<CodeCount> byCount = errors.values().stream()
                .sorted(Comparator.comparingInt(CodeCount::count).reversed().thenComparing(CodeCount::code))
                .toList();
        return new StressReport(plan.baseUrl().toString(), runId, plan.requests(), plan.concurrency(),
                students.stream().map(StudentToken::name).toList(), plan.stream(), plan.questions().source(),
                run.durationNanos(), answered, tooMany, unavailable, outcomes.size() - answered - tooMany - unavailable,
                byCount, Percentiles.of(toArray(ttfts)), Percentiles.of(toArray(latencies)), cost, withoutCost,
                models, asked, routed, limits);
    }

    /** The cost of one answered query, rounded half-up to the pico-dollar; 0 without answers. */
    public long costPerAnswerPicos() {
        return answered == 0 ? 0 : BigDecimal.valueOf(costPicos)
                .divide(BigDecimal.valueOf(answered), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public BigDecimal requestsPerSecond() {
        return perSecond(requests);
    }

    public BigDecimal answersPerSecond() {
        return perSecond(answered);
    }

    public String dashboardUrl() {
        return url + "admin";
    }

    private BigDecimal perSecond(int count) {
        return durationNanos <= 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(1_000_000_000L))
                        .divide(BigDecimal.valueOf(durationNanos), 1, RoundingMode.HALF_UP);
    }

    private static Map<String, Integer> complexityCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Complexity c : Complexity.values()) {
            counts.put(c.label(), 0);
        }
        return counts;
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
