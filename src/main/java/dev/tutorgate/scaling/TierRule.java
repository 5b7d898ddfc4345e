package dev.tutorgate.scaling;

import static dev.tutorgate.scaling.ScalingThresholds.FREE_TIER_CRITICAL_STUDENTS;
import static dev.tutorgate.scaling.ScalingThresholds.FREE_TIER_WARNING_STUDENTS;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tier to be on: the brief's thresholds table read with the student count, and its
 * free-tier signals (a warning above 50 students with a provider on the free tier, critical above
 * 100 with every provider on it). Always gives one piece of advice, "ok" when the tiers fit.
 */
final class TierRule {
    private TierRule() {
    }

    /** The thresholds table's row for the student count, and the brief's free-tier signals. */
    static Advice advise(ScalingFacts facts, TierStatus tiers) {
        long students = facts.students();
        ScalingThresholds.Row row = ScalingThresholds.rowFor(students);
        List<ProviderTier> providers = tiers.providers();
        List<String> free = providers.stream().filter(p -> ScalingThresholds.rank(p.tier()) == 0)
                .map(ProviderTier::provider).toList();
        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.count("Students", students, "students"));
        numbers.add(Fact.words("Thresholds table", row.describe()));
        providers.forEach(p -> numbers.add(Fact.words("Tier of " + p.provider(), p.tier() == null ? "not set" : p.tier())));
        if (facts.projectedMonthPicos() != null) {
            numbers.add(Fact.usd("Spending a month (projected)", facts.projectedMonthPicos()));
        }
        String plural = students == 1 ? " student" : " students";
        if (!providers.isEmpty() && free.size() == providers.size() && students > FREE_TIER_CRITICAL_STUDENTS) {
            return new Advice(Advice.Topic.TIER, Advice.Level.CRITICAL, null, "Upgrade to Tier 1 now",
                    students + plural + " and every provider on the free tier (critical above "
                            + FREE_TIER_CRITICAL_STUDENTS + "): its limits cannot carry them.",
                    upgradeToTier1(free), numbers);
        }
        if (!free.isEmpty() && students > FREE_TIER_WARNING_STUDENTS) {
            return new Advice(Advice.Topic.TIER, Advice.Level.WARNING, null, "Plan Tier 1 for " + String.join(", ", free),
                    students + plural + " with " + String.join(", ", free) + " on the free tier (a warning above "
                            + FREE_TIER_WARNING_STUDENTS + ").", upgradeToTier1(free), numbers);
        }
        if (row.tier() == null) {
            return new Advice(Advice.Topic.TIER, Advice.Level.INFO, null, "Past the published tiers",
                    "The thresholds table puts " + students + plural + " at: " + row.recommendation() + " (" + row.monthlyCost()
                            + " a month).", "See the self-hosting advice; meanwhile keep the highest tier you can get"
                            + " and add keys where the limits are tight.", numbers);
        }
        int wanted = ScalingThresholds.rank(row.tier());
        List<String> below = providers.stream()
                .filter(p -> ScalingThresholds.rank(p.tier()) >= 0 && ScalingThresholds.rank(p.tier()) < wanted)
                .map(p -> p.provider() + " (" + p.tier() + ")").toList();
        if (!below.isEmpty()) {
            return new Advice(Advice.Topic.TIER, Advice.Level.INFO, null, "Move " + String.join(", ", below) + " to "
                    + row.tier(), "The thresholds table puts " + students + plural + " at: " + row.recommendation() + " ("
                    + row.monthlyCost() + " a month).", "Upgrade the account to " + row.tier() + " when its"
                    + " qualification is met and set providers[].tier: " + row.tier() + "; or add API keys of other"
                    + " projects or organisations, which round-robin adds up.", numbers);
        }
        return new Advice(Advice.Topic.TIER, Advice.Level.OK, null, "The tiers fit " + students + plural,
                "The thresholds table puts " + students + plural + " at: " + row.recommendation() + " (" + row.monthlyCost()
                        + " a month), and no provider is on a lower tier.", "Nothing to do.", numbers);
    }

    private static String upgradeToTier1(List<String> free) {
        return "Move " + String.join(", ", free) + " to Tier 1 (Gemini: link a billing account, 1,000 RPM; OpenAI: $5"
                + " paid; Anthropic: $5 of credits), then set providers[].tier: tier1.";
    }
}
