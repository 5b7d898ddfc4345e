package dev.tutorgate.monitoring;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Money;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The brief's thresholds table (PRODUCT.md §4) and the advice it leads to with the signals:
 *
 * <pre>
 *   students   recommendation                               expected cost a month
 *   < 50       free tier + Gemini Flash                     $0–150
 *   50–99      Tier 1 + prompt caching                      $150–350
 *   100–299    Tier 1 + aggressive optimisation             $350–900
 *   300–500    Tier 2 + hybrid models                       $900–2,000
 *   > 500      negotiate with the provider or self-host     $2,000+
 * </pre>
 *
 * The brief's rows share their edges ("50–100", "100–300"); a count on an edge takes the larger
 * setup, except 500, which the brief still gives to Tier 2 ("300–500", "> 500").
 */
public final class ScalingAdvisor {
    private record Row(long minStudents, long maxStudents, long minUsd, Long maxUsd, Summary.ThresholdRow shown) {
    }

    private static final List<Row> TABLE = List.of(
            new Row(0, 49, 0, 150L, new Summary.ThresholdRow("< 50", "Free tier + Gemini 2.5 Flash", "$0–150", "free")),
            new Row(50, 99, 150, 350L, new Summary.ThresholdRow("50–100", "Tier 1 + prompt caching", "$150–350", "tier1")),
            new Row(100, 299, 350, 900L, new Summary.ThresholdRow("100–300", "Tier 1 + aggressive optimisation",
                    "$350–900", "tier1")),
            new Row(300, 500, 900, 2000L, new Summary.ThresholdRow("300–500", "Tier 2 + hybrid models",
                    "$900–2,000", "tier2")),
            new Row(501, Long.MAX_VALUE, 2000, null, new Summary.ThresholdRow("> 500",
                    "Negotiate with the provider or self-host", "$2,000+", "negotiate")));

    /** The table as shown to people. */
    public static List<Summary.ThresholdRow> table() {
        return TABLE.stream().map(Row::shown).toList();
    }

    /** The row for a student count. */
    public static Summary.ThresholdRow rowFor(long students) {
        return row(students).shown();
    }

    private static Row row(long students) {
        return TABLE.stream().filter(r -> students >= r.minStudents() && students <= r.maxStudents()).findFirst()
                .orElse(TABLE.getFirst());
    }

    /**
     * @param students       the student count the table is read with
     * @param providers      the configured providers (their tiers)
     * @param projectedMonth what this range's spending comes to over 30 days; null when unknown
     * @param signals        the signals that fired
     */
    public Summary.Advice advise(long students, List<TutorgateConfig.Provider> providers, Usd projectedMonth,
                                 List<Signal> signals) {
        Row row = row(students);
        List<String> tiers = providers.stream().map(p -> p.name() + ": " + tierOf(p)).toList();
        Set<String> actions = new LinkedHashSet<>(tierActions(row, providers));
        if (projectedMonth != null && row.maxUsd() != null
                && projectedMonth.picos() > row.maxUsd() * Money.PICOS_PER_USD) {
            actions.add("Spending is heading for " + projectedMonth.text() + " a month, above the "
                    + row.shown().monthlyCost() + " expected for " + students + " students: route simple questions "
                    + "to cheaper models, check prompt caching, consider per-student caps (limits.studentMonthlyUsd).");
        }
        for (Signal signal : signals) {
            actions.add(actionFor(signal.key()));
        }
        String headline = students + " student" + (students == 1 ? "" : "s") + ": " + row.shown().recommendation()
                + " (" + row.shown().monthlyCost() + " a month)"
                + (signals.isEmpty() ? "; no scaling signal fired." : "; " + signals.size() + " scaling signal"
                + (signals.size() == 1 ? "" : "s") + " fired.");
        if (actions.isEmpty()) {
            actions.add("No action needed: the setup fits the student count and every signal is quiet.");
        }
        return new Summary.Advice(students, row.shown(), table(), tiers, projectedMonth, headline, List.copyOf(actions));
    }

    private static List<String> tierActions(Row row, List<TutorgateConfig.Provider> providers) {
        List<String> out = new ArrayList<>();
        String wanted = row.shown().tier();
        if (wanted.equals("negotiate")) {
            out.add("Over 500 students: negotiate volume pricing with the provider or self-host an open model.");
            return out;
        }
        int wantedRank = rank(wanted);
        for (TutorgateConfig.Provider p : providers) {
            int rank = rank(tierOf(p));
            if (rank >= 0 && rank < wantedRank) {
                out.add("Upgrade " + p.name() + " from " + tierOf(p) + " to " + wanted
                        + (wanted.equals("tier1") ? " (Gemini: $250+ spent; 1,000 RPM)" : "")
                        + ", or add API keys to it (round-robin adds their limits).");
            }
        }
        return out;
    }

    private static String tierOf(TutorgateConfig.Provider p) {
        return p.tier() == null ? "custom" : p.tier().toLowerCase(Locale.ROOT);
    }

    /** free 0, tier1 1 … tier5 5; -1 for custom or unknown tiers, which are never advised about. */
    private static int rank(String tier) {
        if (tier.equals("free")) {
            return 0;
        }
        if (tier.matches("tier[1-5]")) {
            return tier.charAt(4) - '0';
        }
        return -1;
    }

    static String actionFor(String signalKey) {
        return switch (signalKey) {
            case "rate_limit_errors" -> "Provider rate limits are refusing calls: upgrade the tier or add API keys "
                    + "(round-robin adds their RPM); the request log shows which keys.";
            case "error_rate" -> "Too many calls fail: look at the provider status and the request log's errors, "
                    + "check the keys, let fallbacks take the load.";
            case "ttft_p95" -> "Answers start slowly: upgrade the tier, route simple questions to a faster model, "
                    + "check the provider status.";
            case "cache_hit_rate" -> "Prompt caching is not working well: keep the course prefix identical between "
                    + "requests and check that the model supports caching.";
            case "cost_per_student" -> "A student costs too much: route more questions to cheaper models (hybrid "
                    + "routing), check prompt caching, cap spending per student.";
            case "free_tier" -> "The free tier cannot carry this many students: upgrade to Tier 1.";
            default -> "See the signal " + signalKey + ".";
        };
    }
}
